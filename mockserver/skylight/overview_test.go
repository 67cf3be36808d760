package skylight_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOverviewAgreesWithLists checks the overview against the campaign list
// after creations and transitions.
func TestOverviewAgreesWithLists(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	check := func() {
		t.Helper()
		ov := c.ok(200, "GET", "/linkedin/overview", nil)
		items, _ := c.page(campaigns + "?status=active&per_page=100")
		require.Equal(t, len(items), num(t, get(ov, "active_campaigns", "count")))
		shown := list(t, get(ov, "active_campaigns", "items"))
		require.Len(t, shown, min(len(items), 10))
		for i, s := range shown {
			for _, k := range []string{"id", "name", "campaign_type", "status", "contacts_count", "created_at"} {
				require.Equal(t, get(items[i], k), get(s, k), k)
			}
		}
		require.Equal(t, true, get(ov, "connection", "is_connected"))
		require.Equal(t, c.ok(200, "GET", "/channels/linkedin/status", nil), get(ov, "connection"))
	}
	check()
	for range 9 {
		c.ok(201, "POST", campaigns, map[string]any{"name": "n", "campaign_type": "invite", "targets": "noura-alzahrani-jeddah"})
	}
	check()
	c.ok(200, "POST", campaigns+"/"+itoa(c.campaignWithStatus("active"))+"/pause", nil)
	c.ok(200, "POST", campaigns+"/"+itoa(c.campaignWithStatus("active"))+"/cancel", nil)
	check()
}

func TestOverviewWithoutRecruiterContract(t *testing.T) {
	t.Parallel()
	c := newClient(t, "no-recruiter")
	require.Equal(t, false, c.ok(200, "GET", "/linkedin/overview", nil)["recruiter_contract_detected"])
	e := c.fails(403, "recruiter_contract_required", "GET", "/linkedin/recruiter", nil)
	require.Equal(t, "A LinkedIn Recruiter contract is required. None was detected on the connected LinkedIn account.", e["message"])
	require.Equal(t, true, newClient(t, "").ok(200, "GET", "/linkedin/overview", nil)["recruiter_contract_detected"])
}
