package mockserver_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhooktest"
)

// wait bounds how long a test waits for a delivery; deliveries to a local
// receiver take milliseconds, so this only matters when something is broken.
const wait = 10 * time.Second

// hookClient drives one tenant's webhooks through the real pipeline
// (response validation on).
type hookClient struct {
	t   *testing.T
	srv *mocktest.Server
	key string
}

func newHookServer(t *testing.T, opts mockserver.Options) *mocktest.Server {
	t.Helper()
	if opts.WebhookTimeout == 0 {
		opts.WebhookTimeout = 2 * time.Second
	}
	if opts.Scenario == "" {
		opts.Scenario = "default,no-rate-limit" // the tests poll delivery logs on a frozen clock
	}
	return mocktest.Start(t, opts)
}

func (c *hookClient) call(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	r := c.srv.SkyLight(c.key, method, path, body)
	require.Equal(c.t, status, r.Status, "%s %s: %s", method, path, r.Raw)
	return r.Map()
}

// register creates a webhook for events at url and returns its id and secret.
func (c *hookClient) register(url string, events ...string) (int, string) {
	c.t.Helper()
	res := c.call(201, "POST", "/webhooks", map[string]any{"name": "test " + c.t.Name(), "url": url, "events": events})
	data := res["data"].(map[string]any)
	return int(data["id"].(float64)), data["secret"].(string)
}

// receiver starts a receiver stopped when the test ends.
func receiver(t *testing.T) *webhooktest.Receiver {
	r := webhooktest.NewReceiver()
	t.Cleanup(r.Close)
	return r
}

// independentSign is HMAC-SHA256 written here from the published rule, not
// the mock's signer: "sha256=" + hex(HMAC-SHA256(secret, raw body)).
func independentSign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func itoa(n int) string { return strconv.Itoa(n) }

// deliveries reads a webhook's delivery log through the API.
func (c *hookClient) deliveries(id int, status string) []map[string]any {
	c.t.Helper()
	path := "/webhooks/" + itoa(id) + "/deliveries?per_page=100"
	if status != "" {
		path += "&status=" + status
	}
	res := c.call(200, "GET", path, nil)
	var out []map[string]any
	for _, d := range res["data"].([]any) {
		out = append(out, d.(map[string]any))
	}
	return out
}

// settled waits until no delivery of the webhook is pending with an attempt
// due (attempts of the last one equal to n), polling the log; the bound only
// matters when something is broken.
func (c *hookClient) waitLog(id int, ok func([]map[string]any) bool) []map[string]any {
	c.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		log := c.deliveries(id, "")
		if ok(log) {
			return log
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("the delivery log never reached the expected state: %v", log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// attempts returns the attempts of a delivery.
func attempts(d map[string]any) []any { return d["attempts"].([]any) }

// sequenceCampaign is a sequence campaign over n made-up LinkedIn people:
// enough of them accept and reply within a few simulated days.
func sequenceCampaign(n int) map[string]any {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "hook-person-" + strconv.Itoa(i)
	}
	return map[string]any{"name": "Webhook flow", "campaign_type": "sequence", "provider_ids": ids,
		"sequence_messages": []map[string]any{{"text": "Thanks for connecting, {first_name}!", "wait_days": 1}}}
}
