package skylight_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const docDM = "مرحباً سارة، شكراً على تواصلك معنا. كيف أقدر أساعدك؟"

// messageKeys are the published message object's fields.
var messageKeys = []string{"id", "contact_id", "direction", "channel", "content", "status", "sent_at", "created_at"}

// TestRepliesToDirectMessages sends DMs to LinkedIn contacts: some answer
// (drawn from the seed), the reply is an inbound message in the
// conversation and in GET /conversations, and the DM turns read.
func TestRepliesToDirectMessages(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	contacts, _ := c.page("/contacts?type=linkedin&per_page=30")
	var sent []int
	for _, ct := range contacts {
		if get(ct, "status") == "active" {
			id := num(t, get(ct, "id"))
			c.ok(201, "POST", "/messages/send", map[string]any{"contact_id": id, "message": "hello"})
			sent = append(sent, id)
		}
	}
	c.advance(7 * time.Hour)
	replied := 0
	for _, id := range sent {
		msgs, _ := c.page("/contacts/" + itoa(id) + "/messages?per_page=100")
		var dm map[string]any
		inboundAfter := false
		for _, m := range msgs {
			switch {
			case get(m, "content") == "hello":
				dm = m.(map[string]any)
			case dm == nil && get(m, "direction") == "inbound":
				inboundAfter = true // newest first: seen before the DM
			}
		}
		require.NotNil(t, dm)
		if inboundAfter {
			replied++
			require.Equal(t, "read", dm["status"], "the contact answered it")
		}
	}
	require.Positive(t, replied, "some contacts answer")
	require.Less(t, replied, len(sent), "not all do")
}

func TestFailedMessageToInactiveContact(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	for _, ct := range allContacts(t, c, "type=linkedin") {
		if get(ct, "status") != "inactive" {
			continue
		}
		msg := c.ok(201, "POST", "/messages/send", map[string]any{"contact_id": get(ct, "id"), "message": "hi"})
		require.Equal(t, "pending", msg["status"])
		c.advance(time.Hour)
		msgs, _ := c.page("/contacts/" + itoa(num(t, get(ct, "id"))) + "/messages")
		require.Equal(t, "failed", get(msgs[0], "status"))
		require.Nil(t, get(msgs[0], "sent_at"))
		return
	}
	t.Fatal("the default world has no inactive LinkedIn contact")
}

func nonLinkedInContact(t *testing.T, c *client) int {
	t.Helper()
	for _, kind := range []string{"whatsapp", "telegram", "instagram", "email"} {
		items, _ := c.page("/contacts?type=" + kind)
		if len(items) > 0 {
			return num(t, get(items[0], "id"))
		}
	}
	t.Fatal("no contact of another channel")
	return 0
}

// contactKeys are the published contact object's fields and the LinkedIn
// ones.
var contactKeys = []string{"id", "name", "email", "phone", "type", "status", "blacklisted", "tags", "last_message_at",
	"created_at", "updated_at", "provider_id", "profile_url", "headline"}

// TestContactFilters: every published filter works, alone and together.
func TestContactFilters(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	all := allContacts(t, c, "")
	filters := []struct {
		query string
		keep  func(ct any) bool
	}{
		{"type=linkedin", func(ct any) bool { return get(ct, "type") == "linkedin" }},
		{"blacklisted=true", func(ct any) bool { return get(ct, "blacklisted") == true }},
		{"blacklisted=false", func(ct any) bool { return get(ct, "blacklisted") == false }},
		{"tag=vip", func(ct any) bool { return contains(get(ct, "tags"), "vip") }},
		{"search=سارة", func(ct any) bool { return strings.Contains(get(ct, "name").(string), "سارة") }},
		{"search=EXAMPLE.COM", func(ct any) bool { s, _ := get(ct, "email").(string); return strings.Contains(s, "example.com") }},
		{"type=linkedin&tag=lead", func(ct any) bool { return get(ct, "type") == "linkedin" && contains(get(ct, "tags"), "lead") }},
	}
	for _, f := range filters {
		var want []any
		for _, ct := range all {
			if f.keep(ct) {
				want = append(want, get(ct, "id"))
			}
		}
		var got []any
		for _, ct := range allContacts(t, c, f.query) {
			got = append(got, get(ct, "id"))
		}
		require.NotEmpty(t, want, f.query)
		require.Equal(t, want, got, f.query)
	}
	phone := ""
	for _, ct := range all {
		if p, ok := get(ct, "phone").(string); ok {
			phone = p
			break
		}
	}
	found := allContacts(t, c, "search="+strings.TrimPrefix(phone, "+")[3:])
	require.NotEmpty(t, found, "search matches phones")
}

func contains(list any, s string) bool {
	for _, v := range list.([]any) {
		if v == s {
			return true
		}
	}
	return false
}

func allContacts(t *testing.T, c *client, filter string) []any {
	t.Helper()
	var out []any
	for p := 1; ; p++ {
		items, meta := c.page("/contacts?per_page=100&page=" + itoa(p) + "&" + filter)
		out = append(out, items...)
		if p >= num(t, meta["last_page"]) {
			return out
		}
	}
}

