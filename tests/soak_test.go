package tests

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/internal/longtest"
	"github.com/linkedin-mock/linkedin-mock/tests/load/driver"
)

// TestSoak is the soak: mixed traffic from the load driver against the real
// binary with --max-tenants and --journal-size at their defaults, in
// generations of tenants (each verified, then reset as a finished CI job
// would). Nothing may be lost, every status must be one the request
// allows, RSS must stay under 100 MiB without an upward trend after
// warm-up, and the descriptors must come back to their idle count.
//
// By default it sends 2,000 requests in two generations; with
// LINKEDIN_MOCK_LONG=1 (CI) the README's million requests in ten (6,000 in
// two under -race). The same run by hand: `go run ./tests/load -requests
// 1000000 -generation 100000 -pid <pid>`.
func TestSoak(t *testing.T) {
	t.Parallel()
	size := longtest.Size(t, soakSize{requests: 2000, generations: 2}, soakFull)
	p := startMock(t, serverFlags{})
	idle := p.proc(t)

	var sent atomic.Int64
	sampler := driver.StartSampler(p.pid(), 200*time.Millisecond, &sent)
	res, err := driver.Run(context.Background(), driver.Config{
		URL: p.URL, Requests: int64(size.requests), Generation: int64(size.requests / size.generations), Concurrency: 32,
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
	require.GreaterOrEqual(t, res.Requests, int64(size.requests))
	require.Equal(t, 8*size.generations, res.Verify.Tenants, "eight SkyLight tenants in each generation")
	require.Positive(t, res.Verify.Campaigns)
	require.Positive(t, res.Verify.Messages)
}

// soakSize is how many requests the soak sends, in how many generations.
type soakSize struct{ requests, generations int }

// String reads as the log line of a brief run.
func (s soakSize) String() string {
	return fmt.Sprintf("%d requests in %d generations", s.requests, s.generations)
}
