package mockserver_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSendDocMessageToContact418 sends the LinkedIn page's DM and follows
// its status on the clock: pending, sent, delivered.
func TestSendDocMessageToContact418(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	before := c.ok(200, "GET", "/linkedin/overview", nil)
	msg := c.ok(201, "POST", "/messages/send", map[string]any{"contact_id": 418, "message": skyDocDM})
	for _, k := range skyMessageKeys {
		require.Contains(t, msg, k)
	}
	require.EqualValues(t, 418, msg["contact_id"])
	require.Equal(t, "linkedin", msg["channel"])
	require.Equal(t, "outbound", msg["direction"])
	require.Equal(t, "pending", msg["status"])
	require.Equal(t, skyDocDM, msg["content"])
	require.Nil(t, msg["sent_at"])
	require.Equal(t, "2025-05-11T09:00:00.000000Z", msg["created_at"])
	c.fails(404, "", "POST", "/messages", map[string]any{"contact_id": 418, "message": skyDocDM}) // the old route

	msgs, _ := c.page("/contacts/418/messages")
	require.Equal(t, msg, msgs[0], "the newest message of the conversation")
	ct := skyContactByID(t, c, 418)
	require.Equal(t, "2025-05-11T09:00:00.000000Z", ct["last_message_at"])
	require.Equal(t, "ACoAABcD1234", ct["provider_id"])
	require.Equal(t, "sara.alotaibi@sahab-gulf.example", ct["email"], "from fixtures/data/anchors.json")

	after := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, skyNum(t, skyGet(before, "inbox", "messages_sent"))+1, skyNum(t, skyGet(after, "inbox", "messages_sent")))

	steps := []struct {
		after  time.Duration
		status string
	}{{2 * time.Second, "sent"}, {time.Minute, "delivered"}}
	for _, s := range steps {
		c.advance(s.after)
		msgs, _ = c.page("/contacts/418/messages")
		var got map[string]any
		for _, m := range msgs {
			if skyGet(m, "id") == msg["id"] {
				got = m.(map[string]any)
			}
		}
		require.Equal(t, s.status, got["status"], "after %s", s.after)
		require.Equal(t, "2025-05-11T09:00:02.000000Z", got["sent_at"])
	}
}

func TestSendMessageErrors(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	other := skyNonLinkedInContact(t, c)
	cases := []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"unknown contact", map[string]any{"contact_id": 999999, "message": "hi"}, 404, ""},
		{"non-linkedin contact", map[string]any{"contact_id": other, "message": "hi"}, 422, "contact_id"},
		{"empty message", map[string]any{"contact_id": 418, "message": ""}, 422, "message"},
		{"missing contact", map[string]any{"message": "hi"}, 422, "contact_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := c.fails(tc.status, "", "POST", "/messages/send", tc.body)
			if tc.status == 404 {
				require.Equal(t, "Contact not found.", e["message"], "the published 404")
				return
			}
			require.Equal(t, "The given data was invalid.", e["message"])
			require.Contains(t, e["errors"], tc.field)
		})
	}
	c.fails(404, "", "GET", "/contacts/999999/messages", nil)
	msgs, _ := c.page("/contacts/" + skyItoa(other) + "/messages")
	for _, m := range msgs {
		require.NotEqual(t, "linkedin", skyGet(m, "channel"), "other channels' conversations can be read")
	}
}

func TestListContacts(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	all := skyAllContacts(t, c, "")
	require.GreaterOrEqual(t, len(all), 60)
	kinds := map[any]int{}
	prev := 0
	var blacklisted, tagged, emailed int
	for _, ct := range all {
		for _, k := range skyContactKeys {
			require.Contains(t, ct, k)
		}
		id := skyNum(t, skyGet(ct, "id"))
		require.Greater(t, id, prev, "ordered by id")
		prev = id
		kinds[skyGet(ct, "type")]++
		if skyGet(ct, "type") == "linkedin" {
			require.NotNil(t, skyGet(ct, "provider_id"))
			require.Nil(t, skyGet(ct, "phone"))
		} else {
			require.Nil(t, skyGet(ct, "provider_id"))
		}
		if k := skyGet(ct, "type"); k == "whatsapp" || k == "telegram" {
			require.True(t, strings.HasPrefix(skyGet(ct, "phone").(string), "+"))
		}
		if skyGet(ct, "blacklisted") == true {
			blacklisted++
		}
		if len(skyList(t, skyGet(ct, "tags"))) > 0 {
			tagged++
		}
		if skyGet(ct, "email") != nil {
			emailed++
		}
	}
	require.Len(t, kinds, 5, "every channel: %v", kinds)
	require.Positive(t, blacklisted)
	require.Positive(t, tagged)
	require.Positive(t, emailed)
	c.fails(422, "", "GET", "/contacts?type=sms", nil)
}
