package webhooktest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhooktest"
)

// A test registers a receiver for message.received, launches a LinkedIn
// campaign, advances the mock's frozen clock by three days and asserts on
// the first reply: it arrived signed, and names the contact who replied.
func Example() {
	mock, err := mockserver.New(mockserver.Options{Seed: 1, ClockStart: time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC), ClockFrozen: true})
	if err != nil {
		panic(err)
	}
	defer mock.Close()
	api := httptest.NewServer(mock)
	defer api.Close()
	rcv := webhooktest.NewReceiver()
	defer rcv.Close()

	call := func(method, path, body string) map[string]any {
		req, _ := http.NewRequest(method, api.URL+"/api/v1"+path, strings.NewReader(body))
		req.Header.Set("X-Api-Key", "example-key")
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

	hook := call("POST", "/webhooks", `{"name": "replies", "url": "`+rcv.URL+`", "events": ["message.received"]}`)
	rcv.SetSecret(hook["data"].(map[string]any)["secret"].(string))

	var ids []string
	for i := range 20 {
		ids = append(ids, fmt.Sprintf(`"prospect-%d"`, i))
	}
	call("POST", "/linkedin/outreach/campaigns", `{"name": "Q3 outreach", "campaign_type": "sequence",
		"provider_ids": [`+strings.Join(ids, ",")+`],
		"sequence_messages": [{"text": "Thanks for connecting!", "wait_days": 1}]}`)

	if _, err := mock.Clock().Advance(72 * time.Hour); err != nil {
		panic(err)
	}
	reply, err := rcv.WaitFor("message.received", 10*time.Second)
	if err != nil {
		panic(err)
	}
	var data struct {
		Message struct {
			Direction string `json:"direction"`
			ContactID int    `json:"contact_id"`
		} `json:"message"`
		Contact struct {
			ID int `json:"id"`
		} `json:"contact"`
	}
	_ = json.Unmarshal(reply.Data, &data)
	fmt.Println(reply.Event, "signature ok:", reply.SignatureOK)
	fmt.Println("direction:", data.Message.Direction, "same contact:", data.Message.ContactID == data.Contact.ID)
	// Output:
	// message.received signature ok: true
	// direction: inbound same contact: true
}
