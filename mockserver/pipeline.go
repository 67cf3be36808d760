package mockserver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// serveVendor runs one vendor request through the fixed pipeline; each step
// may answer in the vendor's envelope and stop:
//
//  1. authentication: a missing or empty key is 401;
//  2. scenario: X-Mock-Scenario, else the server's current one (400 if unknown);
//  3. tenant: the world of (vendor, key, scenario), created on first use;
//  4. rate limit: every request counts, whatever its fate after (429);
//  5. routing: unknown path 404, wrong method 405 with Allow;
//  6. latency and injected faults, drawn from the seed;
//  7. body: read up to the limit (413 beyond);
//  8. X-Mock-Status: a documented status forced by the client;
//  9. request validation against the spec (the vendor's validation error);
//  10. the handler (501 if the operation has none yet), its response
//     validated against the spec before it leaves (500 on a violation).
func (s *Server) serveVendor(vr *vendorRoutes, w http.ResponseWriter, r *http.Request, e *sim.Entry) {
	v := vr.vendor
	req := sim.RequestFrom(r.Context())
	fail := func(err *sim.Error) { v.WriteError(w, r, err) }

	key, keyErr := v.APIKey(r.Header)
	req.APIKey = key
	sc, scErr := s.scenarioFor(r, key)
	if keyErr != nil {
		// No tenant to count against: report the full budget of the
		// server's scenario, so the documented headers are still there.
		lim := v.RateLimits(&s.current.Load().Settings)
		v.WriteRateLimitHeaders(w.Header(), sim.Decision{Limits: lim, RemainingMinute: lim.PerMinute, RemainingDay: lim.PerDay})
		fail(&sim.Error{Kind: sim.KindUnauthenticated, Message: keyErr.Error()})
		return
	}
	if scErr != nil {
		fail(scErr)
		return
	}
	tenant := s.tenants.Get(sim.TenantKey{Vendor: v.Name(), APIKey: key, Scenario: sc.Name}, func() *sim.Tenant {
		t := sim.NewTenant(sim.TenantKey{Vendor: v.Name(), APIKey: key, Scenario: sc.Name}, sc)
		t.World = v.NewWorld(t)
		return t
	})
	req.Tenant = tenant
	settings := &tenant.Scenario().Settings

	if lim := v.RateLimits(settings); lim.Enabled() {
		d := tenant.Limiter.Allow(lim, req.Now)
		v.WriteRateLimitHeaders(w.Header(), d)
		if !d.Allowed {
			fail(&sim.Error{Kind: sim.KindRateLimited, RetryAfter: d.RetryAfter, RateLimit: &d})
			return
		}
	} else {
		v.WriteRateLimitHeaders(w.Header(), sim.Decision{Limits: lim})
	}

	op, path, params := vr.match(r)
	switch {
	case path == nil:
		fail(&sim.Error{Kind: sim.KindNotFound, Message: fmt.Sprintf("no %s operation at %s", v.Name(), r.URL.Path)})
		return
	case op == nil:
		w.Header().Set("Allow", path.allow)
		fail(&sim.Error{Kind: sim.KindMethodNotAllowed, Allowed: strings.Split(path.allow, ", "),
			Message: fmt.Sprintf("%s is not allowed on %s; allowed: %s", r.Method, path.template, path.allow)})
		return
	}
	req.OperationID, req.PathParams = op.id, params

	seq := tenant.NextSeq()
	if !s.delay(r, settings, tenant, seq) {
		return // the client went away while we waited
	}
	if s.injectFault(w, r, vr, op, settings, tenant, seq) {
		return
	}

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(&sim.Error{Kind: sim.KindTooLarge, Message: fmt.Sprintf("the request body exceeds %d bytes", tooBig.Limit)})
			return
		}
		fail(&sim.Error{Kind: sim.KindBadRequest, Message: "reading the request body failed: " + err.Error()})
		return
	}
	req.Body = body
	r.Body = io.NopCloser(bytes.NewReader(body))

	if forced := r.Header.Get("X-Mock-Status"); forced != "" {
		if s.forceStatus(w, r, vr, op, forced) {
			return
		}
	}
	if verr := validateRequest(r, op, params, body); verr != nil {
		fail(verr)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.runHandler(w, r, vr, op)
}

// scenarioFor resolves X-Mock-Scenario, or the scenario set for the key,
// or the server's current scenario.
func (s *Server) scenarioFor(r *http.Request, key string) (*scenarios.Scenario, *sim.Error) {
	name := strings.TrimSpace(r.Header.Get("X-Mock-Scenario"))
	if name == "" {
		return s.scenarioOfKey(key), nil
	}
	sc, err := s.resolved.get(name)
	if err != nil {
		var unknown *scenarios.UnknownError
		if errors.As(err, &unknown) {
			return nil, &sim.Error{Kind: sim.KindBadRequest, Code: unknownScenarioCode, Allowed: unknown.Known,
				Message: fmt.Sprintf("X-Mock-Scenario: %s", err)}
		}
		return nil, &sim.Error{Kind: sim.KindBadRequest, Code: unknownScenarioCode, Message: "X-Mock-Scenario: " + err.Error()}
	}
	return sc, nil
}

// unknownScenarioCode is the error code of a bad X-Mock-Scenario header; it
// is the mock's own, not a vendor's.
const unknownScenarioCode = "unknown_scenario"
