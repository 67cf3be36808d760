package mockserver

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// maxMockLatency bounds X-Mock-Latency.
const maxMockLatency = 30 * time.Second

// invalidLatencyCode is the error code of a bad X-Mock-Latency header; it is
// the mock's own, not a vendor's.
const invalidLatencyCode = "invalid_mock_latency"

// latency is the delay of the tenant's seq-th request: X-Mock-Latency when
// the client sent it (a Go duration such as 1500ms, from 0 to 30s), else the
// scenario's, whose random part is drawn from (seed, tenant, seq) so that a
// run repeats.
func (s *Server) latency(r *http.Request, st *scenarios.Settings, k sim.TenantKey, seq uint64) (time.Duration, *sim.Error) {
	h := strings.TrimSpace(r.Header.Get("X-Mock-Latency"))
	if h == "" {
		return latencyFor(st.Latency, s.opts.Seed, k, seq), nil
	}
	d, err := time.ParseDuration(h)
	if err != nil || d < 0 || d > maxMockLatency {
		return 0, &sim.Error{Kind: sim.KindBadRequest, Code: invalidLatencyCode,
			Message: fmt.Sprintf("X-Mock-Latency %q: want a duration from 0s to %s, such as 1500ms", h, maxMockLatency)}
	}
	return d, nil
}

// wait sleeps d, and reports false when the client went away meanwhile.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// latencyFor is the delay of one request: fixed, or uniform in [min, max].
func latencyFor(l scenarios.Latency, seed int64, k sim.TenantKey, seq uint64) time.Duration {
	if l.Fixed > 0 {
		return l.Fixed.D()
	}
	if l.Max <= 0 {
		return 0
	}
	span := int64(l.Max - l.Min)
	if span <= 0 {
		return l.Min.D()
	}
	rng := sim.Rand(seed, "latency", k.Vendor, k.APIKey, k.Scenario, strconv.FormatUint(seq, 10))
	return l.Min.D() + time.Duration(rng.Int64N(span+1))
}

// pickFault returns the first fault whose filter matches the request and
// whose seeded draw falls under its rate, or nil.
func pickFault(faults []scenarios.Fault, vendor, opID, path string, seed int64, k sim.TenantKey, seq uint64) *scenarios.Fault {
	for i := range faults {
		f := &faults[i]
		if !faultMatches(f, vendor, opID, path) || f.Rate <= 0 {
			continue
		}
		rng := sim.Rand(seed, "fault", strconv.Itoa(i), k.Vendor, k.APIKey, k.Scenario, strconv.FormatUint(seq, 10))
		if rng.Float64() < f.Rate {
			return f
		}
	}
	return nil
}

func faultMatches(f *scenarios.Fault, vendor, opID, path string) bool {
	if f.Vendor != "" && f.Vendor != vendor {
		return false
	}
	if f.PathPrefix != "" && !strings.HasPrefix(path, f.PathPrefix) {
		return false
	}
	if len(f.Operations) == 0 {
		return true
	}
	for _, o := range f.Operations {
		if o == opID {
			return true
		}
	}
	return false
}

// faultError is the error an injected fault answers with.
func faultError(f *scenarios.Fault) *sim.Error {
	return &sim.Error{Kind: kindForStatus(f.Status), Status: f.Status,
		Message: "injected fault: the scenario fails this share of requests (" + strconv.FormatFloat(f.Rate*100, 'f', -1, 64) + "%)"}
}

// kindForStatus maps a status to the error kind a vendor words it as.
func kindForStatus(status int) sim.Kind {
	switch status {
	case http.StatusBadRequest:
		return sim.KindBadRequest
	case http.StatusUnauthorized:
		return sim.KindUnauthenticated
	case http.StatusForbidden:
		return sim.KindForbidden
	case http.StatusNotFound:
		return sim.KindNotFound
	case http.StatusMethodNotAllowed:
		return sim.KindMethodNotAllowed
	case http.StatusConflict:
		return sim.KindConflict
	case http.StatusRequestEntityTooLarge:
		return sim.KindTooLarge
	case http.StatusUnprocessableEntity:
		return sim.KindValidation
	case http.StatusTooManyRequests:
		return sim.KindRateLimited
	case http.StatusNotImplemented:
		return sim.KindNotImplemented
	case http.StatusServiceUnavailable, http.StatusBadGateway, http.StatusGatewayTimeout:
		return sim.KindUnavailable
	}
	if status >= 500 {
		return sim.KindInternal
	}
	return sim.KindBadRequest
}
