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

// finish logs the request, journals it and counts it in the coverage report.
func (s *Server) finish(rec *recorder, r *http.Request, vr *vendorRoutes, e *sim.Entry, start time.Time) {
	took := time.Since(start)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	req := sim.RequestFrom(r.Context())
	e.Status = status
	e.OperationID = req.OperationID
	e.DurationMS = float64(took.Microseconds()) / 1000
	s.log.LogAttrs(r.Context(), levelFor(status), "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", status),
		slog.Duration("duration", took), slog.String("request_id", req.ID), slog.String("vendor", e.Vendor),
		slog.String("operation", req.OperationID))
	if vr == nil || r.Method == http.MethodOptions {
		return
	}
	e.Query = r.URL.Query()
	e.Headers = maskedHeaders(r.Header)
	e.Body = sim.MaskBody(req.Body)
	if req.Tenant != nil {
		e.Tenant = fmt.Sprintf("%s:%s", req.Tenant.Key.Vendor, sim.MaskKey(req.Tenant.Key.APIKey))
		e.Scenario = req.Tenant.Scenario().Name
	}
	e.SetAPIKey(req.APIKey)
	s.journal.Add(*e)
	s.observe(*e, rec.ResponseWriter)
	if req.OperationID != "" {
		s.coverage.record(vr.vendor.Name(), req.OperationID, status)
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
func (s *Server) recoverPanic(rec *recorder, r *http.Request, vr *vendorRoutes) {
	p := recover()
	if p == nil {
		return
	}
	if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
		panic(p)
	}
	s.log.Error("panic serving request", "panic", fmt.Sprint(p), "path", r.URL.Path,
		"request_id", sim.RequestFrom(r.Context()).ID, "stack", string(debug.Stack()))
	if rec.status != 0 {
		return // too late for a clean answer; the client sees a truncated body
	}
	e := &sim.Error{Kind: sim.KindInternal, Message: "the mock server failed while handling this request; the stack is in its log"}
	if vr == nil {
		writePlainError(rec, http.StatusInternalServerError, e.Message)
		return
	}
	vr.vendor.WriteError(rec, r, e)
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
