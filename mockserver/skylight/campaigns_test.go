package skylight_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const campaigns = "/linkedin/outreach/campaigns"

// TestLaunchedCampaignIsVisibleEverywhere launches the doc's example and
// reads it back from every route that shows campaigns.
func TestLaunchedCampaignIsVisibleEverywhere(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	before := c.ok(200, "GET", "/linkedin/overview", nil)
	res := c.ok(201, "POST", "/linkedin/sourcing/launch-campaign", docCampaign())
	camp := res["campaign"].(map[string]any)
	id := num(t, camp["id"])
	require.Equal(t, "active", camp["status"])
	require.Equal(t, "sequence", camp["campaign_type"])
	require.EqualValues(t, 2, camp["contacts_count"])
	require.EqualValues(t, 0, get(camp, "stats", "invited"), "the first invite goes out 5 minutes after the start")
	require.Equal(t, "2025-05-11T09:00:00Z", camp["created_at"])

	require.Equal(t, camp, c.ok(200, "GET", campaigns+"/"+itoa(id), nil)["campaign"])
	stats := c.ok(200, "GET", campaigns+"/"+itoa(id)+"/stats", nil)
	require.Equal(t, camp["stats"], stats["stats"])
	require.Equal(t, "active", stats["status"])

	first := list(t, c.ok(200, "GET", campaigns+"?per_page=1", nil)["campaigns"])[0]
	require.Equal(t, camp, first, "newest first")
	active := c.ok(200, "GET", campaigns+"?status=active&per_page=100", nil)
	after := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, num(t, get(before, "active_campaigns", "count"))+1, num(t, get(after, "active_campaigns", "count")))
	require.Equal(t, num(t, get(active, "pagination", "total")), num(t, get(after, "active_campaigns", "count")))
	require.EqualValues(t, id, get(after, "active_campaigns", "items", 0, "id"))

	contacts := list(t, c.ok(200, "GET", campaigns+"/"+itoa(id)+"/contacts", nil)["contacts"])
	require.Len(t, contacts, 2)
	require.EqualValues(t, 418, get(contacts[0], "contact_id"), "sara is contact 418")
	require.Equal(t, "ACoAABcD1234", get(contacts[0], "provider_id"))
	require.EqualValues(t, 419, get(contacts[1], "contact_id"))
	require.Equal(t, "khalid-alshammari-ksa", get(contacts[1], "provider_id"), "as given")
	for _, ct := range contacts {
		require.Equal(t, "queued", get(ct, "status"))
	}
}

func TestCreateCampaignFromTargets(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	targets := "https://www.linkedin.com/in/faisal-alharbi-pm/\n\n  noura-alzahrani-jeddah  \r\nhttps://linkedin.com/in/sara-alotaibi-riyadh?trk=x\nACoAABcD1234\nsomeone-new-1234\n"
	res := c.ok(201, "POST", campaigns, map[string]any{"name": "targets", "campaign_type": "invite", "targets": targets,
		"provider_ids": []string{"khalid-alshammari-ksa"}})
	camp := res["campaign"].(map[string]any)
	require.EqualValues(t, 5, camp["contacts_count"], "sara given twice counts once; blank lines ignored")
	require.Nil(t, camp["invite_note"])
	require.Empty(t, camp["sequence_messages"])
	contacts := list(t, c.ok(200, "GET", campaigns+"/"+itoa(num(t, camp["id"]))+"/contacts", nil)["contacts"])
	var given []any
	for _, ct := range contacts {
		given = append(given, get(ct, "provider_id"))
	}
	require.Equal(t, []any{"khalid-alshammari-ksa", "faisal-alharbi-pm", "noura-alzahrani-jeddah", "sara-alotaibi-riyadh", "someone-new-1234"}, given)
	require.Equal(t, "Someone New", get(contacts[4], "name"), "an unknown public identifier is a made-up member")

	// The made-up member is the same person next time.
	again := c.ok(201, "POST", campaigns, map[string]any{"name": "again", "campaign_type": "invite", "targets": "someone-new-1234"})
	ct := list(t, c.ok(200, "GET", campaigns+"/"+itoa(num(t, get(again, "campaign", "id")))+"/contacts", nil)["contacts"])[0]
	require.Equal(t, get(contacts[4], "contact_id"), get(ct, "contact_id"))
}

