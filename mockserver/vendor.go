package mockserver

import (
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/konnector"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// Vendor is what the server needs from a simulated vendor package. The
// server owns the pipeline (routing, auth, tenants, rate limits, validation);
// the vendor owns its envelope, its world and its handlers.
type Vendor interface {
	// Name is the vendor's short name in logs, the journal and tenant keys.
	Name() string
	// SpecFile names the vendor's embedded spec.
	SpecFile() string
	// APIKey extracts the caller's key from the request headers; an error
	// (missing, empty or malformed key) is answered 401 with its text.
	APIKey(h http.Header) (string, error)
	// Handlers maps operationIds to handlers; an operation without one
	// answers 501 in the vendor's envelope.
	Handlers() map[string]http.Handler
	// NewWorld generates a tenant's world from the seed, the tenant's key
	// and its scenario.
	NewWorld(t *sim.Tenant) any
	// RateLimits returns the limits the scenario sets for this vendor.
	RateLimits(s *scenarios.Settings) sim.Limits
	// WriteRateLimitHeaders adds the vendor's rate-limit headers, if it has any.
	WriteRateLimitHeaders(h http.Header, d sim.Decision)
	// WriteError writes e in the vendor's error envelope.
	WriteError(w http.ResponseWriter, r *http.Request, e *sim.Error)
	// ErrorFromExample reads one of the spec's example error bodies back
	// into an Error, for X-Mock-Status.
	ErrorFromExample(status int, body []byte) (*sim.Error, error)
}

var (
	_ Vendor = (*skylight.API)(nil)
	_ Vendor = (*konnector.API)(nil)
)
