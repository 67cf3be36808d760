package mockserver_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

func TestWebhookManagementAPI(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	c := &hookClient{t: t, srv: srv, key: "key-management"}
	url := "http://127.0.0.1:9/hook"

	events := c.call(200, "GET", "/webhooks/events", nil)
	require.Equal(t, []any{"contact.created", "contact.updated", "message.received", "message.sent"}, events["data"], "what the mock emits")

	created := c.call(201, "POST", "/webhooks", map[string]any{"name": "CRM", "url": url, "events": []string{"message.received", "message.received"}})
	hook := created["data"].(map[string]any)
	require.Equal(t, true, created["success"])
	require.Equal(t, []any{"message.received"}, hook["events"], "duplicates are dropped")
	require.Equal(t, true, hook["is_active"])
	secret := hook["secret"].(string)

	got := c.call(200, "GET", "/webhooks/1", nil)
	require.NotContains(t, got["data"], "secret", "the secret is shown at creation only")
	list := c.call(200, "GET", "/webhooks", nil)
	require.Len(t, list["data"], 1)
	require.Equal(t, map[string]any{"current_page": 1.0, "last_page": 1.0, "per_page": 15.0, "total": 1.0}, list["meta"])
	require.NotContains(t, list["data"].([]any)[0], "secret")

	upd := c.call(200, "PUT", "/webhooks/1", map[string]any{"is_active": false, "events": []string{"message.sent", "contact.created"}})
	require.Equal(t, false, upd["data"].(map[string]any)["is_active"])
	require.Equal(t, "CRM", upd["data"].(map[string]any)["name"], "fields not sent stay")

	regen := c.call(200, "POST", "/webhooks/1/regenerate-secret", nil)
	newSecret := regen["data"].(map[string]any)["secret"].(string)
	require.Regexp(t, `^whsec_[A-Za-z0-9]{64}$`, newSecret)
	require.NotEqual(t, secret, newSecret)

	r := srv.SkyLight(c.key, "DELETE", "/webhooks/1", nil)
	require.Equal(t, http.StatusNoContent, r.Status)
	require.Empty(t, r.Raw)
	c.call(404, "GET", "/webhooks/1", nil)

	journal := srv.Admin("GET", "/requests", nil)
	require.NotContains(t, string(journal.Raw), "whsec_", "secrets never reach the journal")
}

func TestWebhookValidationErrors(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	c := &hookClient{t: t, srv: srv, key: "key-validation"}
	ok := map[string]any{"name": "n", "url": "http://localhost:8081/h", "events": []string{"message.sent"}}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range ok {
			m[kk] = vv
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name  string
		body  any
		field string
		says  string
	}{
		{"name missing", with("name", nil), "name", "required"},
		{"name blank", with("name", "  "), "name", "required"},
		{"url missing", with("url", nil), "url", "required"},
		{"url not http", with("url", "ftp://127.0.0.1/x"), "url", "http or https"},
		{"host not allowed", with("url", "https://hooks.example.com/in"), "url", "--webhook-allow-hosts"},
		{"cloud metadata", with("url", "http://169.254.169.254/latest"), "url", "--webhook-allow-hosts"},
		{"events missing", with("events", nil), "events", "required"},
		{"events empty", with("events", []string{}), "events", ""},
		{"unknown event", with("events", []string{"campaign.finished"}), "events", "contact.deleted"},
		{"name wrong type", with("name", 5), "name", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.call(422, "POST", "/webhooks", tc.body)
			require.Equal(t, false, res["success"])
			errs, _ := res["errors"].(map[string]any)
			require.Contains(t, errs, tc.field, "%v", res)
			require.Contains(t, strings.Join(toStrings(errs[tc.field]), " "), tc.says)
		})
	}
	c.call(404, "GET", "/webhooks/99", nil)
	c.call(404, "POST", "/webhooks/99/test", nil)
	c.call(404, "GET", "/webhooks/99/deliveries", nil)
	c.call(404, "POST", "/webhooks/99/regenerate-secret", nil)
	c.call(404, "DELETE", "/webhooks/99", nil)
	c.call(404, "PUT", "/webhooks/99", map[string]any{"name": "x"})
	id, _ := c.register("http://127.0.0.1:9/h", "message.sent")
	c.call(422, "PUT", "/webhooks/"+itoa(id), map[string]any{"url": "http://example.org/"})
	c.call(422, "POST", "/webhooks/"+itoa(id)+"/test", map[string]any{"event": "booking.created"})
	c.call(422, "GET", "/webhooks/"+itoa(id)+"/deliveries?status=lost", nil)
}

func toStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

func TestWebhookAllowHostsOption(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{WebhookAllowHosts: []string{"hooks.example.com"}})
	c := &hookClient{t: t, srv: srv, key: "key-allow"}
	c.register("https://hooks.example.com/in", "message.received")
	c.call(422, "POST", "/webhooks", map[string]any{"name": "n", "url": "http://127.0.0.1:1/h", "events": []string{"message.sent"}})
}

