package mockserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// endpointCases are the four endpoints of issue 15's table (bench/run.sh
// measures the same ones over HTTP); keep the two lists in step.
var endpointCases = []benchCase{
	{"SkyLightOverview", http.MethodGet, "/api/v1/linkedin/overview", "", "X-Api-Key"},
	{"SkyLightSearch", http.MethodPost, "/api/v1/linkedin/sourcing/search", `{"title":"Marketing Manager","limit":10}`, "X-Api-Key"},
	{"KonnectorFilters", http.MethodGet, "/social_app/api/v1/third_party/user-campaign-filters", "", "Authorization"},
	{"KonnectorCampaignInfo", http.MethodPost, "/social_app/api/v1/third_party/campaign-info", `{"limit":10}`, "Authorization"},
}

// BenchmarkEndpoint runs each endpoint through the whole server (pipeline,
// handler, response validation on) with one API key, serially and from
// parallel goroutines; run it with -cpuprofile to see where a request's time
// goes. The parallel variant shows what a per-key lock costs.
func BenchmarkEndpoint(b *testing.B) {
	srv := newBenchServer(b, false)
	for _, c := range endpointCases {
		serve := func(b *testing.B) {
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, newRequest(c))
			if w.Code >= 300 {
				b.Fatalf("%s answered %d: %s", c.name, w.Code, w.Body.String())
			}
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				serve(b)
			}
		})
		b.Run(c.name+"/parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					serve(b)
				}
			})
		})
	}
}

// BenchmarkFirstRequest is the first request of a new API key: its world is
// generated (default sizes) and the request runs through the pipeline.
func BenchmarkFirstRequest(b *testing.B) {
	srv := newBenchServer(b, false)
	var n atomic.Int64
	for _, c := range endpointCases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := newRequest(c)
				r.Header.Set(c.keyHeader, fmt.Sprintf("fresh-%d", n.Add(1)))
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				if w.Code >= 300 {
					b.Fatalf("%s answered %d: %s", c.name, w.Code, w.Body.String())
				}
			}
		})
	}
}
