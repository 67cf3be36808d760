package mockserver_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// TestWebhookDeliveriesAreDeterministic runs the same requests against two
// servers with the same seed and clock: the same events arrive with the
// same bodies (ids, timestamps, data) in the same order.
func TestWebhookDeliveriesAreDeterministic(t *testing.T) {
	t.Parallel()
	run := func() []string {
		srv := newHookServer(t, mockserver.Options{Seed: 42})
		rcv := receiver(t)
		c := &hookClient{t: t, srv: srv, key: "key-determinism"}
		id, secret := c.register(rcv.URL+"/hook", "message.received", "message.sent", "contact.created")
		rcv.SetSecret(secret)
		c.call(201, "POST", "/linkedin/outreach/campaigns", sequenceCampaign(12))
		c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", nil)
		_, err := rcv.WaitForN(1, wait)
		require.NoError(t, err)
		_, err = srv.Mock.Clock().Advance(48 * time.Hour)
		require.NoError(t, err)
		log := c.waitLog(id, func(l []map[string]any) bool {
			for _, d := range l {
				if d["status"] == "pending" {
					return false
				}
			}
			return len(l) > 1
		})
		var out []string
		for _, d := range rcv.Deliveries() {
			out = append(out, secret+" "+d.Header.Get("X-Skylight-Delivery")+" "+d.Header.Get("X-Skylight-Timestamp")+" "+string(d.Body))
		}
		require.Len(t, out, len(log))
		return out
	}
	a, b := run(), run()
	require.Greater(t, len(a), 12)
	require.Equal(t, a, b)
}

// TestWebhooksBelongToTheTenant: another API key neither sees nor triggers
// a tenant's webhooks, and a reset forgets them with the world.
func TestWebhooksBelongToTheTenant(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcvA, rcvB := receiver(t), receiver(t)
	a := &hookClient{t: t, srv: srv, key: "key-tenant-a"}
	b := &hookClient{t: t, srv: srv, key: "key-tenant-b"}
	idA, _ := a.register(rcvA.URL, "message.sent", "contact.created")
	require.Empty(t, b.call(200, "GET", "/webhooks", nil)["data"])
	b.call(404, "GET", "/webhooks/"+itoa(idA), nil)
	b.call(404, "POST", "/webhooks/"+itoa(idA)+"/test", nil)
	b.call(404, "DELETE", "/webhooks/"+itoa(idA), nil)
	idB, _ := b.register(rcvB.URL, "message.sent", "contact.created")
	require.Equal(t, idA, idB, "ids are per tenant")

	b.call(201, "POST", "/linkedin/outreach/campaigns", sequenceCampaign(5)) // only B's world moves
	_, err := srv.Mock.Clock().Advance(time.Hour)
	require.NoError(t, err)
	_, err = rcvB.WaitFor("contact.created", wait)
	require.NoError(t, err)
	b.waitLog(idB, func(l []map[string]any) bool { return len(l) == 5 && l[0]["status"] == "delivered" })
	require.Empty(t, rcvA.Deliveries(), "B's campaign is not A's world")

	require.Equal(t, 200, srv.Admin("POST", "/reset", map[string]any{"api_key": "key-tenant-a"}).Status)
	require.Empty(t, a.call(200, "GET", "/webhooks", nil)["data"], "a reset forgets the webhooks")
	require.Len(t, b.call(200, "GET", "/webhooks", nil)["data"], 1, "other keys keep theirs")
}

// TestSlowReceiverNeverDelaysTheAPI: while every worker is stuck on a
// receiver that never answers, API requests, including the one that queues
// more deliveries, are answered; a dead (refusing) receiver fails visibly.
func TestSlowReceiverNeverDelaysTheAPI(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{WebhookTimeout: time.Minute})
	stuck := make(chan struct{}, 1)
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case stuck <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	c := &hookClient{t: t, srv: srv, key: "key-slow"}
	id, _ := c.register(slow.URL, "message.sent")
	for range 10 { // one tenant's deliveries go out one at a time: nine wait
		c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", nil)
	}
	<-stuck
	for range 20 {
		c.call(200, "GET", "/webhooks/"+itoa(id)+"/deliveries", nil)
		c.call(200, "GET", "/contacts", nil)
	}
	require.Len(t, c.deliveries(id, "pending"), 10, "the receiver holds them all; none is lost")

	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // connections are now refused
	d := &hookClient{t: t, srv: srv, key: "key-dead"}
	did, _ := d.register(deadURL, "message.sent")
	d.call(200, "POST", "/webhooks/"+itoa(did)+"/test", nil)
	log := d.waitLog(did, func(l []map[string]any) bool { return len(attempts(l[0])) == 1 })
	a := attempts(log[0])[0].(map[string]any)
	require.Nil(t, a["status_code"])
	require.Contains(t, a["error"], "refused")
}

func TestAdminShowsOutboundDeliveries(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcv := receiver(t)
	c := &hookClient{t: t, srv: srv, key: "key-admin-outbox"}
	id, _ := c.register(rcv.URL, "message.sent", "message.received")
	c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", map[string]any{"event": "message.sent"})
	c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", map[string]any{"event": "message.received"})
	_, err := rcv.WaitForN(2, wait)
	require.NoError(t, err)
	c.waitLog(id, func(l []map[string]any) bool {
		return len(l) == 2 && l[0]["status"] == "delivered" && l[1]["status"] == "delivered"
	})

	all := srv.Admin("GET", "/webhooks/deliveries", nil).Map()
	require.Equal(t, 2.0, all["count"])
	list := all["deliveries"].([]any)
	newest := list[0].(map[string]any)
	require.Equal(t, "message.received", newest["event"], "newest first")
	require.Equal(t, "skylight", newest["vendor"])
	require.True(t, strings.HasSuffix(newest["tenant"].(string), "tbox"))
	require.NotContains(t, newest["tenant"], "key-admin")

	byEvent := srv.Admin("GET", "/webhooks/deliveries?event=message.sent", nil).Map()
	require.Equal(t, 1.0, byEvent["count"])
	require.Equal(t, 0.0, srv.Admin("GET", "/webhooks/deliveries?status=failed", nil).Map()["count"])
	require.Equal(t, 1.0, srv.Admin("GET", "/webhooks/deliveries?limit=1", nil).Map()["count"])
	require.Equal(t, 400, srv.Admin("GET", "/webhooks/deliveries?status=lost", nil).Status)
	require.NotContains(t, string(srv.Admin("GET", "/webhooks/deliveries", nil).Raw), "whsec_")
}

// TestTickingClockCatchesUp: with a clock that runs, a DM's message.sent
// goes out on its own a few seconds later, with no advance.
func TestTickingClockCatchesUp(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{ClockStart: time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC), ClockFrozen: false})
	rcv := receiver(t)
	c := &hookClient{t: t, srv: srv, key: "key-ticking"}
	_, secret := c.register(rcv.URL, "message.sent")
	rcv.SetSecret(secret)
	sent := c.call(201, "POST", "/messages/send", map[string]any{"contact_id": 418, "message": "ticking"})["data"].(map[string]any)
	d, err := rcv.WaitFor("message.sent", wait)
	require.NoError(t, err)
	require.True(t, d.SignatureOK)
	require.Contains(t, string(d.Data), `"id":`+itoa(int(sent["id"].(float64))))
}
