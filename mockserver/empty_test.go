package mockserver_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// TestEmptyScenario: the built-in `empty` scenario (world sizes at zero),
// chosen per request with X-Mock-Scenario, answers every list empty and every
// count zero on both APIs, with responses validated against the specs; writes
// still work in an empty world, and the clock moving on breaks nothing.
func TestEmptyScenario(t *testing.T) {
	srv := mocktest.Start(t, mockserver.Options{})
	sky := func(method, path string, body any) *mocktest.Response {
		t.Helper()
		return srv.SkyLight("empty-key", method, path, body, "X-Mock-Scenario", "empty")
	}
	kon := func(method, path string, body any) *mocktest.Response {
		t.Helper()
		return srv.Konnector("empty-key", method, path, body, "X-Mock-Scenario", "empty")
	}
	tests := []struct {
		name   string
		do     func() *mocktest.Response
		status int
		empty  []string // JSON paths (dot-separated) that hold [] or 0
	}{
		{"skylight overview", func() *mocktest.Response { return sky("GET", "/linkedin/overview", nil) }, 200,
			[]string{"data.inbox.conversations", "data.inbox.messages_sent", "data.inbox.messages_received", "data.active_campaigns.count", "data.active_campaigns.items"}},
		{"skylight contacts", func() *mocktest.Response { return sky("GET", "/contacts", nil) }, 200,
			[]string{"data", "meta.total"}},
		{"skylight conversations", func() *mocktest.Response { return sky("GET", "/conversations", nil) }, 200,
			[]string{"data", "meta.total"}},
		{"skylight campaigns", func() *mocktest.Response { return sky("GET", "/linkedin/outreach/campaigns", nil) }, 200,
			[]string{"data", "meta.total"}},
		{"skylight recruiter jobs", func() *mocktest.Response { return sky("GET", "/linkedin/recruiter", nil) }, 200,
			[]string{"data.jobs", "meta.total"}},
		{"skylight a doc contact is absent", func() *mocktest.Response { return sky("GET", "/contacts/418/messages", nil) }, 404, nil},
		{"skylight no campaign 1", func() *mocktest.Response { return sky("GET", "/linkedin/outreach/campaigns/1", nil) }, 404, nil},
		{"konnector identifiers", func() *mocktest.Response { return kon("GET", "/user-campaign-filters", nil) }, 200,
			[]string{"data.campaign_routines"}},
		{"konnector campaign info", func() *mocktest.Response { return kon("GET", "/campaign-info", nil) }, 200,
			[]string{"data.campaign_info", "data.total_campaign_routines_count"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.do()
			require.Equal(t, tc.status, r.Status, "%s", r.Raw)
			for _, p := range tc.empty {
				requireEmpty(t, r.JSON, p)
			}
		})
	}

	t.Run("konnector dashboard of the users, all zero", func(t *testing.T) {
		ids := r2ids(t, kon("GET", "/user-campaign-filters", nil))
		require.NotEmpty(t, ids, "an organisation keeps its users")
		r := kon("POST", "/dashboard-info", map[string]any{"linkedin_user_information_ids": ids})
		require.Equal(t, 200, r.Status, "%s", r.Raw)
		for _, day := range list(t, dig(t, r.JSON, "data.campaign_member_info.data")) {
			require.Zero(t, dig(t, day, "count_data"), "%v", day)
		}
	})

	t.Run("skylight writes work in an empty world", func(t *testing.T) {
		search := sky("POST", "/linkedin/sourcing/search", map[string]any{"title": "manager"})
		require.Equal(t, 200, search.Status, "%s", search.Raw)
		people := list(t, dig(t, search.JSON, "data.items"))
		require.NotEmpty(t, people, "the search pool is not part of the account")
		id := dig(t, people[0], "provider_id")
		launch := sky("POST", "/linkedin/sourcing/launch-campaign", map[string]any{
			"name": "first", "campaign_type": "invite", "provider_ids": []any{id}})
		require.Equal(t, 201, launch.Status, "%s", launch.Raw)
		adv := srv.Admin("POST", "/clock/advance", map[string]any{"duration": "240h"})
		require.Equal(t, 200, adv.Status, "%s", adv.Raw)
		list := sky("GET", "/linkedin/outreach/campaigns", nil)
		require.Equal(t, 200, list.Status, "%s", list.Raw)
		require.EqualValues(t, 1, dig(t, list.JSON, "meta.total"))
		ov := sky("GET", "/linkedin/overview", nil)
		require.Equal(t, 200, ov.Status, "%s", ov.Raw)
		cts := sky("GET", "/contacts", nil)
		require.Equal(t, 200, cts.Status, "%s", cts.Raw)
	})
}

func r2ids(t *testing.T, r *mocktest.Response) []any {
	t.Helper()
	var ids []any
	for _, u := range list(t, dig(t, r.JSON, "data.linkedin_users")) {
		ids = append(ids, dig(t, u, "linkedin_user_information_id"))
	}
	return ids
}

// dig follows a dot-separated path through decoded JSON objects.
func dig(t *testing.T, v any, path string) any {
	t.Helper()
	for _, k := range splitDots(path) {
		m, ok := v.(map[string]any)
		require.True(t, ok, "%q: not an object at %q", path, k)
		v, ok = m[k]
		require.True(t, ok, "%q: no key %q", path, k)
	}
	return v
}

func splitDots(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '.' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return out
}

func list(t *testing.T, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	require.True(t, ok, "not a list: %v", v)
	return l
}

func requireEmpty(t *testing.T, doc any, path string) {
	t.Helper()
	switch v := dig(t, doc, path).(type) {
	case []any:
		require.Empty(t, v, path)
	case float64:
		require.Zero(t, v, path)
	default:
		b, _ := json.Marshal(v)
		t.Fatalf("%s: want [] or 0, got %s", path, b)
	}
}