func TestWebhookTestEventIsSignedAndLogged(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcv := receiver(t)
	c := &hookClient{t: t, srv: srv, key: "key-test-event"}
	id, secret := c.register(rcv.URL+"/hook", "message.received")
	rcv.SetSecret(secret)

	res := c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", nil)
	require.Equal(t, "pending", res["data"].(map[string]any)["status"])
	d, err := rcv.WaitFor("message.received", wait)
	require.NoError(t, err)
	require.Equal(t, independentSign(secret, d.Body), d.Header.Get("X-Skylight-Signature"))
	require.Equal(t, "message.received", d.Header.Get("X-Skylight-Event"))
	require.Equal(t, "application/json", d.Header.Get("Content-Type"))
	require.Equal(t, "1746954000", d.Header.Get("X-Skylight-Timestamp"))
	var data struct {
		Message map[string]any `json:"message"`
		Contact map[string]any `json:"contact"`
		Test    bool           `json:"test"`
	}
	require.NoError(t, json.Unmarshal(d.Data, &data))
	require.True(t, data.Test)
	require.Equal(t, "inbound", data.Message["direction"])
	require.Equal(t, data.Contact["id"], data.Message["contact_id"])

	log := c.waitLog(id, func(l []map[string]any) bool { return len(l) == 1 && l[0]["status"] == "delivered" })
	a := attempts(log[0])[0].(map[string]any)
	require.Equal(t, 200.0, a["status_code"])
	require.Nil(t, a["error"])
	require.Equal(t, d.DeliveryID, log[0]["delivery_id"])
	require.Empty(t, c.deliveries(id, "failed"))

	// a regenerated secret signs the next delivery; the old one no longer verifies
	regen := c.call(200, "POST", "/webhooks/"+itoa(id)+"/regenerate-secret", nil)
	rcv.SetSecret(regen["data"].(map[string]any)["secret"].(string))
	c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", nil)
	all, err := rcv.WaitForN(2, wait)
	require.NoError(t, err)
	require.True(t, all[1].SignatureOK)
	require.NotEqual(t, independentSign(secret, all[1].Body), all[1].Header.Get("X-Skylight-Signature"))
}

func TestWebhookRetriesOnTheVirtualClock(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcv := receiver(t)
	rcv.SetStatus(http.StatusInternalServerError)
	c := &hookClient{t: t, srv: srv, key: "key-retries"}
	id, secret := c.register(rcv.URL+"/hook", "message.sent")
	rcv.SetSecret(secret)
	c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", nil)
	n := func(k int) func([]map[string]any) bool {
		return func(l []map[string]any) bool { return len(l) == 1 && len(attempts(l[0])) == k }
	}
	log := c.waitLog(id, n(1))
	require.Equal(t, "pending", log[0]["status"])
	require.Equal(t, "2025-05-11T09:02:00.000000Z", log[0]["next_attempt_at"])
	for i, step := range []time.Duration{2 * time.Minute, 10 * time.Minute, 30 * time.Minute} {
		_, err := srv.Mock.Clock().Advance(step)
		require.NoError(t, err)
		log = c.waitLog(id, n(i+2))
	}
	require.Equal(t, "failed", log[0]["status"])
	require.Nil(t, log[0]["next_attempt_at"])
	var at []any
	for _, a := range attempts(log[0]) {
		at = append(at, a.(map[string]any)["at"])
		require.Equal(t, 500.0, a.(map[string]any)["status_code"])
	}
	require.Equal(t, []any{"2025-05-11T09:00:00.000000Z", "2025-05-11T09:02:00.000000Z", "2025-05-11T09:12:00.000000Z", "2025-05-11T09:42:00.000000Z"}, at)
	got := rcv.Deliveries()
	require.Len(t, got, 4)
	for _, d := range got {
		require.Equal(t, got[0].DeliveryID, d.DeliveryID, "at-least-once: one delivery_id across retries")
	}
	require.Len(t, c.deliveries(id, "failed"), 1)
	require.Empty(t, c.deliveries(id, "pending"))
}

