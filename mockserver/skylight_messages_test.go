package mockserver_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSkyLightOldMessagesRouteIsGone: the old POST /messages route is not
// in the spec, so the router answers the published 404 (the rest of the
// send is tested on the operation in the skylight package).
func TestSkyLightOldMessagesRouteIsGone(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	c.fails(404, "", "POST", "/messages", map[string]any{"contact_id": 418, "message": skyDocDM}) // the old route
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

// TestSkyLightListContactsRefusesUnknownType: a contact type outside the
// spec's enum is refused by request validation with the published generic
// 422 (the listing is tested on the operations in the skylight package).
func TestSkyLightListContactsRefusesUnknownType(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	c.fails(422, "", "GET", "/contacts?type=sms", nil)
}
