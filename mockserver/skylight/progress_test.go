package skylight_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// launchAnalysts launches a sequence campaign (waits of 1 and 2 days) over
// n people found by search and returns its id.
func launchAnalysts(t *testing.T, c *client, n int) int {
	t.Helper()
	items := list(t, c.ok(200, "POST", search, map[string]any{"keywords": "a", "limit": n})["items"])
	require.Len(t, items, n)
	var ids []string
	for _, it := range items {
		ids = append(ids, get(it, "provider_id").(string))
	}
	res := c.ok(201, "POST", "/linkedin/sourcing/launch-campaign", map[string]any{
		"name": "progress", "campaign_type": "sequence", "provider_ids": ids,
		"sequence_messages": []map[string]any{{"text": "first follow-up", "wait_days": 1}, {"text": "second follow-up", "wait_days": 2}},
	})
	return num(t, res["id"])
}

// campaignContacts reads every contact of a campaign.
func campaignContacts(t *testing.T, c *client, id int) []any {
	t.Helper()
	var out []any
	for p := 1; ; p++ {
		items, meta := c.page(campaigns + "/" + itoa(id) + "/contacts?per_page=100&page=" + itoa(p))
		out = append(out, items...)
		if p >= num(t, meta["last_page"]) {
			return out
		}
	}
}

// statsFromContacts recomputes a campaign's stats from its contacts.
func statsFromContacts(t *testing.T, contacts []any) map[string]any {
	t.Helper()
	var invited, accepted, sent, replies int
	for _, ct := range contacts {
		if get(ct, "invited_at") != nil {
			invited++
		}
		if get(ct, "accepted_at") != nil {
			accepted++
		}
		if get(ct, "replied_at") != nil {
			replies++
		}
		sent += num(t, get(ct, "messages_sent"))
	}
	rate := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return math.Round(float64(a)*1000/float64(b)) / 10
	}
	return map[string]any{
		"total_contacts": float64(len(contacts)), "invited": float64(invited), "accepted": float64(accepted),
		"pending": float64(invited - accepted), "messages_sent": float64(sent), "replies": float64(replies),
		"acceptance_rate": rate(accepted, invited), "reply_rate": rate(replies, accepted),
	}
}

func TestCampaignProgressFollowsTheClock(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	id := launchAnalysts(t, c, 30)
	path := campaigns + "/" + itoa(id)
	c.advance(10 * time.Minute)
	require.EqualValues(t, 1, get(c.ok(200, "GET", path+"/stats", nil), "stats", "invited"), "invites at +5 and +12 minutes")

	prev := map[string]float64{}
	var completed bool
	for step := 0; step < 70 && !completed; step++ {
		c.advance(12 * time.Hour)
		stats := c.ok(200, "GET", path+"/stats", nil)
		contacts := campaignContacts(t, c, id)
		require.Equal(t, statsFromContacts(t, contacts), stats["stats"], "stats are what the contacts say")
		for _, k := range []string{"invited", "accepted", "messages_sent", "replies"} {
			v := get(stats, "stats", k).(float64)
			require.GreaterOrEqual(t, v, prev[k], "%s never goes back", k)
			prev[k] = v
		}
		for _, ct := range contacts {
			checkSchedule(t, ct)
		}
		completed = stats["status"] == "completed"
	}
	require.True(t, completed, "the campaign completes")
	require.Positive(t, prev["invited"])
	require.Positive(t, prev["accepted"])
	require.Positive(t, prev["messages_sent"])
	require.Positive(t, prev["replies"])
	camp := c.ok(200, "GET", path, nil)
	require.NotNil(t, get(camp, "completed_at"))
	e := c.fails(409, "", "POST", path+"/pause", nil)
	require.Equal(t, "completed", e["current_status"])
}

// checkSchedule checks one contact against the sequence: the first message
// goes out exactly 1 day after acceptance, the second 2 days after it.
func checkSchedule(t *testing.T, ct any) {
	t.Helper()
	at := func(k string) time.Time {
		s, _ := get(ct, k).(string)
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return v
	}
	switch num(t, get(ct, "messages_sent")) {
	case 1:
		require.Equal(t, at("accepted_at").Add(24*time.Hour), at("last_message_at"), "%v", ct)
	case 2:
		require.Equal(t, at("accepted_at").Add(72*time.Hour), at("last_message_at"), "%v", ct)
	}
	if !at("replied_at").IsZero() {
		require.True(t, at("replied_at").After(at("accepted_at")))
		require.Equal(t, "replied", get(ct, "status"))
	}
}

func TestPausedAndDisconnectedCampaignsStandStill(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	id := launchAnalysts(t, c, 20)
	path := campaigns + "/" + itoa(id)
	c.advance(36 * time.Hour)
	c.ok(200, "POST", path+"/pause", nil)
	frozen := c.do("GET", path+"/contacts?per_page=100", nil).Raw
	c.advance(10 * 24 * time.Hour)
	require.Equal(t, string(frozen), string(c.do("GET", path+"/contacts?per_page=100", nil).Raw), "paused time does not count")

	c.ok(200, "POST", path+"/resume", nil)
	c.ok(200, "POST", "/channels/linkedin/disconnect", nil)
	c.advance(10 * 24 * time.Hour)
	require.Equal(t, string(frozen), string(c.do("GET", path+"/contacts?per_page=100", nil).Raw), "nothing moves while disconnected")
	require.Equal(t, "active", get(c.ok(200, "GET", path, nil), "status"))

	c.ok(200, "POST", "/channels/linkedin/connect", login)
	c.advance(5 * 24 * time.Hour)
	require.NotEqual(t, string(frozen), string(c.do("GET", path+"/contacts?per_page=100", nil).Raw), "progress resumes")
}

func TestCancelledCampaignStandsStill(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	id := launchAnalysts(t, c, 10)
	path := campaigns + "/" + itoa(id)
	c.advance(30 * time.Hour)
	c.ok(200, "POST", path+"/cancel", nil)
	stats := c.ok(200, "GET", path+"/stats", nil)
	c.advance(20 * 24 * time.Hour)
	require.Equal(t, stats, c.ok(200, "GET", path+"/stats", nil))
	require.Equal(t, "cancelled", stats["status"])
}

// TestCampaignMessagesReachConversations checks that what a campaign sends
// and receives shows in the contacts' conversations and the overview.
func TestCampaignMessagesReachConversations(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	id := launchAnalysts(t, c, 30)
	c.advance(10 * 24 * time.Hour)
	found := 0
	for _, ct := range campaignContacts(t, c, id) {
		if num(t, get(ct, "messages_sent")) == 0 {
			continue
		}
		msgs, _ := c.page("/contacts/" + itoa(num(t, get(ct, "contact_id"))) + "/messages?per_page=100")
		var texts []any
		inbound := 0
		for _, m := range msgs {
			texts = append(texts, get(m, "content"))
			if get(m, "direction") == "inbound" {
				inbound++
			}
		}
		require.Contains(t, texts, "first follow-up")
		if get(ct, "replied_at") != nil {
			require.Positive(t, inbound)
		}
		found++
	}
	require.Positive(t, found)
}
