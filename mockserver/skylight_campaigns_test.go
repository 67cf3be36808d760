package mockserver_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCreateCampaignValidation(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	long := make([]rune, 201)
	for i := range long {
		long[i] = 'x'
	}
	seq := []map[string]any{{"text": "hi", "wait_days": 2}}
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"sequence without messages", map[string]any{"name": "n", "campaign_type": "sequence", "provider_ids": []string{"ACoAABcD1234"}}, []string{"sequence_messages"}},
		{"invite with messages", map[string]any{"name": "n", "campaign_type": "invite", "provider_ids": []string{"ACoAABcD1234"}, "sequence_messages": seq}, []string{"sequence_messages"}},
		{"note over 200 characters", map[string]any{"name": "n", "campaign_type": "invite", "provider_ids": []string{"ACoAABcD1234"}, "invite_note": string(long)}, []string{"invite_note"}},
		{"bad target lines", map[string]any{"name": "n", "campaign_type": "invite", "targets": "sara-alotaibi-riyadh\n\nhttps://example.com/x\nnot a profile"}, []string{"targets.2", "targets.3"}},
		{"only blank targets", map[string]any{"name": "n", "campaign_type": "invite", "targets": "\n  \n"}, []string{"targets"}},
		{"malformed provider id", map[string]any{"name": "n", "campaign_type": "invite", "provider_ids": []string{"ACoAABcD1234", "has space"}}, []string{"provider_ids.1"}},
		{"no people at all", map[string]any{"name": "n", "campaign_type": "invite"}, []string{"body"}},
		{"unknown type", map[string]any{"name": "n", "campaign_type": "inmail", "provider_ids": []string{"x1"}}, []string{"campaign_type"}},
		{"several problems at once", map[string]any{"name": "n", "campaign_type": "sequence", "targets": "ok-id\n/bad"}, []string{"sequence_messages", "targets.1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, before := c.page(skyCampaigns)
			e := c.fails(422, "", "POST", skyCampaigns, tc.body)
			require.Equal(t, "The given data was invalid.", e["message"])
			for _, f := range tc.fields {
				require.Contains(t, e["errors"], f, "%v", e)
			}
			require.Len(t, e["errors"], len(tc.fields), "%v", e)
			_, after := c.page(skyCampaigns)
			require.Equal(t, before["total"], after["total"], "nothing created")
		})
	}
}

func TestListCampaignsFiltersAndPages(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	all, _ := c.page(skyCampaigns + "?per_page=100")
	require.Len(t, all, 8)
	seen := map[any]bool{}
	for _, status := range []string{"active", "paused", "completed", "cancelled"} {
		items, _ := c.page(skyCampaigns + "?per_page=100&status=" + status)
		require.NotEmpty(t, items, "the default world has %s campaigns", status)
		for _, it := range items {
			require.Equal(t, status, skyGet(it, "status"))
			seen[skyGet(it, "id")] = true
		}
	}
	require.Len(t, seen, 8, "every campaign has one of the four statuses")
	for _, kind := range []string{"invite", "sequence"} {
		items, _ := c.page(skyCampaigns + "?per_page=100&campaign_type=" + kind)
		for _, it := range items {
			require.Equal(t, kind, skyGet(it, "campaign_type"))
		}
	}
	var paged []any
	for p := 1; p <= 3; p++ {
		items, meta := c.page(skyCampaigns + "?per_page=3&page=" + skyItoa(p))
		require.Equal(t, map[string]any{"current_page": float64(p), "per_page": float64(3), "total": float64(8), "last_page": float64(3)}, meta)
		paged = append(paged, items...)
	}
	require.Equal(t, all, paged)
	past, _ := c.page(skyCampaigns + "?page=4&per_page=3")
	require.Empty(t, past)
	_, meta := c.page(skyCampaigns)
	require.EqualValues(t, 15, meta["per_page"], "the published default")
	for _, q := range []string{"per_page=101", "per_page=0", "page=0", "status=running"} {
		e := c.fails(422, "", "GET", skyCampaigns+"?"+q, nil)
		require.NotEmpty(t, e["errors"], q)
	}
}
