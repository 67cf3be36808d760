package mockserver_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// benchCase is one request measured through the mock and through a bare
// handler that writes the same bytes.
type benchCase struct {
	name, method, path, body, keyHeader string
}

var benchCases = []benchCase{
	{"GET", http.MethodGet, "/api/v1/channels/linkedin/status", "", "X-Api-Key"},
	{"POST", http.MethodPost, "/api/v1/linkedin/sourcing/search", `{"title":"Marketing Manager","limit":10}`, "X-Api-Key"},
	{"KonnectorGET", http.MethodGet, "/social_app/api/v1/third_party/user-campaign-filters", "", "Authorization"},
}

func newBenchServer(b *testing.B, skipResponseValidation bool) http.Handler {
	b.Helper()
	// testdata/bench.yaml lifts Konnector's 100/min limit, which a frozen
	// clock would otherwise exhaust after 100 iterations.
	s, err := mockserver.New(mockserver.Options{Seed: 1, ClockStart: time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC),
		ClockFrozen: true, Scenario: "testdata/bench.yaml", SkipResponseValidation: skipResponseValidation})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func newRequest(c benchCase) *http.Request {
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	r := httptest.NewRequest(c.method, c.path, body)
	r.Header.Set(c.keyHeader, "bench-key")
	if c.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

// BenchmarkRequest compares, in one run, the mock's full request path (route,
// auth, tenant, request validation, handler, response validation, JSON) with
// a bare net/http handler writing the same static JSON. The README records
// the ratio; the target is at most 4x. The responses-unchecked variant (the
// mock with --validate-responses=false) shows what response validation costs.
func BenchmarkRequest(b *testing.B) {
	srv := newBenchServer(b, false)
	unchecked := newBenchServer(b, true)
	for _, c := range benchCases {
		warm := httptest.NewRecorder()
		srv.ServeHTTP(warm, newRequest(c))
		if warm.Code >= 300 {
			b.Fatalf("%s answered %d: %s", c.name, warm.Code, warm.Body.String())
		}
		static := warm.Body.Bytes()
		bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(static)
		})
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"validated", srv}, {"responses-unchecked", unchecked}, {"bare", bare}} {
			b.Run(c.name+"/"+h.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					w := httptest.NewRecorder()
					h.h.ServeHTTP(w, newRequest(c))
					if w.Code >= 300 {
						b.Fatalf("status %d", w.Code)
					}
				}
			})
		}
	}
}

// BenchmarkStartup measures building a server (both specs loaded and
// validated, scenarios resolved) and opening its listener. Target: < 150 ms.
func BenchmarkStartup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := mockserver.New(mockserver.Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		srv := &http.Server{Handler: s}
		go func() { _ = srv.Serve(ln) }()
		_ = srv.Close()
	}
}
