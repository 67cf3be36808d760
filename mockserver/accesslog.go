package mockserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// exchange is what the server learns about one request as it goes. The
// access log middleware makes it and reports it (log line, journal,
// coverage); the routes and the vendor pipeline fill it in. It travels in
// the request's context inside this package only: a vendor sees a sim.Call.
type exchange struct {
	id      string
	now     time.Time // the virtual instant the request arrived at
	vendor  string    // "admin", a vendor's name, or "" elsewhere
	api     bool      // the request was for a vendor's API: journaled
	op      string    // the operation aimed at, once path and method name one
	apiKey  string    // the caller's key, once read
	tenant  sim.TenantKey
	body    []byte
	dropped bool // the connection was closed without an answer

	// scenario is the name of the tenant's scenario in force, which an
	// in-place switch may have made another than tenant.Scenario.
	scenario string
	// observe, set while a console watches, receives the journal entry.
	observe func(journalEntry)
}

// call returns the contract's call as far as the exchange knows it: enough
// for a vendor to word an error refused before routing.
func (x *exchange) call() *sim.Call {
	return &sim.Call{RequestID: x.id, Now: x.now, APIKey: x.apiKey, OperationID: x.op, Tenant: x.tenant}
}

type exchangeKey struct{}

// exchangeFrom returns the request's exchange; outside logRequests (a test
// of one piece) a fresh one with the request's id.
func exchangeFrom(ctx context.Context) *exchange {
	if x, ok := ctx.Value(exchangeKey{}).(*exchange); ok {
		return x
	}
	return &exchange{id: requestIDFrom(ctx)}
}

// logRequests writes one log line per request, journals each request to a
// vendor's API, and counts each in coverage under the operation it aimed
// at. A connection dropped without an answer (an injected drop, or a client
// gone during simulated latency) is recorded as dropped, with no status.
func logRequests(log *slog.Logger, clock *sim.Clock, j *journal, cov *coverage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			x := &exchange{id: requestIDFrom(r.Context()), now: clock.Now()}
			rec := &recorder{ResponseWriter: w}
			defer func() {
				p := recover()
				if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					x.dropped = true
				}
				report(log, j, cov, r, x, rec.status, time.Since(start))
				if p != nil {
					panic(p)
				}
			}()
			next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), exchangeKey{}, x)))
		})
	}
}

// report logs, journals and counts one finished request.
func report(log *slog.Logger, j *journal, cov *coverage, r *http.Request, x *exchange, status int, took time.Duration) {
	if x.dropped {
		status = 0
	} else if status == 0 {
		status = http.StatusOK
	}
	attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path)}
	level := slog.LevelWarn
	if x.dropped {
		attrs = append(attrs, slog.Bool("dropped", true))
	} else {
		attrs, level = append(attrs, slog.Int("status", status)), levelFor(status)
	}
	log.LogAttrs(r.Context(), level, "request", append(attrs, slog.Duration("duration", took),
		slog.String("request_id", x.id), slog.String("vendor", x.vendor), slog.String("operation", x.op))...)
	if !x.api || r.Method == http.MethodOptions {
		return
	}
	e := journalEntry{Time: x.now, RequestID: x.id, Vendor: x.vendor, OperationID: x.op, Method: r.Method,
		Path: r.URL.Path, Query: r.URL.Query(), Headers: maskedHeaders(r.Header), Body: maskBody(x.body),
		Status: status, Dropped: x.dropped, DurationMS: float64(took.Microseconds()) / 1000}
	if x.tenant != (sim.TenantKey{}) {
		e.Tenant = fmt.Sprintf("%s:%s", x.tenant.Vendor, maskKey(x.tenant.APIKey))
		e.Scenario = x.tenant.Scenario
		if x.scenario != "" {
			e.Scenario = x.scenario
		}
	}
	e.setAPIKey(x.apiKey)
	j.add(e)
	if x.observe != nil {
		x.observe(e)
	}
	if x.op != "" {
		cov.record(x.vendor, x.op, status)
	}
}

func levelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// secretHeaders are shown in the journal by their last four characters only.
var secretHeaders = []string{"X-Api-Key", "Authorization", "Cookie", "X-Admin-Token"}

func maskedHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		val := strings.Join(v, ", ")
		if slices.Contains(secretHeaders, http.CanonicalHeaderKey(k)) {
			val = maskKey(val)
		}
		out[k] = val
	}
	return out
}
