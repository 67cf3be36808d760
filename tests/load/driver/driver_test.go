package driver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/tests/load/driver"
)

// startMock serves an in-process mock with response validation on and a
// running clock, as the binary does by default.
func startMock(t *testing.T) *httptest.Server {
	t.Helper()
	s, err := mockserver.New(mockserver.Options{Seed: 1})
	require.NoError(t, err)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

// settleGoroutines waits for the goroutine count to fall back to at most
// want and returns the last count.
func settleGoroutines(want int, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRunAgainstMock runs the mixed traffic for a moment: every status is
// one the request allows, nothing is lost, both vendors are exercised, and
// the server's goroutines go back to their idle count once the driver's
// connections close.
func TestRunAgainstMock(t *testing.T) {
	srv := startMock(t)
	idle := runtime.NumGoroutine()
	res, err := driver.Run(context.Background(), driver.Config{
		URL: srv.URL, Duration: 1500 * time.Millisecond, Concurrency: 8,
		SkyLightTenants: 4, KonnectorTenants: 16, Seed: 7,
	})
	require.NoError(t, err)
	var report strings.Builder
	res.Print(&report)
	t.Log("\n" + report.String())
	require.Empty(t, res.Failures())
	require.Greater(t, res.Requests, int64(50))
	require.Positive(t, res.ByVendor["skylight"])
	require.Positive(t, res.ByVendor["konnector"])
	require.Positive(t, res.Expected4xx, "the traffic includes bad requests")
	require.Positive(t, res.Verify.Campaigns)
	require.Positive(t, res.Verify.Messages)
	require.Positive(t, res.Verify.Jobs)
	require.Equal(t, 12, res.Verify.Quotas)
	require.Less(t, res.P50, res.P99+1)

	n := settleGoroutines(idle, 5*time.Second)
	require.LessOrEqual(t, n, idle, "goroutines after the run: %d, idle: %d", n, idle)
}

// TestGenerationsResetTenants runs three generations: each is verified and
// then reset through the admin API, so the server holds no tenant at the end.
func TestGenerationsResetTenants(t *testing.T) {
	srv := startMock(t)
	res, err := driver.Run(context.Background(), driver.Config{
		URL: srv.URL, Requests: 600, Generation: 200, Concurrency: 4,
		SkyLightTenants: 2, KonnectorTenants: 8, Seed: 3,
	})
	require.NoError(t, err)
	require.Empty(t, res.Failures())
	require.GreaterOrEqual(t, res.Requests, int64(600))
	require.Equal(t, 6, res.Verify.Tenants, "two SkyLight tenants in each of three generations")

	resp, err := http.Get(srv.URL + "/__admin/tenants")
	require.NoError(t, err)
	defer resp.Body.Close()
	var held struct {
		Held int `json:"held"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&held))
	require.Zero(t, held.Held)
}

// TestRunAgainstBare sends the same traffic to the bare handler: every
// answer is its static JSON and nothing is checked.
func TestRunAgainstBare(t *testing.T) {
	srv := httptest.NewServer(driver.BareHandler(600))
	defer srv.Close()
	res, err := driver.Run(context.Background(), driver.Config{URL: srv.URL, Duration: 300 * time.Millisecond, Concurrency: 4, Bare: true})
	require.NoError(t, err)
	require.Empty(t, res.Failures())
	require.Positive(t, res.Requests)
	require.Equal(t, res.Requests, res.Status[http.StatusOK])
	require.InDelta(t, 600, res.MeanResponseBytes(), 2)
}

// TestAnalyzeSoak checks the soak verdicts on made-up samples.
func TestAnalyzeSoak(t *testing.T) {
	flat := func(rss ...int64) []driver.ProcSample {
		var out []driver.ProcSample
		for _, r := range rss {
			out = append(out, driver.ProcSample{RSSKiB: r * 1024, FDs: 12})
		}
		return out
	}
	idle := driver.ProcSample{RSSKiB: 20 << 10, FDs: 10}
	tests := []struct {
		name    string
		samples []driver.ProcSample
		after   driver.ProcSample
		fails   []string
	}{
		{"flat", flat(30, 40, 42, 41, 43, 42, 41, 42), driver.ProcSample{RSSKiB: 40 << 10, FDs: 10}, nil},
		{"too big", flat(30, 90, 120, 110, 100, 100, 100, 100), driver.ProcSample{FDs: 10}, []string{"RSS peaked at 120.0 MiB"}},
		{"growing", flat(30, 40, 45, 50, 60, 70, 80, 90), driver.ProcSample{FDs: 10}, []string{"RSS trends upward"}},
		{"fd leak", flat(30, 40, 42, 41, 43, 42, 41, 42), driver.ProcSample{FDs: 15}, []string{"15 file descriptors open after the run, 10 before"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := driver.AnalyzeSoak(idle, tc.samples, tc.after, 100<<10)
			require.Len(t, r.Failures, len(tc.fails), "%v", r.Failures)
			for i, f := range tc.fails {
				require.Contains(t, r.Failures[i], f)
			}
		})
	}
}

// TestRateIsPaced: with a rate, the traffic is spaced out evenly instead of
// sent as fast as possible.
func TestRateIsPaced(t *testing.T) {
	srv := httptest.NewServer(driver.BareHandler(100))
	defer srv.Close()
	res, err := driver.Run(context.Background(), driver.Config{URL: srv.URL, Duration: time.Second, Concurrency: 8, Bare: true, Rate: 200})
	require.NoError(t, err)
	require.Empty(t, res.Failures())
	require.InDelta(t, 200, res.Requests, 60, "about 200 operations in a second (campaign paging sends a few more requests)")
}