func TestCreateCampaignValidation(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
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
			before := num(t, get(c.ok(200, "GET", campaigns, nil), "pagination", "total"))
			e := c.fails(422, "validation_failed", "POST", campaigns, tc.body)
			for _, f := range tc.fields {
				require.Contains(t, e["errors"], f, "%v", e)
			}
			require.Len(t, e["errors"], len(tc.fields), "%v", e)
			require.Equal(t, before, num(t, get(c.ok(200, "GET", campaigns, nil), "pagination", "total")), "nothing created")
		})
	}
}

// TestCampaignStateMachine runs every action from every status.
func TestCampaignStateMachine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		from, action, want string // want "" means 409 invalid_status_transition
	}{
		{"active", "pause", "paused"},
		{"active", "resume", ""},
		{"active", "cancel", "cancelled"},
		{"paused", "pause", ""},
		{"paused", "resume", "active"},
		{"paused", "cancel", "cancelled"},
		{"completed", "pause", ""},
		{"completed", "resume", ""},
		{"completed", "cancel", ""},
		{"cancelled", "pause", ""},
		{"cancelled", "resume", ""},
		{"cancelled", "cancel", ""},
	}
	srv := newClient(t, "").srv
	for _, tc := range cases {
		t.Run(tc.from+" "+tc.action, func(t *testing.T) {
			c := on(t, srv, "")
			id := itoa(c.campaignWithStatus(tc.from))
			path := campaigns + "/" + id + "/" + tc.action
			if tc.want == "" {
				e := c.fails(409, "invalid_status_transition", "POST", path, nil)
				require.Equal(t, tc.from, e["current_status"])
				require.Equal(t, tc.from, get(c.ok(200, "GET", campaigns+"/"+id, nil), "campaign", "status"), "unchanged")
				return
			}
			res := c.ok(200, "POST", path, nil)
			require.Equal(t, tc.want, get(res, "campaign", "status"))
			require.Equal(t, tc.want, get(c.ok(200, "GET", campaigns+"/"+id+"/stats", nil), "status"))
			require.Equal(t, "2025-05-11T09:00:00Z", get(res, "campaign", "updated_at"))
			switch tc.want {
			case "paused":
				require.Equal(t, "2025-05-11T09:00:00Z", get(res, "campaign", "paused_at"))
			case "cancelled":
				require.Equal(t, "2025-05-11T09:00:00Z", get(res, "campaign", "cancelled_at"))
				require.Nil(t, get(res, "campaign", "paused_at"))
			case "active":
				require.Nil(t, get(res, "campaign", "paused_at"))
			}
		})
	}
	c := on(t, srv, "")
	c.fails(404, "not_found", "POST", campaigns+"/9999/pause", nil)
	c.fails(404, "not_found", "GET", campaigns+"/9999", nil)
	c.fails(404, "not_found", "GET", campaigns+"/9999/stats", nil)
	c.fails(404, "not_found", "GET", campaigns+"/9999/contacts", nil)
}

func TestListCampaignsFiltersAndPages(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	all := list(t, c.ok(200, "GET", campaigns+"?per_page=100", nil)["campaigns"])
	require.Len(t, all, 8)
	seen := map[any]bool{}
	for _, status := range []string{"active", "paused", "completed", "cancelled"} {
		res := c.ok(200, "GET", campaigns+"?per_page=100&status="+status, nil)
		items := list(t, res["campaigns"])
		require.NotEmpty(t, items, "the default world has %s campaigns", status)
		for _, it := range items {
			require.Equal(t, status, get(it, "status"))
			seen[get(it, "id")] = true
		}
	}
	require.Len(t, seen, 8, "every campaign has one of the four statuses")
	for _, kind := range []string{"invite", "sequence"} {
		for _, it := range list(t, c.ok(200, "GET", campaigns+"?per_page=100&campaign_type="+kind, nil)["campaigns"]) {
			require.Equal(t, kind, get(it, "campaign_type"))
		}
	}
	var paged []any
	for p := 1; p <= 3; p++ {
		res := c.ok(200, "GET", campaigns+"?per_page=3&page="+itoa(p), nil)
		require.Equal(t, map[string]any{"page": float64(p), "per_page": float64(3), "total": float64(8), "total_pages": float64(3)}, res["pagination"])
		paged = append(paged, list(t, res["campaigns"])...)
	}
	require.Equal(t, all, paged)
	require.Empty(t, c.ok(200, "GET", campaigns+"?page=4&per_page=3", nil)["campaigns"])
	c.fails(422, "validation_failed", "GET", campaigns+"?per_page=101", nil)
	c.fails(422, "validation_failed", "GET", campaigns+"?status=running", nil)
}
