package konnector_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// konnectorBenchCases are the Konnector requests whose simulation cost the
// benchmark measures: campaign-info with limit 10 (the ~50 KB answer), the
// dashboard and one routine.
var konnectorBenchCases = []struct{ name, method, path, body string }{
	{"campaign-info-limit10", http.MethodPost, "/campaign-info", `{"limit":10}`},
	{"campaign-info-limit100", http.MethodPost, "/campaign-info", `{"limit":100,"start_date":"2025-02-10"}`},
	{"dashboard-info", http.MethodGet, "/dashboard-info", ""},
}

// BenchmarkKonnector serves each case in-process (no network) through the
// whole pipeline, with response validation on ("validated") and off
// ("unchecked"), on a frozen clock and without the rate limit.
func BenchmarkKonnector(b *testing.B) {
	for _, validate := range []bool{true, false} {
		srv, err := mockserver.New(mockserver.Options{Seed: 1, ClockStart: mocktest.ClockStart(), ClockFrozen: true,
			Scenario: "unlimited", ScenariosDir: scenarioDir(b), SkipResponseValidation: !validate})
		if err != nil {
			b.Fatal(err)
		}
		mode := "validated"
		if !validate {
			mode = "unchecked"
		}
		for _, c := range konnectorBenchCases {
			req := func() *http.Request {
				r := httptest.NewRequest(c.method, "/social_app/api/v1/third_party"+c.path, strings.NewReader(c.body))
				r.Header.Set("Authorization", "bench-key")
				if c.body != "" {
					r.Header.Set("Content-Type", "application/json")
				}
				return r
			}
			warm := httptest.NewRecorder()
			srv.ServeHTTP(warm, req())
			if warm.Code != http.StatusOK {
				b.Fatalf("%s answered %d: %s", c.name, warm.Code, warm.Body.String())
			}
			b.Run(c.name+"/"+mode, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(warm.Body.Len()))
				for i := 0; i < b.N; i++ {
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req())
					if w.Code != http.StatusOK {
						b.Fatalf("%s answered %d", c.name, w.Code)
					}
				}
			})
		}
	}
}
