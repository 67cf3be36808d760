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
	camp := c.ok(201, "POST", "/linkedin/sourcing/launch-campaign", docCampaign())
	id := num(t, camp["id"])
	require.Equal(t, "active", camp["status"])
	require.Equal(t, "sequence", camp["campaign_type"])
	require.EqualValues(t, 2, camp["contacts_count"])
	require.EqualValues(t, 0, get(camp, "stats", "invited"), "the first invite goes out 5 minutes after the start")
	require.Equal(t, "2025-05-11T09:00:00.000000Z", camp["created_at"])

	require.Equal(t, camp, c.ok(200, "GET", campaigns+"/"+itoa(id), nil))
	stats := c.ok(200, "GET", campaigns+"/"+itoa(id)+"/stats", nil)
	require.Equal(t, camp["stats"], stats["stats"])
	require.Equal(t, "active", stats["status"])

	firsts, _ := c.page(campaigns + "?per_page=1")
	require.Equal(t, camp, firsts[0], "newest first")
	_, active := c.page(campaigns + "?status=active&per_page=100")
	after := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, num(t, get(before, "active_campaigns", "count"))+1, num(t, get(after, "active_campaigns", "count")))
	require.Equal(t, num(t, active["total"]), num(t, get(after, "active_campaigns", "count")))
	require.EqualValues(t, id, get(after, "active_campaigns", "items", 0, "id"))

	contacts, _ := c.page(campaigns + "/" + itoa(id) + "/contacts")
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
	camp := c.ok(201, "POST", campaigns, map[string]any{"name": "targets", "campaign_type": "invite", "targets": targets,
		"provider_ids": []string{"khalid-alshammari-ksa", "khalid-alshammari-ksa", "ACoAAEfG5678"}})
	require.EqualValues(t, 5, camp["contacts_count"], "sara and khalid given twice count once; blank lines ignored")
	require.Nil(t, camp["invite_note"])
	require.Empty(t, camp["sequence_messages"])
	contacts, _ := c.page(campaigns + "/" + itoa(num(t, camp["id"])) + "/contacts")
	var given []any
	for _, ct := range contacts {
		given = append(given, get(ct, "provider_id"))
	}
	require.Equal(t, []any{"khalid-alshammari-ksa", "faisal-alharbi-pm", "noura-alzahrani-jeddah", "sara-alotaibi-riyadh", "someone-new-1234"}, given)
	require.Equal(t, "Someone New", get(contacts[4], "name"), "an unknown public identifier is a made-up member")

	// The made-up member is the same person next time.
	again := c.ok(201, "POST", campaigns, map[string]any{"name": "again", "campaign_type": "invite", "targets": "someone-new-1234"})
	cts, _ := c.page(campaigns + "/" + itoa(num(t, again["id"])) + "/contacts")
	ct := cts[0]
	require.Equal(t, get(contacts[4], "contact_id"), get(ct, "contact_id"))
}

// TestCampaignStateMachine runs every action from every status.
func TestCampaignStateMachine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		from, action, want string // want "" means 409 with current_status
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
				e := c.fails(409, "", "POST", path, nil)
				require.Equal(t, tc.from, e["current_status"])
				require.Equal(t, tc.from, get(c.ok(200, "GET", campaigns+"/"+id, nil), "status"), "unchanged")
				return
			}
			res := c.ok(200, "POST", path, nil)
			require.Equal(t, tc.want, get(res, "status"))
			require.Equal(t, tc.want, get(c.ok(200, "GET", campaigns+"/"+id+"/stats", nil), "status"))
			require.Equal(t, "2025-05-11T09:00:00.000000Z", get(res, "updated_at"))
			switch tc.want {
			case "paused":
				require.Equal(t, "2025-05-11T09:00:00.000000Z", get(res, "paused_at"))
			case "cancelled":
				require.Equal(t, "2025-05-11T09:00:00.000000Z", get(res, "cancelled_at"))
				require.Nil(t, get(res, "paused_at"))
			case "active":
				require.Nil(t, get(res, "paused_at"))
			}
		})
	}
	c := on(t, srv, "")
	c.fails(404, "", "POST", campaigns+"/9999/pause", nil)
	c.fails(404, "", "GET", campaigns+"/9999", nil)
	c.fails(404, "", "GET", campaigns+"/9999/stats", nil)
	c.fails(404, "", "GET", campaigns+"/9999/contacts", nil)
}
