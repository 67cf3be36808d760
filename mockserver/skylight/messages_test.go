package skylight_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const docDM = "مرحباً سارة، شكراً على تواصلك معنا. كيف أقدر أساعدك؟"

func TestSendDocMessageToContact418(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	before := c.ok(200, "GET", "/linkedin/overview", nil)
	res := c.ok(201, "POST", "/messages", map[string]any{"contact_id": 418, "message": docDM})
	msg := res["message"].(map[string]any)
	require.EqualValues(t, 418, msg["contact_id"])
	require.Equal(t, "linkedin", msg["channel"])
	require.Equal(t, "outbound", msg["direction"])
	require.Equal(t, "sent", msg["status"])
	require.Equal(t, docDM, msg["text"])
	require.Equal(t, "2025-05-11T09:00:00Z", msg["sent_at"])

	conv := c.ok(200, "GET", "/contacts/418/messages", nil)
	msgs := list(t, conv["messages"])
	require.Equal(t, msg, msgs[len(msgs)-1], "the last message of the conversation")
	require.Equal(t, "2025-05-11T09:00:00Z", get(conv, "contact", "last_message_at"))
	require.Equal(t, "ACoAABcD1234", get(conv, "contact", "provider_id"))

	after := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, num(t, get(before, "inbox", "messages_sent"))+1, num(t, get(after, "inbox", "messages_sent")))

	c.advance(2 * time.Minute)
	msgs = list(t, c.ok(200, "GET", "/contacts/418/messages", nil)["messages"])
	require.Equal(t, "delivered", get(msgs[len(msgs)-1], "status"))
}

func TestSendMessageErrors(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	other := nonLinkedInContact(t, c)
	cases := []struct {
		name   string
		body   map[string]any
		status int
		code   string
	}{
		{"unknown contact", map[string]any{"contact_id": 999999, "message": "hi"}, 404, "not_found"},
		{"non-linkedin contact", map[string]any{"contact_id": other, "message": "hi"}, 422, "unsupported_channel"},
		{"empty message", map[string]any{"contact_id": 418, "message": ""}, 422, "validation_failed"},
		{"missing contact", map[string]any{"message": "hi"}, 422, "validation_failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := c.fails(tc.status, tc.code, "POST", "/messages", tc.body)
			if tc.code == "unsupported_channel" {
				require.Equal(t, []any{"linkedin"}, e["allowed"])
				require.Contains(t, e["message"], "is not available through this API")
			}
		})
	}
	c.fails(404, "not_found", "GET", "/contacts/999999/messages", nil)
	conv := c.ok(200, "GET", "/contacts/"+itoa(other)+"/messages", nil)
	require.NotEqual(t, "linkedin", get(conv, "contact", "type"), "other channels' conversations can be read")
}

func nonLinkedInContact(t *testing.T, c *client) int {
	t.Helper()
	for _, kind := range []string{"whatsapp", "telegram", "instagram", "email"} {
		items := list(t, c.ok(200, "GET", "/contacts?type="+kind, nil)["contacts"])
		if len(items) > 0 {
			return num(t, get(items[0], "id"))
		}
	}
	t.Fatal("no contact of another channel")
	return 0
}

func TestListContacts(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	all := allContacts(t, c, "")
	require.GreaterOrEqual(t, len(all), 60)
	kinds := map[any]int{}
	prev := 0
	for _, ct := range all {
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
	}
	require.Len(t, kinds, 5, "every channel: %v", kinds)
	for _, ct := range allContacts(t, c, "type=linkedin") {
		require.Equal(t, "linkedin", get(ct, "type"))
	}
	found := list(t, c.ok(200, "GET", "/contacts?search=سارة", nil)["contacts"])
	require.NotEmpty(t, found)
	require.Contains(t, get(found, 0, "name"), "سارة")
	c.fails(422, "validation_failed", "GET", "/contacts?type=sms", nil)
}

func allContacts(t *testing.T, c *client, filter string) []any {
	t.Helper()
	var out []any
	for p := 1; ; p++ {
		res := c.ok(200, "GET", "/contacts?per_page=100&page="+itoa(p)+"&"+filter, nil)
		out = append(out, list(t, res["contacts"])...)
		if p >= num(t, get(res, "pagination", "total_pages")) {
			return out
		}
	}
}

// TestInboxAgreesWithContacts sums the LinkedIn conversations and compares
// with the overview, before and after reading one.
func TestInboxAgreesWithContacts(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	c.advance(3 * 24 * time.Hour) // campaign replies arrive, unread
	sum := func() (conv, unread int) {
		for _, ct := range allContacts(t, c, "type=linkedin") {
			if get(ct, "last_message_at") != nil {
				conv++
			}
			if num(t, get(ct, "unread_count")) > 0 {
				unread++
			}
		}
		return conv, unread
	}
	conv, unread := sum()
	inbox := c.ok(200, "GET", "/linkedin/overview", nil)["inbox"]
	require.Equal(t, conv, num(t, get(inbox, "conversations")))
	require.Equal(t, unread, num(t, get(inbox, "unread_conversations")))
	require.Positive(t, unread)

	var id int
	for _, ct := range allContacts(t, c, "type=linkedin") {
		if num(t, get(ct, "unread_count")) > 0 {
			id = num(t, get(ct, "id"))
			break
		}
	}
	read := c.ok(200, "GET", "/contacts/"+itoa(id)+"/messages", nil)
	require.EqualValues(t, 0, get(read, "contact", "unread_count"))
	for _, m := range list(t, read["messages"]) {
		if get(m, "direction") == "inbound" {
			require.Equal(t, "read", get(m, "status"))
		}
	}
	inbox = c.ok(200, "GET", "/linkedin/overview", nil)["inbox"]
	require.Equal(t, unread-1, num(t, get(inbox, "unread_conversations")))
	_, after := sum()
	require.Equal(t, unread-1, after)
}
