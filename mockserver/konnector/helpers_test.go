package konnector_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// key is the API key most tests use; adminKey is an administrator's key
// under the default scenario (it starts with "admin").
const (
	key      = "test-key"
	adminKey = "admin-test-key"
)

// testScenarios are extra scenarios the tests need, written to a directory
// the server loads.
var testScenarios = map[string]string{
	"unlimited.yaml": "name: unlimited\ndescription: No Konnector rate limit, for tests that send many requests.\n" +
		"konnector:\n  rate_limit: {per_minute: 0, per_day: 0}\n",
	"few-routines.yaml": "name: few-routines\ndescription: Five campaign routines only.\n" +
		"world:\n  routines: 5\n",
	"boss-key.yaml": "name: boss-key\ndescription: One exact admin key and no admin prefix.\n" +
		"konnector:\n  admin_key_prefixes: []\n  admin_keys: [boss-key]\n",
	"empty-org.yaml": "name: empty-org\ndescription: One user and no campaign routine.\n" +
		"world:\n  users: 1\n  routines: 0\n",
	"tiny-history.yaml": "name: tiny-history\ndescription: One day of history.\n" +
		"world:\n  history_days: 1\n  routines: 12\n",
	"arabic.yaml": "name: arabic\ndescription: The Arabic locale, without the rate limit.\nlocale: ar\n" +
		"konnector:\n  rate_limit: {per_minute: 0, per_day: 0}\n",
	"big-org.yaml": "name: big-org\ndescription: Many users and routines over a long history.\n" +
		"world:\n  users: 30\n  routines: 300\n  history_days: 365\n" +
		"konnector:\n  rate_limit: {per_minute: 0, per_day: 0}\n",
}

// scenarioDir writes testScenarios into a temporary directory.
func scenarioDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, body := range testScenarios {
		require.NoError(tb, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	return dir
}

// call sends a Konnector request and requires the status; it returns the
// decoded body.
func call(t testing.TB, srv *server, k, method, path string, body any, status int, header ...string) *response {
	t.Helper()
	resp := srv.Konnector(k, method, path, body, header...)
	require.Equal(t, status, resp.Status, "%s %s: %s", method, path, resp.Raw)
	checkEnvelope(t, resp)
	return resp
}

// data returns the envelope's data object.
func data(r *response) map[string]any { return obj(r.Map()["data"]) }

var (
	requestIDPattern = regexp.MustCompile(`^req_[A-Za-z0-9_]+$`)
	timestampPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$`)
)

// checkEnvelope checks what every Konnector answer carries: the envelope,
// X-Request-Id equal to data.request_id, the +05:30 timestamp and the four
// rate-limit headers.
func checkEnvelope(t testing.TB, r *response) {
	t.Helper()
	m := r.Map()
	require.Equal(t, float64(r.Status), m["code"], "code is the HTTP status: %s", r.Raw)
	require.Equal(t, r.Status < 400, m["status"])
	require.NotEmpty(t, m["message"])
	d := data(r)
	id := r.Header.Get("X-Request-Id")
	require.Regexp(t, requestIDPattern, id)
	require.Equal(t, id, d["request_id"], "data.request_id is the X-Request-Id header")
	require.Regexp(t, timestampPattern, d["timestamp"])
	for _, h := range []string{"X-RateLimit-Limit-Minute", "X-RateLimit-Remaining-Minute", "X-RateLimit-Limit-Day", "X-RateLimit-Remaining-Day"} {
		require.NotEmpty(t, r.Header.Get(h), "header %s", h)
	}
	if r.Status >= 400 {
		require.NotEmpty(t, d["error"])
		require.NotEmpty(t, d["error_code"])
	}
}

// requireError checks an error answer's status, error_code and summary.
func requireError(t testing.TB, r *response, status int, code, summary string) {
	t.Helper()
	require.Equal(t, status, r.Status, "%s", r.Raw)
	require.Equal(t, code, data(r)["error_code"], "%s", r.Raw)
	if summary != "" {
		require.Equal(t, summary, r.Map()["message"], "%s", r.Raw)
	}
}

// org is what /user-campaign-filters reports.
type org struct {
	id       int
	users    []string // encrypted ids, in order
	routines []string // encrypted ids, in order
	raw      map[string]any
}

// identifiers fetches the organisation of k.
func identifiers(t testing.TB, srv *server, k string, header ...string) org {
	t.Helper()
	d := data(call(t, srv, k, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK, header...))
	o := org{id: num(obj(d["organisation"])["id"]), raw: d}
	for _, u := range arr(d["linkedin_users"]) {
		o.users = append(o.users, str(obj(u)["linkedin_user_information_id"]))
	}
	for _, r := range arr(d["campaign_routines"]) {
		o.routines = append(o.routines, str(obj(r)["linkedin_campaign_routine_id"]))
	}
	return o
}

// withoutStamp returns the body with data.request_id and data.timestamp
// removed, re-encoded (maps encode with sorted keys): the part of an answer
// that must repeat byte for byte.
func withoutStamp(t testing.TB, r *response) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.Raw, &m))
	if d, ok := m["data"].(map[string]any); ok {
		delete(d, "request_id")
		delete(d, "timestamp")
	}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

// queryOf encodes filters as a query string, ids repeated.
func queryOf(ids []string, kv ...string) string {
	v := url.Values{}
	for _, id := range ids {
		v.Add("linkedin_user_information_ids", id)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func arr(v any) []any {
	a, _ := v.([]any)
	return a
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}

func float(v any) float64 {
	f, _ := v.(float64)
	return f
}

// pct is the spec's percentage: round(a/b*100, 1 decimal), 0 when b is 0.
func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return roundHalfAway(float64(a)*1000/float64(b)) / 10
}

func roundHalfAway(x float64) float64 {
	if x < 0 {
		return -roundHalfAway(-x)
	}
	f := float64(int64(x))
	if x-f >= 0.5 {
		return f + 1
	}
	return f
}
