package tests

import (
	"fmt"
	"net/http"
	"testing"
)

// agreeAfterClockAdvance moves the server's clock twice (POST
// /__admin/clock/advance): campaigns progress, applicants apply, a fresh
// session finishes syncing and Konnector reveals new days; after each move
// every read still agrees, campaign stats are what their contacts say, and
// Konnector's past does not change.
func agreeAfterClockAdvance(t *testing.T, srv *mockProcess, sp specs) {
	sky := newClient(t, srv, sp.sky, "agree-clock", "")
	session := newClient(t, srv, sp.sky, "agree-2fa", "2fa-required") // connected by the 2FA step
	kon := newClient(t, srv, sp.kon, "agree-clock", "")

	launched := sky.expect(http.StatusCreated, http.MethodPost, "/linkedin/sourcing/launch-campaign", docLaunch).body
	campaignPath := fmt.Sprintf("/linkedin/outreach/campaigns/%d", launched.at("id").int())
	job := sky.expect(http.StatusCreated, http.MethodPost, "/linkedin/recruiter/jobs", docJob(true)).body
	equalInt(t, "applicants of a job just published", job.at("applicants_count").int(), 0)
	wasConnected := checkConnection(t, session).at("is_connected").bool()
	docRange := map[string]any{"start_date": "2025-05-01", "end_date": "2025-05-10"}
	past := kon.expect(http.StatusOK, http.MethodPost, "/dashboard-info", docRange).body.at("data").without(stampKeys...)

	jobPath := fmt.Sprintf("/linkedin/recruiter/jobs/%d", job.at("id").int())
	applicants := 0
	previous := map[string]int{}
	idle := newClient(t, srv, sp.sky, "agree-disconnected", "")
	idle.expect(http.StatusOK, http.MethodPost, "/channels/linkedin/disconnect", nil)
	checkConnection(t, idle)
	frozen := idle.expect(http.StatusOK, http.MethodGet, "/linkedin/outreach/campaigns?per_page=100", nil).body.v
	frozenInbox := overview(idle).at("inbox").v
	for i, step := range []string{"72h", "168h"} {
		t.Run("after "+step, func(t *testing.T) {
			sky, session, kon := sky.with(t), session.with(t), kon.with(t)
			srv.advance(t, step)

			if st := checkConnection(t, session); wasConnected && (st.at("sync_status").str() != "OK" || st.at("last_synced_at").v == nil) {
				t.Errorf("long after the 2FA connect the session is connected and synced: %s", compact(st.v))
			}

			synced := sky.expect(http.StatusOK, http.MethodPost, jobPath+"/sync-applicants", nil).body
			added := synced.at("added").int()
			if i == 0 && added == 0 {
				t.Errorf("no applicant applied to a published job in %s", step)
			}
			applicants += added
			equalInt(t, "applicants_count after a sync", synced.at("job.applicants_count").int(), applicants)
			checkJobReads(t, sky, synced.at("job"))

			for _, camp := range allPages(sky, "/linkedin/outreach/campaigns") {
				checkCampaignReads(t, sky, camp)
			}
			now := sky.expect(http.StatusOK, http.MethodGet, campaignPath, nil).body.at("stats")
			for _, k := range []string{"invited", "accepted", "messages_sent", "replies"} {
				if now.at(k).int() < previous[k] {
					t.Errorf("campaign stats went back: %s %d then %d", k, previous[k], now.at(k).int())
				}
				previous[k] = now.at(k).int()
			}
			if now.at("invited").int() != 2 {
				t.Errorf("both people of the doc's campaign are invited %s later: %s", step, compact(now.v))
			}
			idle := idle.with(t) // disconnected: nothing progresses
			sameAs(t, "a disconnected account's campaigns after the clock moved", idle.expect(http.StatusOK, http.MethodGet, "/linkedin/outreach/campaigns?per_page=100", nil).body, frozen)
			sameAs(t, "a disconnected account's inbox after the clock moved", overview(idle).at("inbox"), frozenInbox)
			checkOverviewCampaigns(t, idle)

			checkCampaignConversations(t, sky, campaignPath, docLaunch["sequence_messages"].([]map[string]any))
			checkInbox(t, sky)

			sameAs(t, "the dashboard of a past range after the clock moved", kon.expect(http.StatusOK, http.MethodPost, "/dashboard-info", docRange).body.at("data").without(stampKeys...), past)
			fresh := newClient(t, srv, sp.kon, "agree-clock-"+step, "")
			agreeAggregates(t, fresh, aggregateFilters[0])
		})
	}
}

// checkCampaignConversations checks that each campaign contact's progress is
// in its conversation: the last sequence message sent at last_message_at,
// the reply at replied_at.
func checkCampaignConversations(t *testing.T, c *client, campaignPath string, sequence []map[string]any) {
	t.Helper()
	for _, m := range allPages(c, campaignPath+"/contacts") {
		if m.at("last_message_at").v == nil && m.at("replied_at").v == nil {
			continue
		}
		id := m.at("contact_id").int()
		msgs := c.expect(http.StatusOK, http.MethodGet, fmt.Sprintf("/contacts/%d/messages?per_page=100", id), nil).body.list()
		has := func(direction, at, text string) bool {
			for _, msg := range msgs {
				if msg.at("direction").str() == direction && msg.at("sent_at").str() == at && (text == "" || msg.at("content").str() == text) {
					return true
				}
			}
			return false
		}
		if at := m.at("last_message_at"); at.v != nil {
			n := m.at("messages_sent").int()
			if n < 1 || n > len(sequence) || !has("outbound", at.str(), sequence[n-1]["text"].(string)) {
				t.Errorf("contact %d: sequence message %d sent at %s is not in its conversation", id, n, at.str())
			}
		}
		if at := m.at("replied_at"); at.v != nil && !has("inbound", at.str(), "") {
			t.Errorf("contact %d: the reply at %s is not in its conversation", id, at.str())
		}
	}
}
