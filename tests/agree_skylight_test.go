package tests

import (
	"fmt"
	"net/http"
	"testing"
)

// The doc's example bodies the agreement steps write with.
var (
	docConnect = map[string]any{"username": "m.alotaibi@noortech.sa", "password": "YOUR_PASSWORD", "country": "SA"}
	docSearch  = map[string]any{"title": "مدير تسويق", "location": "الرياض", "company": "شركة سحاب الخليج", "limit": 25}
	docLaunch  = map[string]any{
		"name": "تواصل مع مديري التسويق في الرياض", "campaign_type": "sequence",
		"provider_ids": []string{"ACoAABcD1234", "khalid-alshammari-ksa"},
		"invite_note":  "مرحباً، أتابع أعمالكم في قطاع التقنية وأحب التواصل معكم.",
		"sequence_messages": []map[string]any{
			{"text": "شكراً على قبول الدعوة - هل يناسبك اتصال قصير الأسبوع القادم؟", "wait_days": 3}},
	}
	docMessage = map[string]any{"contact_id": 418, "message": "مرحباً سارة، شكراً على تواصلك معنا. كيف أقدر أساعدك؟"}
)

// docJob is the doc's job, published at once or kept as a draft.
func docJob(publish bool) map[string]any {
	return map[string]any{
		"title":       "مطور Laravel أول (Full Stack)",
		"description": "نبحث عن مطور Laravel بخبرة 3+ سنوات للانضمام لفريق منتج منصة المحادثات في الرياض.",
		"location":    "الرياض، السعودية", "company_name": "شركة نور التقنية",
		"employment_type": "FULL_TIME", "workplace_type": "HYBRID", "publish_now": publish,
	}
}

// checkConnection checks that /channels/linkedin/status and the overview's
// connection report the same session, and returns it.
func checkConnection(t *testing.T, c *client) jv {
	t.Helper()
	st := c.expect(http.StatusOK, http.MethodGet, "/channels/linkedin/status", nil).body
	sameAs(t, "the overview's connection and /channels/linkedin/status", overview(c).at("connection"), st)
	return st
}

// agreeConnect2FA: connect with 2FA; status and overview follow each step,
// LinkedIn routes open once the code is accepted.
func agreeConnect2FA(t *testing.T, c *client) {
	if st := checkConnection(t, c); st.at("is_connected").bool() {
		t.Fatalf("2fa-required starts disconnected: %s", compact(st.v))
	}
	c.fails(http.StatusConflict, "linkedin_not_connected", http.MethodPost, "/linkedin/sourcing/search", docSearch)

	conn := c.expect(http.StatusOK, http.MethodPost, "/channels/linkedin/connect", docConnect).body
	accountID := conn.at("account_id").str()
	st := checkConnection(t, c)
	if st.at("is_connected").bool() || st.at("sync_status").str() != conn.at("sync_status").str() || st.at("id").int() != conn.at("id").int() {
		t.Errorf("while the code is pending, status %s disagrees with the connect's answer %s", compact(st.v), compact(conn.v))
	}
	wrong := c.fails(http.StatusUnprocessableEntity, "invalid_2fa_code", http.MethodPost, "/channels/linkedin/2fa",
		map[string]any{"account_id": accountID, "code": "000000"}).body
	equalInt(t, "attempts_remaining after one wrong code", wrong.at("attempts_remaining").int(), 2)
	resent := c.expect(http.StatusOK, http.MethodPost, "/channels/linkedin/2fa/resend", map[string]any{"account_id": accountID}).body
	if resent.at("account_id").str() != accountID {
		t.Errorf("resend names account %s, the connect %s", resent.at("account_id").str(), accountID)
	}

	ok := c.expect(http.StatusOK, http.MethodPost, "/channels/linkedin/2fa", map[string]any{"account_id": accountID, "code": "123456"}).body
	st = checkConnection(t, c)
	if !st.at("is_connected").bool() || ok.at("account_id").str() != accountID || st.at("username").str() != docConnect["username"] {
		t.Fatalf("after the right code the account %s is connected: %s", accountID, compact(st.v))
	}
	sameAs(t, "the account in the 2FA answer and in /account/channels", ok.without("requires_2fa", "account_id", "code_expires_at", "two_factor_method"),
		c.expect(http.StatusOK, http.MethodGet, "/account/channels", nil).body.list()[0])
	if ok.at("sync_status").str() != st.at("sync_status").str() {
		t.Errorf("2FA answered sync_status %s, status says %s", ok.at("sync_status").str(), st.at("sync_status").str())
	}
	c.expect(http.StatusOK, http.MethodPost, "/linkedin/sourcing/search", docSearch)
}

