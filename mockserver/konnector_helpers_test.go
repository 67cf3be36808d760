package mockserver_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// The end-to-end Konnector tests (konnector_*_test.go) check what the
// pipeline does for Konnector: authentication, rate limits, tenants shared
// by created keys, the journal, any input over HTTP. The konnector
// package's own tests call its operations directly.

// key is the API key most tests use; adminKey is an administrator's key
// under the default scenario (it starts with "admin").
const (
	key      = "test-key"
	adminKey = "admin-test-key"
)

// scenarioDir writes the "unlimited" scenario (no Konnector rate limit)
// into a temporary directory.
func scenarioDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "unlimited.yaml"), []byte("name: unlimited\n"+
		"description: No Konnector rate limit, for tests that send many requests.\n"+
		"konnector:\n  rate_limit: {per_minute: 0, per_day: 0}\n"), 0o600))
	return dir
}

// start runs a server with the seed under the scenario ("" is default).
func start(tb testing.TB, seed int64, scenario string) *mocktest.Server {
	tb.Helper()
	return mocktest.Start(tb, mockserver.Options{Seed: seed, Scenario: scenario, ScenariosDir: scenarioDir(tb)})
}

var (
	requestIDPattern = regexp.MustCompile(`^req_[0-9a-f]{16}$`)
	timestampPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$`)
)

// call sends a Konnector request and requires the status and what every
// Konnector answer carries over HTTP: the envelope, X-Request-Id equal to
// data.request_id, the +05:30 timestamp and the four rate-limit headers.
func call(t testing.TB, srv *mocktest.Server, k, method, path string, body any, status int, header ...string) *mocktest.Response {
	t.Helper()
	r := srv.Konnector(k, method, path, body, header...)
	require.Equal(t, status, r.Status, "%s %s: %s", method, path, r.Raw)
	m := r.Map()
	require.Equal(t, float64(r.Status), m["code"], "code is the HTTP status: %s", r.Raw)
	require.Equal(t, r.Status < 400, m["status"])
	d := data(r)
	require.Regexp(t, requestIDPattern, r.Header.Get("X-Request-Id"))
	require.Equal(t, r.Header.Get("X-Request-Id"), d["request_id"], "data.request_id is the X-Request-Id header")
	require.Regexp(t, timestampPattern, d["timestamp"])
	for _, h := range []string{"X-RateLimit-Limit-Minute", "X-RateLimit-Remaining-Minute", "X-RateLimit-Limit-Day", "X-RateLimit-Remaining-Day"} {
		require.NotEmpty(t, r.Header.Get(h), "header %s", h)
	}
	return r
}

// requireError checks an error answer's status, error_code and summary.
func requireError(t testing.TB, r *mocktest.Response, status int, code, summary string) {
	t.Helper()
	require.Equal(t, status, r.Status, "%s", r.Raw)
	require.Equal(t, code, data(r)["error_code"], "%s", r.Raw)
	if summary != "" {
		require.Equal(t, summary, r.Map()["message"], "%s", r.Raw)
	}
}

// data returns the envelope's data object.
func data(r *mocktest.Response) map[string]any {
	d, _ := r.Map()["data"].(map[string]any)
	return d
}

// org is what /user-campaign-filters reports of an organisation.
type org struct {
	id       int
	users    []string // encrypted ids, in order
	routines []string
}

// identifiers fetches the organisation of k.
func identifiers(t testing.TB, srv *mocktest.Server, k string, header ...string) org {
	t.Helper()
	d := data(call(t, srv, k, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK, header...))
	o := org{}
	if orgObj, ok := d["organisation"].(map[string]any); ok {
		id, _ := orgObj["id"].(float64)
		o.id = int(id)
	}
	for _, list := range []struct {
		name, id string
		dst      *[]string
	}{{"linkedin_users", "linkedin_user_information_id", &o.users}, {"campaign_routines", "linkedin_campaign_routine_id", &o.routines}} {
		items, _ := d[list.name].([]any)
		for _, it := range items {
			m, _ := it.(map[string]any)
			*list.dst = append(*list.dst, str(m[list.id]))
		}
	}
	return o
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