func contactByID(t *testing.T, c *client, id int) map[string]any {
	t.Helper()
	for _, ct := range allContacts(t, c, "") {
		if num(t, get(ct, "id")) == id {
			return ct.(map[string]any)
		}
	}
	t.Fatalf("no contact %d", id)
	return nil
}

// TestInboxAgreesWithConversations sums the LinkedIn conversations and
// compares with the overview, before and after reading one.
func TestInboxAgreesWithConversations(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	c.advance(3 * 24 * time.Hour) // campaign replies arrive, unread
	sum := func() (conv, unread int, first int) {
		for p := 1; ; p++ {
			items, meta := c.page("/conversations?channel=linkedin&per_page=100&page=" + itoa(p))
			for _, it := range items {
				conv++
				if num(t, get(it, "unread_count")) > 0 {
					unread++
					if first == 0 {
						first = num(t, get(it, "contact_id"))
					}
				}
			}
			if p >= num(t, meta["last_page"]) {
				return conv, unread, first
			}
		}
	}
	conv, unread, id := sum()
	inbox := c.ok(200, "GET", "/linkedin/overview", nil)["inbox"]
	require.Equal(t, conv, num(t, get(inbox, "conversations")))
	require.Equal(t, unread, num(t, get(inbox, "unread_conversations")))
	require.Positive(t, unread)

	one, _ := c.page("/conversations?contact_id=" + itoa(id))
	require.Len(t, one, 1)
	msgs, _ := c.page("/contacts/" + itoa(id) + "/messages?per_page=100")
	require.Equal(t, get(msgs[0], "content"), get(one[0], "last_message"))
	require.Equal(t, get(msgs[0], "created_at"), get(one[0], "last_message_at"))
	for _, m := range msgs {
		if get(m, "direction") == "inbound" {
			require.Equal(t, "read", get(m, "status"))
		}
	}
	inbox = c.ok(200, "GET", "/linkedin/overview", nil)["inbox"]
	require.Equal(t, unread-1, num(t, get(inbox, "unread_conversations")))
	_, after, _ := sum()
	require.Equal(t, unread-1, after)
}

// TestSendDocMessageToContact418 sends the LinkedIn page's DM and follows
// its status on the clock: pending, sent, delivered.
func TestSendDocMessageToContact418(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	before := c.ok(200, "GET", "/linkedin/overview", nil)
	msg := c.ok(201, "POST", "/messages/send", map[string]any{"contact_id": 418, "message": docDM})
	for _, k := range messageKeys {
		require.Contains(t, msg, k)
	}
	require.EqualValues(t, 418, msg["contact_id"])
	require.Equal(t, "linkedin", msg["channel"])
	require.Equal(t, "outbound", msg["direction"])
	require.Equal(t, "pending", msg["status"])
	require.Equal(t, docDM, msg["content"])
	require.Nil(t, msg["sent_at"])
	require.Equal(t, "2025-05-11T09:00:00.000000Z", msg["created_at"])

	msgs, _ := c.page("/contacts/418/messages")
	require.Equal(t, msg, msgs[0], "the newest message of the conversation")
	ct := contactByID(t, c, 418)
	require.Equal(t, "2025-05-11T09:00:00.000000Z", ct["last_message_at"])
	require.Equal(t, "ACoAABcD1234", ct["provider_id"])
	require.Equal(t, "sara.alotaibi@sahab-gulf.example", ct["email"], "from fixtures/data/anchors.json")

	after := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, num(t, get(before, "inbox", "messages_sent"))+1, num(t, get(after, "inbox", "messages_sent")))

	steps := []struct {
		after  time.Duration
		status string
	}{{2 * time.Second, "sent"}, {time.Minute, "delivered"}}
	for _, s := range steps {
		c.advance(s.after)
		msgs, _ = c.page("/contacts/418/messages")
		var got map[string]any
		for _, m := range msgs {
			if get(m, "id") == msg["id"] {
				got = m.(map[string]any)
			}
		}
		require.Equal(t, s.status, got["status"], "after %s", s.after)
		require.Equal(t, "2025-05-11T09:00:02.000000Z", got["sent_at"])
	}
}

func TestListContacts(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	all := allContacts(t, c, "")
	require.GreaterOrEqual(t, len(all), 60)
	kinds := map[any]int{}
	prev := 0
	var blacklisted, tagged, emailed int
	for _, ct := range all {
		for _, k := range contactKeys {
			require.Contains(t, ct, k)
		}
		id := num(t, get(ct, "id"))
		require.Greater(t, id, prev, "ordered by id")
		prev = id
		kinds[get(ct, "type")]++
		if get(ct, "type") == "linkedin" {
			require.NotNil(t, get(ct, "provider_id"))
			require.Nil(t, get(ct, "phone"))
		} else {
			require.Nil(t, get(ct, "provider_id"))
		}
		if k := get(ct, "type"); k == "whatsapp" || k == "telegram" {
			require.True(t, strings.HasPrefix(get(ct, "phone").(string), "+"))
		}
		if get(ct, "blacklisted") == true {
			blacklisted++
		}
		if len(list(t, get(ct, "tags"))) > 0 {
			tagged++
		}
		if get(ct, "email") != nil {
			emailed++
		}
	}
	require.Len(t, kinds, 5, "every channel: %v", kinds)
	require.Positive(t, blacklisted)
	require.Positive(t, tagged)
	require.Positive(t, emailed)
}