// linkedInContacts maps the profile URL of every LinkedIn contact to its id.
func linkedInContacts(c *client) map[string]int {
	out := map[string]int{}
	for _, ct := range allPages(c, "/contacts?type=linkedin") {
		out[ct.at("profile_url").str()] = ct.at("id").int()
	}
	return out
}

// agreeLaunch: a campaign launched on three people, one of them given twice
// (by provider id, then by profile URL), is one campaign of three contacts
// everywhere, and its people are LinkedIn contacts.
func agreeLaunch(t *testing.T, c *client) {
	found := c.expect(http.StatusOK, http.MethodPost, "/linkedin/sourcing/search", map[string]any{"location": "الرياض", "limit": 3}).body.at("items").list()
	if len(found) < 3 {
		t.Fatalf("a search of Riyadh finds %d people, want 3", len(found))
	}
	p1, p2, p3 := found[0], found[1], found[2]
	for _, camp := range allPages(c, "/linkedin/outreach/campaigns") {
		checkCampaignReads(t, c, camp) // the generated ones, before any write
	}
	contactsBefore := linkedInContacts(c)
	activeBefore := overview(c).at("active_campaigns.count").int()

	launched := c.expect(http.StatusCreated, http.MethodPost, "/linkedin/sourcing/launch-campaign", map[string]any{
		"name": "Agreement check", "campaign_type": "invite",
		"provider_ids": []string{p1.at("provider_id").str(), p2.at("provider_id").str()},
		"targets":      "https://www.linkedin.com/in/" + p1.at("public_identifier").str() + "\n" + p3.at("public_identifier").str() + "\n",
	}).body
	equalInt(t, "contacts_count of three people, one given twice", launched.at("contacts_count").int(), 3)
	checkCampaignReads(t, c, launched)
	equalInt(t, "overview active campaigns after a launch", overview(c).at("active_campaigns.count").int(), activeBefore+1)

	contactsAfter := linkedInContacts(c)
	added := 0
	for _, p := range []jv{p1, p2, p3} {
		if _, ok := contactsBefore[p.at("profile_url").str()]; !ok {
			added++
		}
	}
	equalInt(t, "LinkedIn contacts after the launch (one per new person)", len(contactsAfter), len(contactsBefore)+added)
	members := allPages(c, fmt.Sprintf("/linkedin/outreach/campaigns/%d/contacts", launched.at("id").int()))
	seen := map[int]bool{}
	for _, m := range members {
		id := m.at("contact_id").int()
		if seen[id] {
			t.Errorf("contact %d is in the campaign twice", id)
		}
		seen[id] = true
		if contactsAfter[m.at("profile_url").str()] != id {
			t.Errorf("campaign contact %d (%s) is not that person's LinkedIn contact (%d)", id, m.at("profile_url").str(), contactsAfter[m.at("profile_url").str()])
		}
		if old, ok := contactsBefore[m.at("profile_url").str()]; ok && old != id {
			t.Errorf("an existing contact (%d) got a new id %d", old, id)
		}
	}
}

