package skylight_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// client calls SkyLight with one API key and optional headers (a scenario).
type client struct {
	t      *testing.T
	srv    *server
	key    string
	header []string
}

// newClient starts a harness (seed 1, frozen clock, answers validated
// against the spec) and returns a client of the given scenario ("" is
// default).
func newClient(t *testing.T, scenario string) *client {
	t.Helper()
	return on(t, start(t, 1, "", ""), scenario)
}

// startLocale starts a harness whose worlds use the locale ("" keeps the
// scenarios').
func startLocale(t *testing.T, locale string) *server {
	t.Helper()
	return start(t, 1, locale, "")
}

func itoa(n int) string { return strconv.Itoa(n) }

// on returns a client of srv with a key named after the test and scenario.
func on(t *testing.T, srv *server, scenario string) *client {
	c := &client{t: t, srv: srv, key: fmt.Sprintf("key-%s-%s", t.Name(), scenario)}
	// Tests send far more than the published 120 requests a minute on a
	// frozen clock: the limit is off unless a test asks for it.
	switch scenario {
	case "":
		c.header = []string{"X-Mock-Scenario", "no-rate-limit"}
	case "rate-limited", "default":
		c.header = []string{"X-Mock-Scenario", scenario}
	default:
		c.header = []string{"X-Mock-Scenario", scenario + ",no-rate-limit"}
	}
	return c
}

func (c *client) do(method, path string, body any) *response {
	c.t.Helper()
	return c.srv.SkyLight(c.key, method, path, body, c.header...)
}

func (c *client) get(path string) *response { c.t.Helper(); return c.do("GET", path, nil) }

func (c *client) post(path string, body any) *response {
	c.t.Helper()
	return c.do("POST", path, body)
}

// envelope calls, requires the status and the success envelope, and
// returns the whole body.
func (c *client) envelope(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	r := c.do(method, path, body)
	require.Equal(c.t, status, r.Status, "%s %s: %s", method, path, r.Raw)
	m := r.Map()
	require.Equal(c.t, true, m["success"], "%s %s: %s", method, path, r.Raw)
	require.IsType(c.t, "", m["message"], "%s %s: message is a string", method, path)
	require.Contains(c.t, m, "data")
	return m
}

// ok calls, requires the status and the envelope, and returns `data` (an
// object).
func (c *client) ok(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	data, isObj := c.envelope(status, method, path, body)["data"].(map[string]any)
	require.True(c.t, isObj, "%s %s: data is not an object", method, path)
	return data
}

// page calls a list route and returns its `data` items and `meta`.
func (c *client) page(path string) ([]any, map[string]any) {
	c.t.Helper()
	m := c.envelope(200, "GET", path, nil)
	items, isList := m["data"].([]any)
	require.True(c.t, isList, "GET %s: data is not an array", path)
	meta, hasMeta := m["meta"].(map[string]any)
	require.True(c.t, hasMeta, "GET %s: no meta", path)
	for _, k := range []string{"current_page", "last_page", "per_page", "total"} {
		require.Contains(c.t, meta, k)
	}
	return items, meta
}

// fails calls and requires an error status and machine code; code ""
// requires the published generic error: no `error` key.
func (c *client) fails(status int, code, method, path string, body any) map[string]any {
	c.t.Helper()
	r := c.do(method, path, body)
	require.Equal(c.t, status, r.Status, "%s %s: %s", method, path, r.Raw)
	m := r.Map()
	if code == "" {
		require.NotContains(c.t, m, "error", "%s %s: %s", method, path, r.Raw)
	} else {
		require.Equal(c.t, code, m["error"], "%s %s: %s", method, path, r.Raw)
	}
	require.Equal(c.t, false, m["success"])
	require.NotEmpty(c.t, m["message"])
	if status != 422 {
		require.NotContains(c.t, m, "errors", "errors only on 422")
	}
	return m
}

// advance moves the harness's clock.
func (c *client) advance(d time.Duration) {
	c.t.Helper()
	c.srv.advance(d)
}

// get walks a decoded JSON value by keys and indexes: get(v, "data",
// "items", 0, "id").
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k < 0 || k >= len(a) {
				return nil
			}
			v = a[k]
		default:
			return nil
		}
	}
	return v
}

// num reads a JSON number as an int.
func num(t *testing.T, v any) int {
	t.Helper()
	f, ok := v.(float64)
	require.True(t, ok, "not a number: %#v", v)
	return int(f)
}

// list reads a JSON array.
func list(t *testing.T, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	require.True(t, ok, "not an array: %#v", v)
	return a
}

// docCampaign is the doc's launch-campaign example.
func docCampaign() map[string]any {
	return map[string]any{
		"name":          "تواصل مع مديري التسويق في الرياض",
		"campaign_type": "sequence",
		"provider_ids":  []string{"ACoAABcD1234", "khalid-alshammari-ksa"},
		"invite_note":   "مرحباً، أتابع أعمالكم في قطاع التقنية وأحب التواصل معكم.",
		"sequence_messages": []map[string]any{
			{"text": "شكراً على قبول الدعوة - هل يناسبك اتصال قصير الأسبوع القادم؟", "wait_days": 3},
		},
	}
}

// docJob is the doc's create-job example.
func docJob(publish bool) map[string]any {
	return map[string]any{
		"title":           "مطور Laravel أول (Full Stack)",
		"description":     "نبحث عن مطور Laravel بخبرة 3+ سنوات للانضمام لفريق منتج منصة المحادثات في الرياض.",
		"location":        "الرياض، السعودية",
		"company_name":    "شركة نور التقنية",
		"employment_type": "FULL_TIME",
		"workplace_type":  "HYBRID",
		"publish_now":     publish,
	}
}

// campaignWithStatus returns the id of a campaign listed with that status.
func (c *client) campaignWithStatus(status string) int {
	c.t.Helper()
	items, _ := c.page("/linkedin/outreach/campaigns?per_page=100&status=" + status)
	require.NotEmpty(c.t, items, "no %s campaign", status)
	return num(c.t, get(items[0], "id"))
}

// quota returns (used, remaining) of a subscription limit.
func (c *client) quota(name string) (int, int) {
	c.t.Helper()
	s := c.ok(200, "GET", "/account/subscription", nil)
	q := get(s, "limits", name)
	return num(c.t, get(q, "used")), num(c.t, get(q, "remaining"))
}
