package skylight_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// client calls SkyLight with one API key and optional headers (a scenario).
type client struct {
	t      *testing.T
	srv    *mocktest.Server
	key    string
	header []string
}

// newClient starts a server (seed 1, frozen clock, response validation on)
// and returns a client of the given scenario ("" is default).
func newClient(t *testing.T, scenario string) *client {
	t.Helper()
	return on(t, mocktest.Start(t, mockserver.Options{}), scenario)
}

// startLocale starts a server whose worlds use the locale ("" keeps the
// scenarios').
func startLocale(t *testing.T, locale string) *mocktest.Server {
	return mocktest.Start(t, mockserver.Options{Locale: locale})
}

func itoa(n int) string { return strconv.Itoa(n) }

// on returns a client of srv with a key named after the test and scenario.
func on(t *testing.T, srv *mocktest.Server, scenario string) *client {
	c := &client{t: t, srv: srv, key: fmt.Sprintf("key-%s-%s", t.Name(), scenario)}
	if scenario != "" {
		c.header = []string{"X-Mock-Scenario", scenario}
	}
	return c
}

func (c *client) do(method, path string, body any) *mocktest.Response {
	c.t.Helper()
	return c.srv.SkyLight(c.key, method, path, body, c.header...)
}

func (c *client) get(path string) *mocktest.Response { c.t.Helper(); return c.do("GET", path, nil) }

func (c *client) post(path string, body any) *mocktest.Response {
	c.t.Helper()
	return c.do("POST", path, body)
}

// ok calls and requires the status, showing the body when it differs.
func (c *client) ok(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	r := c.do(method, path, body)
	require.Equal(c.t, status, r.Status, "%s %s: %s", method, path, r.Raw)
	return r.Map()
}

// fails calls and requires an error status and code.
func (c *client) fails(status int, code, method, path string, body any) map[string]any {
	c.t.Helper()
	r := c.do(method, path, body)
	require.Equal(c.t, status, r.Status, "%s %s: %s", method, path, r.Raw)
	require.Equal(c.t, code, r.Map()["error"], "%s %s: %s", method, path, r.Raw)
	require.Equal(c.t, false, r.Map()["success"])
	return r.Map()
}

// advance moves the server's clock.
func (c *client) advance(d time.Duration) {
	c.t.Helper()
	_, err := c.srv.Mock.Clock().Advance(d)
	require.NoError(c.t, err)
}

// get walks decoded JSON.
func get(v any, path ...any) any { return mocktest.Get(v, path...) }

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
	body := c.ok(200, "GET", "/linkedin/outreach/campaigns?per_page=100&status="+status, nil)
	items := list(c.t, body["campaigns"])
	require.NotEmpty(c.t, items, "no %s campaign", status)
	return num(c.t, get(items[0], "id"))
}

// quota returns (used, remaining) of a subscription limit.
func (c *client) quota(name string) (int, int) {
	c.t.Helper()
	s := c.ok(200, "GET", "/subscription", nil)
	q := get(s, "subscription", "limits", name)
	return num(c.t, get(q, "used")), num(c.t, get(q, "remaining"))
}
