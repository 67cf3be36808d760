package sim

import (
	"context"
	"time"
)

// Request is what the server knows about a request in flight, handed to
// vendor handlers through the context.
type Request struct {
	// ID is the request id sent back in X-Request-Id.
	ID string
	// Now is the virtual time the request arrived at; handlers use it
	// instead of reading the clock again, so one request sees one instant.
	Now time.Time
	// OperationID is the spec's operationId of the matched route.
	OperationID string
	// PathParams are the matched route's path parameters, unescaped.
	PathParams map[string]string
	// Body is the raw request body (already size-limited).
	Body []byte
	// APIKey is the caller's key.
	APIKey string
	// Tenant is the caller's tenant (nil before authentication).
	Tenant *Tenant
}

type requestKey struct{}

// WithRequest returns a context carrying req.
func WithRequest(ctx context.Context, req *Request) context.Context {
	return context.WithValue(ctx, requestKey{}, req)
}

// RequestFrom returns the request info of ctx, or an empty one (never nil),
// so that code writing an error before routing still works.
func RequestFrom(ctx context.Context) *Request {
	if r, ok := ctx.Value(requestKey{}).(*Request); ok {
		return r
	}
	return &Request{}
}
