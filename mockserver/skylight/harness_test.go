package skylight_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// server calls SkyLight's operations directly, without the HTTP server or
// the mock's pipeline: a world per (key, scenario), a frozen clock, the
// vendor's own encoder, and each answer validated against the spec as the
// pipeline would. What only the pipeline does (authentication, rate limits,
// request validation by the spec, forced statuses, the journal) is tested
// end to end in mockserver (skylight_*_test.go) and tests/.
type server struct {
	tb     testing.TB
	clock  *sim.Clock
	routes []route
	// run answers one call of an operation under a scenario.
	run func(opID, scenario string, c *sim.Call) sim.Encoded
	ids atomic.Int64 // request ids; tests call the harness from many goroutines
}

// route is one operation of the spec: its method, path template split in
// segments, and kin-openapi's route for response validation.
type route struct {
	method string
	segs   []string
	kin    *routers.Route
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

// clockStart is the instant the harness's clock stands at: the day of the
// vendor docs' examples.
func clockStart() time.Time { return time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC) }

// start makes a harness with the seed; locale, when set, overrides every
// scenario's; dir, when set, is a directory of extra scenarios.
func start(tb testing.TB, seed int64, locale, dir string) *server {
	tb.Helper()
	reg, err := scenarios.Builtin()
	require.NoError(tb, err)
	if dir != "" {
		require.NoError(tb, reg.AddDir(dir))
	}
	doc, err := openapi.Load(openapi.SkyLight)
	require.NoError(tb, err)
	clock := sim.NewClock(clockStart(), true, nil)
	s := harness(tb, reg, locale, skylight.New(skylight.Deps{Seed: seed, Clock: clock}))
	s.clock = clock
	s.routes = specRoutes(doc)
	return s
}

// specRoutes lists the spec's operations.
func specRoutes(doc *openapi3.T) []route {
	var out []route
	for tpl, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out = append(out, route{method: method, segs: strings.Split(strings.Trim(tpl, "/"), "/"),
				kin: &routers.Route{Spec: doc, Path: tpl, PathItem: item, Method: method, Operation: op}})
		}
	}
	return out
}

// find returns the route of method and path and its path parameters.
func (s *server) find(method, path string) (*route, map[string]string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *route
	var bestParams map[string]string
	bestLiterals := -1
	for i := range s.routes {
		r := &s.routes[i]
		if r.method != method || len(r.segs) != len(segs) {
			continue
		}
		params, literals := map[string]string{}, 0
		ok := true
		for j, seg := range r.segs {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				v, err := url.PathUnescape(segs[j])
				if err != nil || v == "" {
					ok = false
					break
				}
				params[seg[1:len(seg)-1]] = v
				continue
			}
			if seg != segs[j] {
				ok = false
				break
			}
			literals++
		}
		if ok && literals > bestLiterals {
			best, bestParams, bestLiterals = r, params, literals
		}
	}
	return best, bestParams
}

// harness binds the vendor, whatever its world type, to a tenant store.
func harness[W any](tb testing.TB, reg *scenarios.Registry, locale string, v sim.Vendor[W]) *server {
	tenants := sim.NewTenants[W](sim.NewTenantPool(1000))
	ops := v.Operations()
	var mu sync.Mutex // guards resolved
	resolved := map[string]*scenarios.Scenario{}
	run := func(opID, name string, c *sim.Call) sim.Encoded {
		if name == "" {
			name = scenarios.DefaultName
		}
		sc := func() *scenarios.Scenario {
			mu.Lock()
			defer mu.Unlock()
			if sc, ok := resolved[name]; ok {
				return sc
			}
			sc, err := reg.Resolve(name)
			require.NoError(tb, err)
			if locale != "" {
				sc.Settings.Locale = locale
			}
			resolved[name] = sc
			return sc
		}()
		tk := sim.TenantKey{Vendor: v.Name(), APIKey: c.APIKey, Scenario: sc.Name}
		t := tenants.Get(tk, func() *sim.Tenant[W] { return sim.NewTenant(sc, v.NewWorld(tk, sc)) })
		c.Tenant, c.Scenario = t.Key, t.Scenario()
		op, ok := ops[opID]
		require.True(tb, ok, "no operation %s", opID)
		rep, opErr := op(t.World, c)
		return v.Encode(c, rep, opErr)
	}
	return &server{tb: tb, run: run}
}

// SkyLight calls the operation of method and path (relative to the base
// path, query included) for the API key; headers are "Key", "value" pairs,
// of which X-Mock-Scenario counts. body is encoded as JSON unless it is a
// string or []byte. The answer is validated against the spec.
func (s *server) SkyLight(key, method, path string, body any, header ...string) *response {
	s.tb.Helper()
	require.NotEmpty(s.tb, key, "authentication is the pipeline's: test it end to end")
	u, err := url.Parse(path)
	require.NoError(s.tb, err)
	rt, params := s.find(method, u.Path)
	require.NotNil(s.tb, rt, "no SkyLight operation %s %s", method, u.Path)
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
	scenario := ""
	for i := 0; i+1 < len(header); i += 2 {
		if http.CanonicalHeaderKey(header[i]) == "X-Mock-Scenario" {
			scenario = header[i+1]
		}
	}
	c := &sim.Call{RequestID: "req_harness_" + strconv.FormatInt(s.ids.Add(1), 10), Now: s.clock.Now(), APIKey: key,
		OperationID: rt.kin.Operation.OperationID, PathParams: params, Query: u.Query(), Body: raw, BasePath: "/api/v1"}
	enc := s.run(c.OperationID, scenario, c)
	h := http.Header{}
	for k, v := range enc.Header {
		h[k] = v
	}
	h.Set("X-Request-Id", c.RequestID)
	require.NoError(s.tb, validateResponse(rt, method, u, h, enc), "%s %s: %s answer %s", method, path, strconv.Itoa(enc.Status), enc.Body)
	out := &response{Status: enc.Status, Header: h, Raw: enc.Body}
	_ = json.Unmarshal(enc.Body, &out.JSON)
	return out
}

// validateResponse checks an answer against the operation's responses, as
// the pipeline does with response validation on.
func validateResponse(rt *route, method string, u *url.URL, h http.Header, enc sim.Encoded) error {
	req, err := http.NewRequest(method, "http://mock"+u.String(), nil)
	if err != nil {
		return fmt.Errorf("request for validation: %w", err)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	mediaType, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	pdf := mediaType == "application/pdf"
	if pdf {
		opts.ExcludeResponseBody = true
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: rt.kin},
		Status:                 enc.Status,
		Header:                 h,
		Body:                   io.NopCloser(bytes.NewReader(enc.Body)),
		Options:                opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("response validation: %w", err)
	}
	if pdf && !bytes.HasPrefix(enc.Body, []byte("%PDF-")) {
		return fmt.Errorf("an application/pdf body must start with %%PDF-")
	}
	return nil
}

// advance moves the harness's clock.
func (s *server) advance(d time.Duration) {
	s.tb.Helper()
	_, err := s.clock.Advance(d)
	require.NoError(s.tb, err)
}