// agreeTransitions: pause, resume and cancel show everywhere at once, the
// overview's active count follows, and a cancelled campaign stays so.
func agreeTransitions(t *testing.T, c *client) {
	launched := c.expect(http.StatusCreated, http.MethodPost, "/linkedin/sourcing/launch-campaign", docLaunch).body
	id := launched.at("id").int()
	checkCampaignReads(t, c, launched)
	active := overview(c).at("active_campaigns.count").int()
	for _, step := range []struct {
		action, status string
		activeDelta    int
		stamp          string // the field the action sets
	}{
		{"pause", "paused", -1, "paused_at"},
		{"resume", "active", 0, ""},
		{"cancel", "cancelled", -1, "cancelled_at"},
	} {
		got := c.expect(http.StatusOK, http.MethodPost, fmt.Sprintf("/linkedin/outreach/campaigns/%d/%s", id, step.action), nil).body
		if got.at("status").str() != step.status || (step.stamp != "" && got.at(step.stamp).v == nil) {
			t.Errorf("%s answered %s", step.action, compact(got.v))
		}
		checkCampaignReads(t, c, got)
		equalInt(t, "overview active campaigns after "+step.action, overview(c).at("active_campaigns.count").int(), active+step.activeDelta)
	}
	cancelled := c.expect(http.StatusOK, http.MethodGet, fmt.Sprintf("/linkedin/outreach/campaigns/%d", id), nil).body
	refused := c.fails(http.StatusConflict, "", http.MethodPost, fmt.Sprintf("/linkedin/outreach/campaigns/%d/pause", id), nil).body
	if refused.at("current_status").str() != "cancelled" {
		t.Errorf("a refused pause names current_status %s, want cancelled", refused.at("current_status").str())
	}
	checkCampaignReads(t, c, cancelled)
}

// agreeMessage: a DM shows in the contact's conversation, in the contact's
// last_message_at and in the overview's inbox counters, by exactly one;
// reading the conversation clears its unread count there too.
func agreeMessage(t *testing.T, c *client) {
	contact := func() jv {
		for _, ct := range allPages(c, "/contacts?type=linkedin") {
			if ct.at("id").int() == 418 {
				return ct
			}
		}
		t.Fatal("contact 418 (the doc's) is not a LinkedIn contact")
		return jv{}
	}
	before, ct := overview(c).at("inbox"), contact()
	sent := c.expect(http.StatusCreated, http.MethodPost, "/messages/send", docMessage).body
	after, ctAfter := overview(c).at("inbox"), contact()

	newConversation := 0
	if ct.at("last_message_at").v == nil {
		newConversation = 1
	}
	equalInt(t, "inbox messages_sent after one DM", after.at("messages_sent").int(), before.at("messages_sent").int()+1)
	equalInt(t, "inbox messages_received after a DM", after.at("messages_received").int(), before.at("messages_received").int())
	equalInt(t, "inbox conversations after a DM", after.at("conversations").int(), before.at("conversations").int()+newConversation)
	equalInt(t, "inbox unread_conversations after a DM", after.at("unread_conversations").int(), before.at("unread_conversations").int())
	if ctAfter.at("last_message_at").str() != sent.at("created_at").str() {
		t.Errorf("contact 418's last_message_at %s, the DM was created at %s", ctAfter.at("last_message_at").str(), sent.at("created_at").str())
	}
	convs := c.expect(http.StatusOK, http.MethodGet, "/conversations?contact_id=418", nil).body.list()
	if len(convs) != 1 || convs[0].at("last_message").str() != docMessage["message"] || convs[0].at("last_message_at").str() != sent.at("created_at").str() {
		t.Errorf("the conversations list contact 418 with the DM last: %s", compact(convs))
	}
	wasUnread := 0
	if len(convs) == 1 && convs[0].at("unread_count").int() > 0 {
		wasUnread = 1
	}

	msgs := c.expect(http.StatusOK, http.MethodGet, "/contacts/418/messages", nil).body.list()
	if len(msgs) == 0 {
		t.Fatal("contact 418's conversation is empty after a DM")
	}
	sameAs(t, "the DM as sent and as the conversation's newest message", msgs[0], sent)
	equalInt(t, "unread_conversations after reading contact 418", overview(c).at("inbox.unread_conversations").int(),
		after.at("unread_conversations").int()-wasUnread)

	c.fails(http.StatusUnprocessableEntity, "", http.MethodPost, "/messages/send",
		map[string]any{"contact_id": nonLinkedInContact(t, c), "message": "hello"})
	checkInbox(t, c)
}

// nonLinkedInContact is the id of a contact on another channel.
func nonLinkedInContact(t *testing.T, c *client) int {
	t.Helper()
	for _, ct := range allPages(c, "/contacts") {
		if ct.at("type").str() != "linkedin" {
			return ct.at("id").int()
		}
	}
	t.Fatal("every contact is a LinkedIn contact")
	return 0
}
