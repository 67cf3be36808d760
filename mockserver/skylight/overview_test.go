package skylight_test

import (
	"encoding/json"
	"os"
	"path/filepath"
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
		active := c.ok(200, "GET", campaigns+"?status=active&per_page=100", nil)
		items := list(t, active["campaigns"])
		require.Equal(t, len(items), num(t, get(ov, "active_campaigns", "count")))
		shown := list(t, get(ov, "active_campaigns", "items"))
		require.Len(t, shown, min(len(items), 10))
		for i, s := range shown {
			for _, k := range []string{"id", "name", "campaign_type", "status", "contacts_count", "created_at"} {
				require.Equal(t, get(items[i], k), get(s, k), k)
			}
		}
		require.Equal(t, true, get(ov, "connection", "connected"))
		require.Equal(t, get(c.ok(200, "GET", "/channels/linkedin/status", nil), "account"), get(ov, "connection", "account"))
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

// TestDocExamplesWork replays the vendor doc's examples (tests/testdata) in
// their scenarios against fresh worlds.
func TestDocExamplesWork(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../tests/testdata/docs/skylight/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	srv := newClient(t, "").srv
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			var ex struct {
				Scenario string `json:"scenario"`
				Request  struct {
					Method string `json:"method"`
					Path   string `json:"path"`
					Body   any    `json:"body"`
				} `json:"request"`
				Response *struct {
					Status int `json:"status"`
					Body   any `json:"body"`
				} `json:"response"`
			}
			require.NoError(t, json.Unmarshal(raw, &ex))
			c := on(t, srv, ex.Scenario)
			r := c.do(ex.Request.Method, ex.Request.Path, ex.Request.Body)
			if ex.Response == nil {
				require.Less(t, r.Status, 300, string(r.Raw))
				return
			}
			require.Equal(t, ex.Response.Status, r.Status, string(r.Raw))
			require.Equal(t, ex.Response.Body, r.JSON)
		})
	}
}
