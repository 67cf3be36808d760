package mockserver

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// journaled returns the journal's entries for one operation.
func journaled(t *testing.T, srvURL func(string) result, op string) []any {
	t.Helper()
	r := srvURL("/__admin/requests?operation_id=" + op)
	entries, _ := r.body["requests"].([]any)
	return entries
}

// coverageOf returns coverage's line of one operation.
func coverageOf(t *testing.T, get func(string) result, op string) map[string]any {
	t.Helper()
	for _, o := range get("/__admin/coverage").body["per_operation"].([]any) {
		if m := o.(map[string]any); m["operation_id"] == op {
			return m
		}
	}
	t.Fatalf("no coverage line for %s", op)
	return nil
}

// TestDroppedConnectionRecordedAsDropped: an injected drop and a client
// gone during simulated latency are journaled and counted as dropped, with
// no status, not as 200.
func TestDroppedConnectionRecordedAsDropped(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "drops.yaml"), []byte(`name: drops
description: SkyLight's overview drops the connection.
faults:
  - {rate: 1, kind: drop, vendor: skylight, operations: [getLinkedInOverview]}
`), 0o644))
	hs := startTest(t, Options{ScenariosDir: dir})
	get := func(path string) result { return call(t, hs, "GET", path, "") }

	_, err := hs.Client().Do(mustRequest(t, "GET", hs.URL+sky+"/linkedin/overview", "X-Api-Key", "k", "X-Mock-Scenario", "drops"))
	require.Error(t, err, "a dropped connection is a transport error")

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := mustRequest(t, "GET", hs.URL+kon+"/user-campaign-filters", "Authorization", "k", "X-Mock-Latency", "30s")
	_, err = hs.Client().Do(req.WithContext(ctx))
	require.Error(t, err, "the client gave up")

	for _, op := range []string{"getLinkedInOverview", "getUserCampaignFilters"} {
		var entries []any
		require.Eventually(t, func() bool { entries = journaled(t, get, op); return len(entries) == 1 },
			10*time.Second, 10*time.Millisecond, "%s journaled once", op)
		e := entries[0].(map[string]any)
		require.Equal(t, true, e["dropped"], "%s: %v", op, e)
		require.NotContains(t, e, "status", "a dropped request has no status")
		cov := coverageOf(t, get, op)
		require.Equal(t, float64(1), cov["requests"])
		require.Equal(t, float64(1), cov["dropped"])
		require.Empty(t, cov["answered_statuses"], "%s: a drop answers no status", op)
	}
}

// TestRefusedBeforeRoutingCountedAgainstOperation: a 401 (no key) and a
// 429 (rate limit) are journaled and covered under the operation their
// path and method name.
func TestRefusedBeforeRoutingCountedAgainstOperation(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "one-a-minute.yaml"), []byte(`name: one-a-minute
description: One Konnector request a minute.
konnector:
  rate_limit: {per_minute: 1, per_day: 0}
`), 0o644))
	hs := startTest(t, Options{ScenariosDir: dir})
	get := func(path string) result { return call(t, hs, "GET", path, "") }

	require.Equal(t, 401, call(t, hs, "GET", kon+"/user-campaign-filters", "").status)
	require.Equal(t, 200, call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k", "X-Mock-Scenario", "one-a-minute").status)
	require.Equal(t, 429, call(t, hs, "GET", kon+"/user-campaign-filters", "", "Authorization", "k", "X-Mock-Scenario", "one-a-minute").status)
	require.Equal(t, 401, call(t, hs, "GET", kon+"/nowhere", "").status, "no operation there: journaled without one")

	require.Len(t, journaled(t, get, "getUserCampaignFilters"), 3)
	cov := coverageOf(t, get, "getUserCampaignFilters")
	require.Equal(t, float64(3), cov["requests"])
	require.Equal(t, map[string]any{"200": float64(1), "401": float64(1), "429": float64(1)}, cov["answered_statuses"])
	require.Equal(t, float64(4), get("/__admin/requests").body["count"])
}

func TestMockLatencyHeader(t *testing.T) {
	hs := startTest(t, Options{})
	tests := []struct {
		name, path, keyHeader, value string
		status                       int
		checks                       []check
	}{
		{"accepted", kon + "/user-campaign-filters", "Authorization", "1500us", 200, nil},
		{"zero", kon + "/user-campaign-filters", "Authorization", "0s", 200, nil},
		{"not a duration (SkyLight)", sky + "/linkedin/recruiter", "X-Api-Key", "fast", 400,
			[]check{hasField("error", "invalid_mock_latency"), bodyContains("1500ms")}},
		{"negative (Konnector)", kon + "/user-campaign-filters", "Authorization", "-1s", 400,
			[]check{hasField("data.error_code", "invalid_mock_latency"), bodyContains("30s")}},
		{"beyond the bound", kon + "/user-campaign-filters", "Authorization", "31s", 400,
			[]check{hasField("data.error_code", "invalid_mock_latency")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, hs, http.MethodGet, tc.path, "", tc.keyHeader, "k", "X-Mock-Latency", tc.value)
			require.Equal(t, tc.status, r.status, r.raw)
			for _, c := range tc.checks {
				c(t, r)
			}
		})
	}
}