// TestCampaignEventsFollowTheClock registers a receiver, launches a
// campaign and advances the frozen clock by 72 hours: every event of those
// hours arrives, in event order, each payload matching what the API then
// answers for the message and its contact.
func TestCampaignEventsFollowTheClock(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcv := receiver(t)
	c := &hookClient{t: t, srv: srv, key: "key-campaign"}
	_, secret := c.register(rcv.URL+"/hook", "message.received", "message.sent", "contact.created")
	rcv.SetSecret(secret)
	c.call(201, "POST", "/linkedin/outreach/campaigns", sequenceCampaign(30))

	time.Sleep(100 * time.Millisecond) // two poll periods: the frozen clock has not moved
	require.Empty(t, rcv.Deliveries(), "nothing goes out before the clock moves")

	_, err := srv.Mock.Clock().Advance(72 * time.Hour)
	require.NoError(t, err)
	first, err := rcv.WaitFor("message.received", wait)
	require.NoError(t, err)
	want := len(expectedEvents(t, srv, c.key))
	all, err := rcv.WaitForN(want, wait)
	require.NoError(t, err)
	require.Len(t, all, want)

	created := 0
	last := ""
	for _, d := range all {
		require.True(t, d.SignatureOK)
		require.Equal(t, independentSign(secret, d.Body), d.Header.Get("X-Skylight-Signature"))
		require.GreaterOrEqual(t, d.Timestamp, last, "event-time order")
		last = d.Timestamp
		if d.Event == "contact.created" {
			created++
		}
	}
	require.Equal(t, 30, created, "the campaign added 30 new LinkedIn contacts")

	// the reply's payload carries what the API answers for that message
	var data struct {
		Message map[string]any `json:"message"`
		Contact map[string]any `json:"contact"`
	}
	require.NoError(t, json.Unmarshal(first.Data, &data))
	contactID := itoa(int(data.Contact["id"].(float64)))
	conv := c.call(200, "GET", "/contacts/"+contactID+"/messages?per_page=100", nil)
	var found map[string]any
	for _, m := range conv["data"].([]any) {
		if m.(map[string]any)["id"] == data.Message["id"] {
			found = m.(map[string]any)
		}
	}
	require.NotNil(t, found, "the message of the payload is in the conversation")
	for _, k := range []string{"id", "contact_id", "direction", "channel", "content", "sent_at", "created_at"} {
		require.Equal(t, found[k], data.Message[k], k)
	}
	contacts := c.call(200, "GET", "/contacts?type=linkedin&per_page=100&search="+url.QueryEscape(data.Contact["name"].(string)), nil)
	var listed []any
	for _, ct := range contacts["data"].([]any) {
		listed = append(listed, ct.(map[string]any)["id"])
	}
	require.Contains(t, listed, data.Contact["id"])

	cov := srv.Admin("GET", "/coverage", nil).Map()["webhook_events_delivered"].(map[string]any)
	require.Equal(t, 30.0, cov["contact.created"])
	require.Positive(t, cov["message.received"])
}

// expectedEvents lists, from the API's own answers, the LinkedIn contacts
// created and the messages sent and received in the first 72 hours.
func expectedEvents(t *testing.T, srv *mocktest.Server, key string) []string {
	t.Helper()
	start, end := "2025-05-11T09:00:00.000000Z", "2025-05-14T09:00:00.000000Z"
	in := func(v any) bool { s, _ := v.(string); return s >= start && s < end }
	var out []string
	for page := 1; ; page++ {
		res := srv.SkyLight(key, "GET", "/contacts?type=linkedin&per_page=100&page="+itoa(page), nil).Map()
		list, _ := res["data"].([]any)
		if len(list) == 0 {
			return out
		}
		for _, ct := range list {
			ct := ct.(map[string]any)
			if in(ct["created_at"]) {
				out = append(out, "contact.created")
			}
			conv := srv.SkyLight(key, "GET", "/contacts/"+itoa(int(ct["id"].(float64)))+"/messages?per_page=100", nil).Map()
			for _, m := range conv["data"].([]any) {
				m := m.(map[string]any)
				switch {
				case m["direction"] == "inbound" && in(m["created_at"]):
					out = append(out, "message.received")
				case m["direction"] == "outbound" && in(m["sent_at"]):
					out = append(out, "message.sent")
				}
			}
		}
	}
}

// TestSentMessageAndStatusChangeEvents: a DM sent through the API goes out
// as message.sent with the id and content the API answered, and a campaign
// moving a contact emits contact.updated with the campaign's new status.
func TestSentMessageAndStatusChangeEvents(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcv := receiver(t)
	c := &hookClient{t: t, srv: srv, key: "key-dm"}
	_, secret := c.register(rcv.URL, "message.sent", "contact.updated")
	rcv.SetSecret(secret)
	sent := c.call(201, "POST", "/messages/send", map[string]any{"contact_id": 418, "message": "Hello from the webhook test"})["data"].(map[string]any)
	c.call(201, "POST", "/linkedin/outreach/campaigns", sequenceCampaign(3))
	_, err := srv.Mock.Clock().Advance(24 * time.Hour)
	require.NoError(t, err)

	d, err := rcv.WaitFor("message.sent", wait)
	require.NoError(t, err)
	var data struct {
		Message map[string]any `json:"message"`
		Contact map[string]any `json:"contact"`
	}
	require.NoError(t, json.Unmarshal(d.Data, &data))
	require.Equal(t, sent["id"], data.Message["id"])
	require.Equal(t, "Hello from the webhook test", data.Message["content"])
	require.Equal(t, 418.0, data.Contact["id"])
	require.True(t, d.SignatureOK)

	u, err := rcv.WaitFor("contact.updated", wait)
	require.NoError(t, err)
	var upd struct {
		Contact  map[string]any `json:"contact"`
		Campaign map[string]any `json:"campaign"`
	}
	require.NoError(t, json.Unmarshal(u.Data, &upd))
	require.Equal(t, "invited", upd.Campaign["contact_status"], "the first change of a campaign contact is its invite")
	require.NotNil(t, upd.Contact["id"])
}
