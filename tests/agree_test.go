package tests

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestCrossEndpointAgreements checks, from outside, that after each write
// every read reporting the same fact agrees with it. The steps that write at
// a frozen instant come first, each on its own tenant (API key); the clock
// steps move the whole server's clock, so they come last. The subtests run
// in order on one server.
func TestCrossEndpointAgreements(t *testing.T) {
	t.Parallel()
	srv := startMock(t, serverFlags{})
	sp := loadSpecs(t)
	sky := func(t *testing.T, key, scenario string) *client { return newClient(t, srv, sp.sky, key, scenario) }
	kon := func(t *testing.T, key string) *client { return newClient(t, srv, sp.kon, key, "") }

	t.Run("skylight/connect with 2FA", func(t *testing.T) { agreeConnect2FA(t, sky(t, "agree-2fa", "2fa-required")) })
	t.Run("skylight/launch campaign", func(t *testing.T) { agreeLaunch(t, sky(t, "agree-launch", "")) })
	t.Run("skylight/pause resume cancel", func(t *testing.T) { agreeTransitions(t, sky(t, "agree-transitions", "")) })
	t.Run("skylight/message", func(t *testing.T) { agreeMessage(t, sky(t, "agree-message", "")) })
	t.Run("skylight/jobs and quotas", func(t *testing.T) { agreeJobs(t, sky(t, "agree-jobs", "")) })
	t.Run("skylight/applicants", func(t *testing.T) { agreeApplicants(t, sky(t, "agree-applicants", "")) })
	t.Run("konnector/create-api-key", func(t *testing.T) { agreeAPIKey(t, kon(t, "admin-agree")) })
	t.Run("konnector/aggregates", func(t *testing.T) {
		for _, f := range aggregateFilters {
			t.Run(f.name, func(t *testing.T) { agreeAggregates(t, kon(t, "agree-aggregates-"+f.key), f) })
		}
	})
	t.Run("clock advance", func(t *testing.T) { agreeAfterClockAdvance(t, srv, sp) })
}

// overview reads /linkedin/overview.
func overview(c *client) jv {
	c.tb.Helper()
	return c.expect(http.StatusOK, http.MethodGet, "/linkedin/overview", nil).body
}

// allPages reads every page of a SkyLight list (100 a page) and checks the
// pagination's total.
func allPages(c *client, path string) []jv {
	c.tb.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	var out []jv
	for page := 1; page < 100; page++ {
		r := c.expect(http.StatusOK, http.MethodGet, fmt.Sprintf("%s%spage=%d&per_page=100", path, sep, page), nil)
		out = append(out, r.body.list()...)
		equalInt(c.tb, path+": meta.current_page", r.envelope.at("meta.current_page").int(), page)
		if page >= r.envelope.at("meta.last_page").int() {
			equalInt(c.tb, path+": meta.total", r.envelope.at("meta.total").int(), len(out))
			return out
		}
	}
	c.tb.Fatalf("%s: more than 100 pages", path)
	return nil
}

// byID finds the element of list whose key is id.
func byID(list []jv, key string, id int) (jv, bool) {
	for _, e := range list {
		if e.at(key).int() == id {
			return e, true
		}
	}
	return jv{}, false
}

// summaryOf is the overview's summary of a campaign.
func summaryOf(c jv) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"id", "name", "campaign_type", "status", "contacts_count", "created_at"} {
		out[k] = c.at(k).v
	}
	return out
}

// statsFromContacts is what a campaign's contacts say its stats are.
func statsFromContacts(contacts []jv) map[string]any {
	var invited, accepted, replies, sent int
	for _, ct := range contacts {
		if ct.at("invited_at").v != nil {
			invited++
		}
		if ct.at("accepted_at").v != nil {
			accepted++
		}
		if ct.at("replied_at").v != nil {
			replies++
		}
		sent += ct.at("messages_sent").int()
	}
	return map[string]any{
		"total_contacts": float64(len(contacts)), "invited": float64(invited), "accepted": float64(accepted),
		"pending": float64(invited - accepted), "messages_sent": float64(sent), "replies": float64(replies),
		"acceptance_rate": percent(accepted, invited), "reply_rate": percent(replies, accepted),
	}
}

