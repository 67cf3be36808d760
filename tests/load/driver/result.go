package driver

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// stats is what one worker measured; workers never share one.
type stats struct {
	latencies  []time.Duration
	status     map[int]int64
	unexpected map[string]int64 // "op status" -> count
	samples    []string         // the first unexpected answers, for the report
	transport  map[string]int64 // op -> transport errors
	bytes      int64
	vendor     map[string]int64
	ops        map[string]int64
	opBytes    map[string]int64
	expected4  int64 // expected 4xx answers (bad requests, refused actions, quotas)
	limited    int64 // 429 answers (expected: Konnector's rate limit)
	slow       int64 // answers that took over a second
}

func newStats() stats {
	return stats{status: map[int]int64{}, unexpected: map[string]int64{}, transport: map[string]int64{},
		vendor: map[string]int64{}, ops: map[string]int64{}, opBytes: map[string]int64{}}
}

// maxSamples bounds the unexpected answers kept for the report.
const maxSamples = 12

// Result is what a run measured and verified.
type Result struct {
	// URL and Concurrency describe the run.
	URL         string
	Concurrency int
	Bare        bool
	// Requests is the number of measured requests (setup and verification
	// requests are not counted).
	Requests int64
	// Elapsed is the time the workers ran; Wall includes setup and checks.
	Elapsed, Wall time.Duration
	// P50, P95, P99, Max and Mean are request latencies as the client saw them.
	P50, P95, P99, Max, Mean time.Duration
	// Status counts answers by status.
	Status map[int]int64
	// Expected4xx counts the 4xx answers the traffic asked for; RateLimited
	// the 429s (included in Expected4xx); Slow the answers that took over a
	// second.
	Expected4xx, RateLimited, Slow int64
	// Unexpected counts answers whose status the request did not allow,
	// as "operation status"; Samples shows the first few.
	Unexpected map[string]int64
	Samples    []string
	// TransportErrors counts requests that got no answer, by operation.
	TransportErrors map[string]int64
	// ResponseBytes is the total size of the answers' bodies.
	ResponseBytes int64
	// ByVendor and ByOp count requests; OpBytes sums answer sizes by operation.
	ByVendor, ByOp, OpBytes map[string]int64
	// Verify is the nothing-lost check.
	Verify VerifyReport
	// Verbose adds the per-operation line to Print.
	Verbose bool

	latencies []time.Duration
}

func newResult(cfg Config) *Result {
	return &Result{URL: cfg.URL, Concurrency: cfg.Concurrency, Bare: cfg.Bare, Status: map[int]int64{},
		Unexpected: map[string]int64{}, TransportErrors: map[string]int64{}, ByVendor: map[string]int64{}, ByOp: map[string]int64{}, OpBytes: map[string]int64{}}
}

func (r *Result) merge(s *stats) {
	r.latencies = append(r.latencies, s.latencies...)
	r.Requests += int64(len(s.latencies))
	for k, v := range s.status {
		r.Status[k] += v
	}
	for k, v := range s.unexpected {
		r.Unexpected[k] += v
	}
	for k, v := range s.transport {
		r.TransportErrors[k] += v
	}
	for k, v := range s.vendor {
		r.ByVendor[k] += v
	}
	for k, v := range s.ops {
		r.ByOp[k] += v
	}
	for k, v := range s.opBytes {
		r.OpBytes[k] += v
	}
	for _, smp := range s.samples {
		if len(r.Samples) < maxSamples {
			r.Samples = append(r.Samples, smp)
		}
	}
	r.ResponseBytes += s.bytes
	r.Expected4xx += s.expected4
	r.RateLimited += s.limited
	r.Slow += s.slow
}

func (r *Result) finish(wall time.Duration) {
	r.Wall = wall
	if len(r.latencies) == 0 {
		return
	}
	slices.Sort(r.latencies)
	q := func(p float64) time.Duration {
		return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
	}
	r.P50, r.P95, r.P99, r.Max = q(0.50), q(0.95), q(0.99), r.latencies[len(r.latencies)-1]
	var sum time.Duration
	for _, l := range r.latencies {
		sum += l
	}
	r.Mean = sum / time.Duration(len(r.latencies))
	r.latencies = nil
}

// RPS is the measured throughput in requests per second.
func (r *Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// MeanResponseBytes is the average body size of the answers.
func (r *Result) MeanResponseBytes() int {
	if r.Requests == 0 {
		return 0
	}
	return int(r.ResponseBytes / r.Requests)
}

// Failures lists why the run failed: unexpected statuses, requests without
// an answer, or a failed nothing-lost check. Empty means it passed.
func (r *Result) Failures() []string {
	var out []string
	if n := sum(r.Unexpected); n > 0 {
		out = append(out, fmt.Sprintf("%d answers with an unexpected status: %s", n, mapLine(r.Unexpected)))
	}
	if n := sum(r.TransportErrors); n > 0 {
		out = append(out, fmt.Sprintf("%d requests without an answer: %s", n, mapLine(r.TransportErrors)))
	}
	if r.Requests == 0 {
		out = append(out, "no request was measured")
	}
	for _, p := range r.Verify.Problems {
		out = append(out, "lost or wrong: "+p)
	}
	return out
}

// Print writes the report.
func (r *Result) Print(w io.Writer) {
	kind := "mock"
	if r.Bare {
		kind = "bare"
	}
	fmt.Fprintf(w, "== %s %s, %d connections\n", kind, r.URL, r.Concurrency)
	fmt.Fprintf(w, "requests      %d in %s: %.0f req/s (mean body %d B)\n", r.Requests, r.Elapsed.Round(time.Millisecond), r.RPS(), r.MeanResponseBytes())
	fmt.Fprintf(w, "latency       p50 %s  p95 %s  p99 %s  max %s  mean %s; %d over 1s\n", ms(r.P50), ms(r.P95), ms(r.P99), ms(r.Max), ms(r.Mean), r.Slow)
	fmt.Fprintf(w, "by vendor     %s\n", mapLine(r.ByVendor))
	fmt.Fprintf(w, "by status     %s\n", statusLine(r.Status))
	if r.Verbose {
		fmt.Fprintf(w, "by operation  %s\n", r.opLine())
	}
	fmt.Fprintf(w, "expected 4xx  %d (%.1f%%), of which 429 %d\n", r.Expected4xx, pct(r.Expected4xx, r.Requests), r.RateLimited)
	fmt.Fprintf(w, "unexpected    %d %s\n", sum(r.Unexpected), mapLine(r.Unexpected))
	fmt.Fprintf(w, "no answer     %d %s\n", sum(r.TransportErrors), mapLine(r.TransportErrors))
	for _, s := range r.Samples {
		fmt.Fprintf(w, "  sample: %s\n", s)
	}
	if !r.Bare {
		r.Verify.Print(w)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func pct(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

func mapLine(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

func statusLine(m map[int]int64) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// opLine lists the operations with their count and mean answer size.
func (r *Result) opLine() string {
	keys := make([]string, 0, len(r.ByOp))
	for k := range r.ByOp {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d/%dB", k, r.ByOp[k], r.OpBytes[k]/max(1, r.ByOp[k])))
	}
	return strings.Join(parts, " ")
}
