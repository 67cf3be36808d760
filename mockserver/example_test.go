package mockserver_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// A Go test can run the mock in-process with httptest and point its client
// at it: here, the SkyLight 2FA connect flow under the 2fa-required scenario.
func Example() {
	mock, err := mockserver.New(mockserver.Options{
		Seed:        1,
		Scenario:    "2fa-required",
		ClockStart:  time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC),
		ClockFrozen: true,
	})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(mock)
	defer srv.Close()

	post := func(path, body string) map[string]any {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1"+path, strings.NewReader(body))
		req.Header.Set("X-Api-Key", "test-key")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return out
	}

	connect := post("/channels/linkedin/connect", `{"username": "m.alotaibi@noortech.sa", "password": "secret", "country": "SA"}`)
	pending := connect["data"].(map[string]any)
	fmt.Println("requires_2fa:", pending["requires_2fa"])
	done := post("/channels/linkedin/2fa", fmt.Sprintf(`{"account_id": %q, "code": "123456"}`, pending["account_id"]))
	channel := done["data"].(map[string]any)
	fmt.Println("requires_2fa:", channel["requires_2fa"], "sync_status:", channel["sync_status"])
	// Output:
	// requires_2fa: true
	// requires_2fa: false sync_status: CONNECTING
}
