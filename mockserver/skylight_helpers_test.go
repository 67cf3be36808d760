package mockserver_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// The end-to-end SkyLight tests (skylight_*_test.go) check what the
// pipeline does for SkyLight: authentication, rate limits, request
// validation by the spec, the journal, any input over HTTP. The skylight
// package's own tests call its operations directly.

// skyClient calls SkyLight with one API key and optional headers (a scenario).
type skyClient struct {
	t      *testing.T
	srv    *mocktest.Server
	key    string
	header []string
}

// newSkyClient starts a server (seed 1, frozen clock, response validation on)
// and returns a skyClient of the given scenario ("" is default).
func newSkyClient(t *testing.T, scenario string) *skyClient {
	t.Helper()
	return skyOn(t, mocktest.Start(t, mockserver.Options{}), scenario)
}

// startSkyLocale starts a server whose worlds use the locale ("" keeps the
// scenarios').
func startSkyLocale(t *testing.T, locale string) *mocktest.Server {
	return mocktest.Start(t, mockserver.Options{Locale: locale})
}

func skyItoa(n int) string { return strconv.Itoa(n) }

// skyOn returns a skyClient of srv with a key named after the test and scenario.
func skyOn(t *testing.T, srv *mocktest.Server, scenario string) *skyClient {
	c := &skyClient{t: t, srv: srv, key: fmt.Sprintf("key-%s-%s", t.Name(), scenario)}
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

func (c *skyClient) do(method, path string, body any) *mocktest.Response {
	c.t.Helper()
	return c.srv.SkyLight(c.key, method, path, body, c.header...)
}

func (c *skyClient) get(path string) *mocktest.Response { c.t.Helper(); return c.do("GET", path, nil) }

func (c *skyClient) post(path string, body any) *mocktest.Response {
	c.t.Helper()
	return c.do("POST", path, body)
}

// envelope calls, requires the status and the success envelope, and
// returns the whole body.
func (c *skyClient) envelope(status int, method, path string, body any) map[string]any {
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
func (c *skyClient) ok(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	data, isObj := c.envelope(status, method, path, body)["data"].(map[string]any)
	require.True(c.t, isObj, "%s %s: data is not an object", method, path)
	return data
}

// page calls a list route and returns its `data` items and `meta`.
func (c *skyClient) page(path string) ([]any, map[string]any) {
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
func (c *skyClient) fails(status int, code, method, path string, body any) map[string]any {
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

// advance moves the server's clock.
func (c *skyClient) advance(d time.Duration) {
	c.t.Helper()
	_, err := c.srv.Mock.Clock().Advance(d)
	require.NoError(c.t, err)
}

// skyGet walks decoded JSON.
func skyGet(v any, path ...any) any { return mocktest.Get(v, path...) }

// skyNum reads a JSON number as an int.
func skyNum(t *testing.T, v any) int {
	t.Helper()
	f, ok := v.(float64)
	require.True(t, ok, "not a number: %#v", v)
	return int(f)
}

// skyList reads a JSON array.
func skyList(t *testing.T, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	require.True(t, ok, "not an array: %#v", v)
	return a
}

// skyDocCampaign is the doc's launch-campaign example.
func skyDocCampaign() map[string]any {
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

// skyDocJob is the doc's create-job example.
func skyDocJob(publish bool) map[string]any {
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
func (c *skyClient) campaignWithStatus(status string) int {
	c.t.Helper()
	items, _ := c.page("/linkedin/outreach/campaigns?per_page=100&status=" + status)
	require.NotEmpty(c.t, items, "no %s campaign", status)
	return skyNum(c.t, skyGet(items[0], "id"))
}

// quota returns (used, remaining) of a subscription limit.
func (c *skyClient) quota(name string) (int, int) {
	c.t.Helper()
	s := c.ok(200, "GET", "/account/subscription", nil)
	q := skyGet(s, "limits", name)
	return skyNum(c.t, skyGet(q, "used")), skyNum(c.t, skyGet(q, "remaining"))
}

const skyCampaigns = "/linkedin/outreach/campaigns"

// skyChannelKeys are the published channel object's fields.
var skyChannelKeys = []string{"id", "type", "username", "is_connected", "sync_status", "last_synced_at"}

func skyRequireChannel(t *testing.T, v map[string]any) {
	t.Helper()
	for _, k := range skyChannelKeys {
		require.Contains(t, v, k)
	}
	require.Equal(t, "linkedin", v["type"])
}

const skySearch = "/linkedin/sourcing/search"

const skyDocDM = "مرحباً سارة، شكراً على تواصلك معنا. كيف أقدر أساعدك؟"

// skyContactKeys are the published contact object's fields and the LinkedIn
// ones.
var skyContactKeys = []string{"id", "name", "email", "phone", "type", "status", "blacklisted", "tags", "last_message_at",
	"created_at", "updated_at", "provider_id", "profile_url", "headline"}

// skyMessageKeys are the published message object's fields.
var skyMessageKeys = []string{"id", "contact_id", "direction", "channel", "content", "status", "sent_at", "created_at"}

func skyAllContacts(t *testing.T, c *skyClient, filter string) []any {
	t.Helper()
	var out []any
	for p := 1; ; p++ {
		items, meta := c.page("/contacts?per_page=100&page=" + skyItoa(p) + "&" + filter)
		out = append(out, items...)
		if p >= skyNum(t, meta["last_page"]) {
			return out
		}
	}
}

func skyContactByID(t *testing.T, c *skyClient, id int) map[string]any {
	t.Helper()
	for _, ct := range skyAllContacts(t, c, "") {
		if skyNum(t, skyGet(ct, "id")) == id {
			return ct.(map[string]any)
		}
	}
	t.Fatalf("no contact %d", id)
	return nil
}

func skyNonLinkedInContact(t *testing.T, c *skyClient) int {
	t.Helper()
	for _, kind := range []string{"whatsapp", "telegram", "instagram", "email"} {
		items, _ := c.page("/contacts?type=" + kind)
		if len(items) > 0 {
			return skyNum(t, skyGet(items[0], "id"))
		}
	}
	t.Fatal("no contact of another channel")
	return 0
}

const skyJobs = "/linkedin/recruiter/jobs"

// skyFirstApplicant returns the id of the first applicant of a published job.
func skyFirstApplicant(t *testing.T, c *skyClient) string {
	t.Helper()
	for _, j := range skyList(t, c.ok(200, "GET", "/linkedin/recruiter?per_page=100", nil)["jobs"]) {
		apps := skyList(t, skyGet(c.ok(200, "GET", skyJobs+"/"+skyItoa(skyNum(t, skyGet(j, "id"))), nil), "applicants"))
		if skyGet(j, "status") == "published" && len(apps) > 0 {
			return skyItoa(skyNum(t, skyGet(apps[0], "id")))
		}
	}
	t.Fatal("no applicant")
	return ""
}