// checkCampaignReads checks that every read reporting a campaign agrees
// with want (the campaign as a write answered it, at the same instant): GET
// by id, the list and the list filtered by its status, its stats, its
// contacts (whose states add up to the stats), and the overview's active
// campaigns (the active list's first ten, and its count).
func checkCampaignReads(t *testing.T, c *client, want jv) {
	t.Helper()
	id := want.at("id").int()
	base := fmt.Sprintf("/linkedin/outreach/campaigns/%d", id)
	got := c.expect(http.StatusOK, http.MethodGet, base, nil).body
	sameAs(t, fmt.Sprintf("campaign %d read by id and as written", id), got, want)

	status := want.at("status").str()
	listed, ok := byID(allPages(c, "/linkedin/outreach/campaigns"), "id", id)
	if !ok {
		t.Fatalf("campaign %d is not in the campaign list", id)
	}
	sameAs(t, fmt.Sprintf("campaign %d in the list", id), listed, want)
	filtered := allPages(c, "/linkedin/outreach/campaigns?status="+status)
	if _, ok := byID(filtered, "id", id); !ok {
		t.Errorf("campaign %d (%s) is not in the list filtered by status=%s", id, status, status)
	}
	for _, f := range filtered {
		if f.at("status").str() != status {
			t.Errorf("status=%s lists campaign %d, which is %s", status, f.at("id").int(), f.at("status").str())
		}
	}

	stats := c.expect(http.StatusOK, http.MethodGet, base+"/stats", nil).body
	equalInt(t, "stats campaign_id", stats.at("campaign_id").int(), id)
	if stats.at("status").str() != status {
		t.Errorf("stats say campaign %d is %s, the campaign says %s", id, stats.at("status").str(), status)
	}
	sameAs(t, fmt.Sprintf("campaign %d: /stats and the campaign's stats", id), stats.at("stats"), want.at("stats"))
	contacts := allPages(c, base+"/contacts")
	equalInt(t, fmt.Sprintf("campaign %d: contacts listed vs contacts_count", id), len(contacts), want.at("contacts_count").int())
	sameAs(t, fmt.Sprintf("campaign %d: stats and what its contacts say", id), want.at("stats"), statsFromContacts(contacts))
	checkOverviewCampaigns(t, c)
}

// checkOverviewCampaigns checks the overview's active campaigns against the
// list filtered by status=active (newest first, the first ten).
func checkOverviewCampaigns(t *testing.T, c *client) {
	t.Helper()
	active := allPages(c, "/linkedin/outreach/campaigns?status=active")
	ov := overview(c).at("active_campaigns")
	equalInt(t, "overview active_campaigns.count vs the campaigns listed with status=active", ov.at("count").int(), len(active))
	var want []any
	for i, a := range active {
		if i < 10 {
			want = append(want, summaryOf(a))
		}
	}
	if want == nil {
		want = []any{}
	}
	sameAs(t, "overview active_campaigns.items and the active list's first ten", ov.at("items"), want)
}

// checkInbox checks the overview's inbox against the LinkedIn contacts and
// their conversations (reading every conversation), then that the reading
// left no conversation unread and changed no other counter.
func checkInbox(t *testing.T, c *client) {
	t.Helper()
	before := overview(c).at("inbox")
	var conversations, unread, sent, received int
	contacts := map[int]jv{}
	for _, ct := range allPages(c, "/contacts?type=linkedin") {
		contacts[ct.at("id").int()] = ct
	}
	for _, conv := range allPages(c, "/conversations?channel=linkedin") {
		id := conv.at("contact_id").int()
		ct, ok := contacts[id]
		if !ok {
			t.Errorf("conversation with %d, not a LinkedIn contact", id)
			continue
		}
		conversations++
		if conv.at("unread_count").int() > 0 {
			unread++
		}
		if conv.at("last_message_at").str() != ct.at("last_message_at").str() || conv.at("contact_name").str() != ct.at("name").str() {
			t.Errorf("contact %d in /contacts and in /conversations disagree: %s, %s", id, compact(ct.v), compact(conv.v))
		}
		msgs := allPages(c, fmt.Sprintf("/contacts/%d/messages", id))
		if len(msgs) == 0 || msgs[0].at("created_at").str() != ct.at("last_message_at").str() || msgs[0].at("content").str() != conv.at("last_message").str() {
			t.Errorf("contact %d: last_message_at %s is not its conversation's newest message", id, ct.at("last_message_at").str())
		}
		for _, m := range msgs {
			if m.at("direction").str() == "inbound" {
				received++
			} else {
				sent++
			}
		}
	}
	want := map[string]any{"conversations": float64(conversations), "unread_conversations": float64(unread),
		"messages_sent": float64(sent), "messages_received": float64(received)}
	sameAs(t, "overview inbox and the LinkedIn conversations", before, want)
	want["unread_conversations"] = 0.0
	sameAs(t, "overview inbox after reading every conversation", overview(c).at("inbox"), want)
}
