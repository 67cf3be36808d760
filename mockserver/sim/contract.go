package sim

import (
	"net/http"
	"net/url"
	"time"

	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// Call is one request as an operation sees it: built by the server's
// pipeline once the request is authenticated, routed and validated.
type Call struct {
	// RequestID is the id sent back in X-Request-Id.
	RequestID string
	// Now is the virtual instant the request arrived at: one request sees
	// one instant.
	Now time.Time
	// APIKey is the caller's key.
	APIKey string
	// OperationID is the spec's operationId of the matched route.
	OperationID string
	// PathParams are the route's path parameters, unescaped.
	PathParams map[string]string
	// Query is the request's query string.
	Query url.Values
	// Body is the request body (size-limited and validated).
	Body []byte
	// Tenant names the caller's tenant: vendor, key and scenario.
	Tenant TenantKey
	// Scenario is the tenant's scenario (never nil once routed).
	Scenario *scenarios.Scenario
	// BasePath is the path the vendor is served under, from its spec's
	// servers (for URLs the answer carries).
	BasePath string
}

// Settings returns the scenario's settings, or empty ones when the call has
// no scenario (a call built by hand in a test).
func (c *Call) Settings() *scenarios.Settings {
	if c.Scenario == nil {
		return &scenarios.Settings{}
	}
	return &c.Scenario.Settings
}

// Reply is an operation's successful answer, before the vendor's encoder
// puts it in its envelope.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Body is the JSON value the vendor's encoder encodes.
	Body any
	// Message is the success message, for envelopes that carry one.
	Message string
	// Header holds extra response headers.
	Header http.Header
	// File, when set, is sent as it is instead of a JSON body.
	File *File
}

// File is a binary answer (the resume PDF).
type File struct {
	ContentType string
	Name        string
	Data        []byte
}

// Operation answers one call on the tenant's world W, the vendor's own type.
type Operation[W any] func(w W, c *Call) (Reply, *Error)

// Encoded is an answer ready to leave: status, headers and bytes.
type Encoded struct {
	Status int
	Header http.Header
	Body   []byte
}

// Vendor is a simulated vendor whose tenants' worlds are of type W. The
// server owns the pipeline (authentication, tenants, rate limits, routing,
// validation); the vendor owns its world, its operations and its envelope.
type Vendor[W any] interface {
	// Name is the vendor's short name in logs, the journal and tenant keys.
	Name() string
	// SpecFile names the vendor's embedded spec.
	SpecFile() string
	// APIKey extracts the caller's key from the request headers; an error
	// (missing, empty or malformed key) is answered 401 with its text.
	APIKey(h http.Header) (string, error)
	// Operations maps operationIds to operations; an operation of the spec
	// without one answers 501.
	Operations() map[string]Operation[W]
	// NewWorld generates a tenant's world.
	NewWorld(t TenantKey, sc *scenarios.Scenario) W
	// RateLimits returns the limits the scenario sets for this vendor.
	RateLimits(s *scenarios.Settings) Limits
	// RateLimitHeaders adds the vendor's rate-limit headers, if it has any.
	RateLimitHeaders(h http.Header, d Decision)
	// Encode puts a reply, or the error when err is not nil, in the vendor's
	// envelope. c always carries RequestID and Now; the rest may be empty
	// when the request was refused before routing.
	Encode(c *Call, rep Reply, err *Error) Encoded
	// ErrorFromExample reads one of the spec's example error bodies back
	// into an Error, for X-Mock-Status.
	ErrorFromExample(status int, body []byte) (*Error, error)
}
