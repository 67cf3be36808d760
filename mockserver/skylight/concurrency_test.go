package skylight_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParallelQuotaConsumers sends more parallel requests than a quota has
// units left: exactly `remaining` succeed, the others get the quota's 403,
// and the quota ends at 0, never below. Run with -race.
func TestParallelQuotaConsumers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		quota, method, path, code string
	}{
		{"max_recruiter_ai_screens", "POST", "/ai-screen", "insufficient_recruiter_ai_screens_limit"},
		{"max_recruiter_resume_downloads", "GET", "/resume", "insufficient_recruiter_resume_downloads_limit"},
	}
	for _, tc := range cases {
		t.Run(tc.quota, func(t *testing.T) {
			c := newClient(t, "")
			a := firstApplicant(t, c)
			used, remaining := c.quota(tc.quota)
			n := remaining + 40
			var okN, refused atomic.Int64
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := c.srv.SkyLight(c.key, tc.method, "/linkedin/recruiter/applicants/"+a+tc.path, nil, c.header...)
					switch {
					case r.Status == 200:
						okN.Add(1)
					case r.Status == 403 && r.Map()["error"] == tc.code:
						refused.Add(1)
					}
				}()
			}
			wg.Wait()
			require.Equal(t, int64(remaining), okN.Load())
			require.Equal(t, int64(40), refused.Load())
			nowUsed, nowLeft := c.quota(tc.quota)
			require.Equal(t, used+remaining, nowUsed)
			require.Equal(t, 0, nowLeft)
		})
	}
}

// TestParallelJobPublishing publishes more jobs at once than the plan allows.
func TestParallelJobPublishing(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	_, remaining := c.quota("max_linkedin_jobs")
	var okN atomic.Int64
	var wg sync.WaitGroup
	for range remaining + 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c.srv.SkyLight(c.key, "POST", jobs, docJob(true), c.header...).Status == 201 {
				okN.Add(1)
			}
		}()
	}
	wg.Wait()
	require.Equal(t, int64(remaining), okN.Load())
	_, left := c.quota("max_linkedin_jobs")
	require.Equal(t, 0, left)
}
