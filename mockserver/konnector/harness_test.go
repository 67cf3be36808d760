package konnector_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/konnector"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// server calls Konnector's operations directly, without the HTTP server or
// the mock's pipeline: a world per (key, scenario), a frozen clock, and the
// vendor's own encoder. What only the pipeline does (authentication, rate
// limits, validation against the spec, the journal) is tested end to end in
// mockserver and tests/.
type server struct {
	tb       testing.TB
	clock    *sim.Clock
	scenario string // X-Mock-Scenario overrides it
	// run answers one call of an operation under a scenario; header holds
	// the vendor's rate-limit headers at the scenario's full budget.
	run func(opID, scenario string, c *sim.Call) (enc sim.Encoded, header http.Header)
	ids int
}

// response is an encoded answer, decoded.
type response struct {
	Status int
	Header http.Header
	Raw    []byte
	JSON   any
}

// Map returns the body as an object (empty if it is not one).
func (r *response) Map() map[string]any {
	m, _ := r.JSON.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m
}

// routes are Konnector's operations by method and path, as its spec names
// them.
var routes = map[string]string{
	"GET /user-campaign-filters":  "getUserCampaignFilters",
	"POST /create-api-key":        "createApiKey",
	"GET /dashboard-info":         "getDashboardInfo",
	"POST /dashboard-info":        "postDashboardInfo",
	"GET /campaign-info":          "getCampaignInfo",
	"POST /campaign-info":         "postCampaignInfo",
	"GET /optimized_routine_data": "getOptimizedRoutineData",
}

// basePath is Konnector's, for the pagination URLs answers carry.
const basePath = "/social_app/api/v1/third_party"

// clockStart is the instant the harness's clock stands at: the day of the
// vendor docs' examples.
func clockStart() time.Time { return time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC) }

// start makes a harness with the seed under the scenario ("" is default) and
// the test scenarios loaded.
func start(tb testing.TB, seed int64, scenario string) *server {
	tb.Helper()
	reg, err := scenarios.Builtin()
	require.NoError(tb, err)
	require.NoError(tb, reg.AddDir(scenarioDir(tb)))
	clock := sim.NewClock(clockStart(), true, nil)
	keys := &lateAliases{}
	return harness(tb, reg, clock, scenario, keys, konnector.New(konnector.Deps{Seed: seed, Clock: clock, Keys: keys}))
}

// lateAliases lets the vendor alias keys in a store made after it.
type lateAliases struct {
	alias func(alias, target sim.TenantKey) bool
}

func (l *lateAliases) Alias(alias, target sim.TenantKey) bool { return l.alias(alias, target) }

// harness binds the vendor, whatever its world type, to a tenant store.
func harness[W any](tb testing.TB, reg *scenarios.Registry, clock *sim.Clock, scenario string, keys *lateAliases, v sim.Vendor[W]) *server {
	tenants := sim.NewTenants[W](sim.NewTenantPool(1000))
	keys.alias = tenants.Alias
	ops := v.Operations()
	run := func(opID, name string, c *sim.Call) (sim.Encoded, http.Header) {
		if name == "" {
			name = scenarios.DefaultName
		}
		sc, err := reg.Resolve(name)
		require.NoError(tb, err)
		tk := sim.TenantKey{Vendor: v.Name(), APIKey: c.APIKey, Scenario: sc.Name}
		t := tenants.Get(tk, func() *sim.Tenant[W] { return sim.NewTenant(sc, v.NewWorld(tk, sc)) })
		c.Tenant, c.Scenario = t.Key, t.Scenario()
		rep, opErr := ops[opID](t.World, c)
		h := http.Header{}
		lim := v.RateLimits(&sc.Settings)
		v.RateLimitHeaders(h, sim.Decision{Limits: lim, RemainingMinute: lim.PerMinute, RemainingDay: lim.PerDay})
		return v.Encode(c, rep, opErr), h
	}
	return &server{tb: tb, clock: clock, scenario: scenario, run: run}
}

// Konnector calls the operation of method and path (relative to the base
// path, query included) for the API key; headers are "Key", "value" pairs,
// of which X-Mock-Scenario counts. body is encoded as JSON unless it is a
// string or []byte.
func (s *server) Konnector(key, method, path string, body any, header ...string) *response {
	s.tb.Helper()
	require.NotEmpty(s.tb, key, "authentication is the pipeline's: test it end to end")
	u, err := url.Parse(path)
	require.NoError(s.tb, err)
	opID, ok := routes[method+" "+u.Path]
	require.True(s.tb, ok, "no Konnector operation %s %s", method, u.Path)
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		raw, err = json.Marshal(b)
		require.NoError(s.tb, err)
	}
	scenario := s.scenario
	for i := 0; i+1 < len(header); i += 2 {
		if http.CanonicalHeaderKey(header[i]) == "X-Mock-Scenario" {
			scenario = header[i+1]
		}
	}
	s.ids++
	c := &sim.Call{RequestID: "req_harness_" + strconv.Itoa(s.ids), Now: s.clock.Now(), APIKey: key, OperationID: opID,
		PathParams: map[string]string{}, Query: u.Query(), Body: raw, BasePath: basePath}
	enc, h := s.run(opID, scenario, c)
	for k, v := range enc.Header {
		h[k] = v
	}
	h.Set("X-Request-Id", c.RequestID)
	out := &response{Status: enc.Status, Header: h, Raw: enc.Body}
	_ = json.Unmarshal(enc.Body, &out.JSON)
	return out
}
