package tests

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/tests/load/driver"
)

// TestSoak is the CI-sized soak: mixed traffic from the load driver against
// the real binary with --max-tenants and --journal-size at their defaults,
// in two generations of tenants (each verified, then reset as a finished CI
// job would). Nothing may be lost, every status must be one the request
// allows, RSS must stay under 100 MiB without an upward trend after
// warm-up, and the descriptors must come back to their idle count. The full
// run (one million requests) is `go run ./tests/load -requests 1000000
// -generation 100000 -pid <pid>`.
func TestSoak(t *testing.T) {
	t.Parallel()
	p := startMock(t, serverFlags{})
	idle := p.proc(t)

	var sent atomic.Int64
	sampler := driver.StartSampler(p.pid(), 200*time.Millisecond, &sent)
	res, err := driver.Run(context.Background(), driver.Config{
		URL: p.URL, Requests: soakRequests, Generation: soakRequests / 2, Concurrency: 32,
		SkyLightTenants: 8, KonnectorTenants: 48, Seed: 11, Counter: &sent,
	})
	samples, serr := sampler.Stop()
	require.NoError(t, err)
	require.NoError(t, serr)
	after, err := driver.SettleFDs(p.pid(), idle.FDs, 10*time.Second)
	require.NoError(t, err)
	after.Requests = sent.Load()

	var report strings.Builder
	res.Print(&report)
	soak := driver.AnalyzeSoak(idle, samples, after, 100<<10)
	soak.Print(&report)
	t.Log("\n" + report.String())
	require.Empty(t, res.Failures())
	require.Empty(t, soak.Failures)
	require.GreaterOrEqual(t, res.Requests, int64(soakRequests))
	require.Equal(t, 16, res.Verify.Tenants, "eight SkyLight tenants in each of two generations")
	require.Positive(t, res.Verify.Campaigns)
	require.Positive(t, res.Verify.Messages)
}
