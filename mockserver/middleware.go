package mockserver

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// recorder remembers the status written, for the log line, the journal and
// the coverage report.
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

// newRequestIDs returns a generator of random request ids such as
// "req_5f2c9a1b7e3d4c60".
func newRequestIDs() func() string {
	return func() string {
		var b [8]byte
		_, _ = rand.Read(b[:])
		return "req_" + hex.EncodeToString(b[:])
	}
}

// exchange is what the server learns about one request as it goes; the
// log line, the journal and coverage report it.
type exchange struct {
	id      string
	now     time.Time // the virtual instant the request arrived at
	vendor  string
	op      string        // the operation aimed at, once routed
	apiKey  string        // the caller's key, once read
	tenant  sim.TenantKey // zero before the tenant step
	body    []byte
	dropped bool // the connection was closed without an answer
}

// call returns the contract's call as far as the exchange knows it: enough
// for a vendor to word an error refused before routing.
func (x *exchange) call() *sim.Call {
	return &sim.Call{RequestID: x.id, Now: x.now, APIKey: x.apiKey, OperationID: x.op, Tenant: x.tenant}
}

// finish logs the request, journals it and counts it in the coverage report.
func (s *Server) finish(rec *recorder, r *http.Request, vs vendorSite, x *exchange, start time.Time) {
	took := time.Since(start)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	e := &sim.Entry{Time: x.now, RequestID: x.id, Vendor: x.vendor, Method: r.Method, Path: r.URL.Path,
		Status: status, OperationID: x.op, DurationMS: float64(took.Microseconds()) / 1000}
	s.log.LogAttrs(r.Context(), levelFor(status), "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", status),
		slog.Duration("duration", took), slog.String("request_id", x.id), slog.String("vendor", x.vendor),
		slog.String("operation", x.op))
	if vs == nil || r.Method == http.MethodOptions {
		return
	}
	e.Query = r.URL.Query()
	e.Headers = maskedHeaders(r.Header)
	e.Body = sim.MaskBody(x.body)
	if x.tenant != (sim.TenantKey{}) {
		e.Tenant = fmt.Sprintf("%s:%s", x.tenant.Vendor, sim.MaskKey(x.tenant.APIKey))
		e.Scenario = x.tenant.Scenario
	}
	e.SetAPIKey(x.apiKey)
	s.journal.Add(*e)
	if x.op != "" {
		s.coverage.record(x.vendor, x.op, status)
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

// secretHeaders are shown in the journal by their last four characters only.
var secretHeaders = []string{"X-Api-Key", "Authorization", "Cookie", "X-Admin-Token"}

func maskedHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		val := strings.Join(v, ", ")
		if slices.Contains(secretHeaders, http.CanonicalHeaderKey(k)) {
			val = sim.MaskKey(val)
		}
		out[k] = val
	}
	return out
}

// recoverPanic turns a handler panic into a 500 in the vendor's envelope and
// logs the stack. http.ErrAbortHandler (an injected dropped connection) is
// passed on so net/http closes the connection.
func (s *Server) recoverPanic(rec *recorder, r *http.Request, vs vendorSite, x *exchange) {
	p := recover()
	if p == nil {
		return
	}
	if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
		panic(p)
	}
	s.log.Error("panic serving request", "panic", fmt.Sprint(p), "path", r.URL.Path,
		"request_id", x.id, "stack", string(debug.Stack()))
	if rec.status != 0 {
		return // too late for a clean answer; the client sees a truncated body
	}
	e := &sim.Error{Kind: sim.KindInternal, Message: "the mock server failed while handling this request; the stack is in its log"}
	if vs == nil {
		writePlainError(rec, http.StatusInternalServerError, e.Message)
		return
	}
	vs.fail(rec, x, e)
}

// writePlainError answers outside both vendors' base paths.
func writePlainError(w http.ResponseWriter, status int, msg string) {
	writeJSONValue(w, status, map[string]any{"error": http.StatusText(status), "message": msg})
}

// writeJSONValue writes v as JSON.
func writeJSONValue(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
