package mockserver

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// serve runs one vendor request through the fixed pipeline; each step may
// answer in the vendor's envelope and stop:
//
//  1. authentication: a missing or empty key is 401;
//  2. scenario: X-Mock-Scenario, else the server's current one (400 if unknown);
//  3. tenant: the world of (vendor, key, scenario), created on first use;
//  4. rate limit: every request counts, whatever its fate after (429);
//  5. routing: unknown path 404, wrong method 405 with Allow;
//  6. latency (X-Mock-Latency, else the scenario's) and injected faults,
//     drawn from the seed;
//  7. body: read up to the limit (413 beyond);
//  8. X-Mock-Status: a documented status forced by the client;
//  9. request validation against the spec (the vendor's validation error);
//  10. the operation (501 if the vendor has none): its reply or error is
//     encoded once, validated against the spec once (500 on a violation),
//     and written once.
func (st *site[W]) serve(w http.ResponseWriter, r *http.Request, x *exchange) {
	s, v := st.srv, st.v
	fail := func(e *sim.Error) { st.fail(w, x, e) }
	// Matched first, answered at step 5: a request refused before routing
	// is still counted against the operation it aimed at.
	op, path, params := st.vr.match(r)
	if op != nil {
		x.op = op.id
	}

	key, keyErr := v.APIKey(r.Header)
	x.apiKey = key
	sc, scErr := s.scenarioFor(r, key)
	if keyErr != nil {
		// No tenant to count against: report the full budget of the
		// server's scenario, so the documented headers are still there.
		lim := v.RateLimits(&s.current.Load().Settings)
		v.RateLimitHeaders(w.Header(), sim.Decision{Limits: lim, RemainingMinute: lim.PerMinute, RemainingDay: lim.PerDay})
		fail(&sim.Error{Kind: sim.KindUnauthenticated, Message: keyErr.Error()})
		return
	}
	if scErr != nil {
		fail(scErr)
		return
	}
	tk := sim.TenantKey{Vendor: v.Name(), APIKey: key, Scenario: sc.Name}
	tenant := st.tenants.Get(tk, func() *sim.Tenant[W] {
		return sim.NewTenant(sc, v.NewWorld(tk, sc))
	})
	sc = tenant.Scenario() // an in-place switch may have changed it since
	x.tenant = tenant.Key
	x.scenario = sc.Name
	settings := &sc.Settings

	if lim := v.RateLimits(settings); lim.Enabled() {
		d := tenant.Limiter.Allow(lim, x.now)
		v.RateLimitHeaders(w.Header(), d)
		if !d.Allowed {
			fail(&sim.Error{Kind: sim.KindRateLimited, RetryAfter: d.RetryAfter, RateLimit: &d})
			return
		}
	} else {
		v.RateLimitHeaders(w.Header(), sim.Decision{Limits: lim})
	}

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

	seq := tenant.NextSeq()
	d, latErr := s.latency(r, settings, tenant.Key, seq)
	if latErr != nil {
		fail(latErr)
		return
	}
	if !wait(r, d) {
		x.dropped = true
		return // the client went away while we waited
	}
	if f := pickFault(settings.Faults, v.Name(), op.id, r.URL.Path, s.opts.Seed, tenant.Key, seq); f != nil {
		switch f.Kind {
		case scenarios.FaultDrop:
			panic(http.ErrAbortHandler) // net/http closes the connection without a response; logged as dropped
		case scenarios.FaultEmpty:
			w.Header().Set("Content-Length", "0")
			w.WriteHeader(f.Status)
		default:
			fail(faultError(f))
		}
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
	x.body = body

	if forced := r.Header.Get("X-Mock-Status"); forced != "" {
		if e := forcedError(op, forced, v.ErrorFromExample); e != nil {
			fail(e)
			return
		}
	}
	if verr := validateRequest(r, op, params, body); verr != nil {
		fail(verr)
		return
	}
	fn := st.ops[op.id]
	if fn == nil {
		fail(&sim.Error{Kind: sim.KindNotImplemented,
			Message: fmt.Sprintf("%s (%s %s) is not implemented by the mock yet", op.id, op.method, op.template)})
		return
	}
	c := &sim.Call{RequestID: x.id, Now: x.now, APIKey: key, OperationID: op.id, PathParams: params,
		Query: r.URL.Query(), Body: body, Tenant: tenant.Key, Scenario: sc, BasePath: st.vr.basePath}
	rep, opErr := fn(tenant.World, c)
	writeEncoded(w, st.checked(w.Header(), r, op, c, v.Encode(c, rep, opErr)))
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
