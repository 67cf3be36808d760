// Package mocktest starts an in-process mock server for tests and gives them
// a small client: one call per request, the decoded JSON back.
package mocktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// ClockStart returns the instant test servers start at unless told
// otherwise: 2025-05-11T09:00:00Z, the day of the vendor docs' examples.
func ClockStart() time.Time { return time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC) }

// Server is a running test server.
type Server struct {
	*httptest.Server
	Mock *mockserver.Server
	tb   testing.TB
}

// Start runs a mock server with opts (seed 1, a frozen clock at ClockStart
// when unset) and stops it when the test ends. Response validation stays on.
func Start(tb testing.TB, opts mockserver.Options) *Server {
	tb.Helper()
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.ClockStart.IsZero() {
		opts.ClockStart = ClockStart()
		opts.ClockFrozen = true
	}
	m, err := mockserver.New(opts)
	if err != nil {
		tb.Fatalf("mockserver.New: %v", err)
	}
	hs := httptest.NewServer(m)
	tb.Cleanup(func() { _ = m.Close() }) // runs after hs.Close: cleanups run last first
	tb.Cleanup(hs.Close)
	return &Server{Server: hs, Mock: m, tb: tb}
}

// Response is a decoded answer.
type Response struct {
	Status int
	Header http.Header
	Raw    []byte
	// JSON is the body decoded into generic values (nil if not JSON).
	JSON any
}

// Map returns the body as an object (empty if it is not one).
func (r *Response) Map() map[string]any {
	m, _ := r.JSON.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m
}

// Request is one call: headers are added as given; Body is encoded as JSON
// unless it is a string or []byte, which are sent verbatim.
type Request struct {
	Method string
	Path   string
	Header map[string]string
	Body   any
}

// Do sends the request and decodes the answer; a transport error fails the test.
func (s *Server) Do(req Request) *Response {
	s.tb.Helper()
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			s.tb.Fatalf("encode body: %v", err)
		}
		body = bytes.NewReader(enc)
	}
	hr, err := http.NewRequest(req.Method, s.URL+req.Path, body)
	if err != nil {
		s.tb.Fatalf("new request: %v", err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	for k, v := range req.Header {
		hr.Header.Set(k, v)
	}
	resp, err := s.Client().Do(hr)
	if err != nil {
		s.tb.Fatalf("%s %s: %v", req.Method, req.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.tb.Fatalf("read body: %v", err)
	}
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	_ = json.Unmarshal(raw, &out.JSON)
	return out
}

// SkyLight sends a SkyLight request with the API key; path is relative to
// SkyLight's base path (/api/v1).
func (s *Server) SkyLight(key, method, path string, body any, header ...string) *Response {
	s.tb.Helper()
	h := pairs(header)
	if key != "" {
		h["X-Api-Key"] = key
	}
	return s.Do(Request{Method: method, Path: s.Mock.BasePath("skylight") + path, Header: h, Body: body})
}

// Konnector sends a Konnector request with the API key; path is relative
// to Konnector's base path (/social_app/api/v1/third_party).
func (s *Server) Konnector(key, method, path string, body any, header ...string) *Response {
	s.tb.Helper()
	h := pairs(header)
	if key != "" {
		h["Authorization"] = key
	}
	return s.Do(Request{Method: method, Path: s.Mock.BasePath("konnector") + path, Header: h, Body: body})
}

// Admin calls the control API; path is relative to /__admin.
func (s *Server) Admin(method, path string, body any) *Response {
	s.tb.Helper()
	return s.Do(Request{Method: method, Path: "/__admin" + path, Body: body})
}

func pairs(kv []string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// Get walks a decoded JSON value by keys and indexes: Get(v, "data", "items", 0, "id").
func Get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k < 0 || k >= len(a) {
				return nil
			}
			v = a[k]
		default:
			return nil
		}
	}
	return v
}
