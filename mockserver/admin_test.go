package mockserver

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestAdminHealthAndSpecs(t *testing.T) {
	hs := startTest(t, Options{AdminToken: "s3cret"})
	require.Equal(t, 200, call(t, hs, "GET", "/__admin/health", "").status, "health stays open")
	require.Equal(t, 401, call(t, hs, "GET", "/__admin/scenarios", "").status)
	r := call(t, hs, "GET", "/__admin/openapi/skylight.yaml", "", "Authorization", "Bearer s3cret")
	require.Equal(t, 200, r.status)
	require.Contains(t, r.raw, "https://dashboard.skylightchat.com/api/v1")
	r = call(t, hs, "GET", "/__admin/openapi/konnector.yaml", "", "Authorization", "Bearer s3cret")
	require.Contains(t, r.raw, "https://dev-api.konnector.ai/social_app/api/v1/third_party")
	require.Equal(t, 404, call(t, hs, "GET", "/__admin/openapi/other.yaml", "", "Authorization", "Bearer s3cret").status)
}

func TestAdminScenarioSwitch(t *testing.T) {
	hs := startTest(t, Options{})
	r := call(t, hs, "GET", "/__admin/scenarios", "")
	require.Equal(t, 200, r.status)
	require.Contains(t, r.raw, `"name": "quota-exhausted"`)
	require.Contains(t, r.raw, `"code": "123456"`, "a test can read the valid 2FA code")

	r = call(t, hs, "PUT", "/__admin/scenario", `{"scenario": "rate-limited"}`)
	require.Equal(t, 200, r.status, r.raw)
	require.Equal(t, "rate-limited", r.body["scenario"])
	for i := 0; i < 3; i++ {
		require.NotEqual(t, 429, call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k").status)
	}
	r = call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k")
	require.Equal(t, 429, r.status)
	require.Equal(t, "RATE_LIMIT_EXCEEDED", r.body["data"].(map[string]any)["error_code"])
	require.Equal(t, "0", r.header.Get("X-RateLimit-Remaining-Minute"))
	require.NotEmpty(t, r.header.Get("Retry-After"))

	require.Equal(t, 400, call(t, hs, "PUT", "/__admin/scenario", `{"scenario": "nope"}`).status)
	require.Equal(t, 400, call(t, hs, "PUT", "/__admin/scenario", `{"scenaro": "default"}`).status)
}

func TestAdminClockAdvanceResetsRateLimitWindow(t *testing.T) {
	hs := startTest(t, Options{Scenario: "rate-limited"})
	for i := 0; i < 3; i++ {
		call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k")
	}
	require.Equal(t, 429, call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k").status)
	r := call(t, hs, "POST", "/__admin/clock/advance", `{"duration": "1m"}`)
	require.Equal(t, 200, r.status, r.raw)
	require.Equal(t, "2025-05-11T09:01:00Z", r.body["now"])
	require.NotEqual(t, 429, call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k").status)

	require.Equal(t, 400, call(t, hs, "POST", "/__admin/clock/advance", `{"duration": "-1h"}`).status)
	require.Equal(t, 400, call(t, hs, "POST", "/__admin/clock/advance", `{"duration": "soon"}`).status)
}

func TestAdminResetForgetsTenants(t *testing.T) {
	hs := startTest(t, Options{})
	call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "a")
	call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "b")
	require.Equal(t, float64(2), call(t, hs, "GET", "/__admin/tenants", "").body["held"])
	r := call(t, hs, "POST", "/__admin/reset", `{"api_key": "a"}`)
	require.Equal(t, float64(1), r.body["tenants_removed"])
	r = call(t, hs, "POST", "/__admin/reset", "")
	require.Equal(t, float64(1), r.body["tenants_removed"])
	require.Equal(t, float64(0), call(t, hs, "GET", "/__admin/tenants", "").body["held"])
}

func TestJournalMasksSecretsAndFilters(t *testing.T) {
	logs := &syncBuffer{}
	hs := startTest(t, Options{Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	body := `{"username":"m.alotaibi@noortech.sa","password":"hunter2-secret","country":"SA"}`
	call(t, hs, "POST", sky+"/channels/linkedin/connect", body, "X-Api-Key", "key-abcdef-1234")
	call(t, hs, "POST", sky+"/channels/linkedin/2fa", `{"account_id":"li_acc_1","code":"654321"}`, "X-Api-Key", "key-abcdef-1234")
	call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "other-key-9999")

	r := call(t, hs, "GET", "/__admin/requests?operation_id=connectLinkedIn", "")
	require.Equal(t, float64(1), r.body["count"], r.raw)
	require.NotContains(t, r.raw, "hunter2-secret")
	require.NotContains(t, r.raw, "key-abcdef-1234")
	require.Contains(t, r.raw, "m.alotaibi@noortech.sa")
	require.Contains(t, r.raw, "…1234")

	all := call(t, hs, "GET", "/__admin/requests", "")
	require.NotContains(t, all.raw, "654321", "2FA codes are masked")
	require.Equal(t, float64(3), all.body["count"])
	first := all.body["requests"].([]any)[0].(map[string]any)
	require.Equal(t, "getUserCampaignFilters", first["operation_id"], "newest first")

	byKey := call(t, hs, "GET", "/__admin/requests?api_key=key-abcdef-1234&vendor=skylight&limit=1", "")
	require.Equal(t, float64(1), byKey.body["count"])
	require.Equal(t, "submitLinkedIn2FA", byKey.body["requests"].([]any)[0].(map[string]any)["operation_id"])
	require.Equal(t, float64(1), call(t, hs, "GET", "/__admin/requests?path_prefix="+kon, "").body["count"])
	require.Equal(t, 400, call(t, hs, "GET", "/__admin/requests?status=abc", "").status)

	for _, secret := range []string{"hunter2-secret", "654321", "key-abcdef-1234", "other-key-9999"} {
		require.NotContains(t, logs.String(), secret)
	}

	require.Equal(t, 204, call(t, hs, "DELETE", "/__admin/requests", "").status)
	require.Equal(t, float64(0), call(t, hs, "GET", "/__admin/requests", "").body["count"])
}

func TestCoverageReport(t *testing.T) {
	hs := startTest(t, Options{})
	call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k")
	call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k", "X-Mock-Status", "500")
	r := call(t, hs, "GET", "/__admin/coverage", "")
	require.Equal(t, float64(1), r.body["operations_covered"], r.raw)
	require.True(t, strings.HasPrefix(r.body["summary"].(string), "1 of "), r.body["summary"])
	var op map[string]any
	for _, o := range r.body["per_operation"].([]any) {
		if o.(map[string]any)["operation_id"] == "getUserCampaignFilters" {
			op = o.(map[string]any)
		}
	}
	require.Equal(t, float64(2), op["requests"])
	require.Contains(t, op["answered_statuses"], "500")
}

func TestFaultsAndLatencyFromScenarioFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "all-fail.yaml")
	require.NoError(t, os.WriteFile(file, []byte(`name: all-fail
description: Every Konnector request fails with 503, SkyLight drops.
faults:
  - {rate: 1, kind: status, status: 503, vendor: konnector}
  - {rate: 1, kind: drop, vendor: skylight, operations: [getLinkedInOverview]}
  - {rate: 1, kind: empty, status: 502, vendor: skylight, path_prefix: /api/v1/account/subscription}
`), 0o644))
	hs := startTest(t, Options{ScenariosDir: dir})
	r := call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k", "X-Mock-Scenario", "all-fail")
	require.Equal(t, 503, r.status)
	require.Equal(t, "SERVICE_UNAVAILABLE", r.body["data"].(map[string]any)["error_code"])

	r = call(t, hs, "GET", sky+"/account/subscription", "", "X-Api-Key", "k", "X-Mock-Scenario", "all-fail")
	require.Equal(t, 502, r.status)
	require.Empty(t, r.raw)

	_, err := hs.Client().Do(mustRequest(t, "GET", hs.URL+sky+"/linkedin/overview", "X-Api-Key", "k", "X-Mock-Scenario", "all-fail"))
	require.Error(t, err, "a dropped connection is a transport error")
}
