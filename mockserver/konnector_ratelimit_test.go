package mockserver_test

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// limitHeaders reads the four X-RateLimit-* headers.
func limitHeaders(t *testing.T, r *mocktest.Response) (limitMinute, remainingMinute, limitDay, remainingDay int) {
	t.Helper()
	get := func(h string) int {
		n, err := strconv.Atoi(r.Header.Get(h))
		require.NoError(t, err, "header %s", h)
		return n
	}
	return get("X-RateLimit-Limit-Minute"), get("X-RateLimit-Remaining-Minute"), get("X-RateLimit-Limit-Day"), get("X-RateLimit-Remaining-Day")
}

// requireRateLimited checks a 429 against the doc's body: data.retry_after
// is retryAfter (seconds for the minute limit, hours for the day's, as the
// drafts say), the Retry-After header header seconds.
func requireRateLimited(t *testing.T, r *mocktest.Response, message string, retryAfter, header int, info map[string]any) {
	t.Helper()
	requireError(t, r, http.StatusTooManyRequests, "RATE_LIMIT_EXCEEDED", message)
	d := data(r)
	require.Equal(t, "Too many requests", d["error"])
	require.Equal(t, float64(retryAfter), d["retry_after"])
	require.Equal(t, strconv.Itoa(header), r.Header.Get("Retry-After"))
	require.Equal(t, info, d["rate_limit_info"])
}

func TestRateLimitPerMinuteAsDocumented(t *testing.T) {
	srv := start(t, 1, "")
	for i := range 100 {
		r := call(t, srv, key, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK)
		lm, rm, ld, rd := limitHeaders(t, r)
		require.Equal(t, []int{100, 99 - i, 5000, 4999 - i}, []int{lm, rm, ld, rd}, "request %d", i+1)
	}
	r := call(t, srv, key, http.MethodGet, "/dashboard-info", nil, http.StatusTooManyRequests)
	requireRateLimited(t, r, "Rate limit exceeded. Maximum 100 requests per minute allowed.", 60, 60,
		map[string]any{"limit_minute": float64(100), "remaining_minute": float64(0), "limit_day": float64(5000), "remaining_day": float64(4900)})
	_, rm, _, rd := limitHeaders(t, r)
	require.Equal(t, []int{0, 4900}, []int{rm, rd})

	// 15 seconds later the window frees in 45 seconds, as in the doc's example.
	_, err := srv.Mock.Clock().Advance(15 * time.Second)
	require.NoError(t, err)
	r = call(t, srv, key, http.MethodGet, "/campaign-info", nil, http.StatusTooManyRequests)
	require.Equal(t, float64(45), data(r)["retry_after"])
	require.Equal(t, "45", r.Header.Get("Retry-After"))

	// Another key is another tenant with its own budget.
	r = call(t, srv, "another-key", http.MethodGet, "/user-campaign-filters", nil, http.StatusOK)
	_, rm, _, _ = limitHeaders(t, r)
	require.Equal(t, 99, rm)
}

func TestRateLimitCountsFailedRequests(t *testing.T) {
	srv := start(t, 1, "")
	failures := []struct {
		method, path string
		body         any
		status       int
	}{
		{http.MethodGet, "/dashboard-info?start_date=2025-02-30", nil, 400},
		{http.MethodGet, "/dashboard-info?linkedin_user_information_ids=encrypted_id_string_1", nil, 400},
		{http.MethodPost, "/campaign-info", map[string]any{"limit": 1000}, 400},
		{http.MethodPost, "/create-api-key", nil, 401},
		{http.MethodGet, "/optimized_routine_data?linkedin_campaign_routine_id=encrypted_id_string", nil, 400},
		{http.MethodGet, "/no-such-path", nil, 404},
		{http.MethodDelete, "/campaign-info", nil, 405},
	}
	for i, f := range failures {
		r := srv.Konnector(key, f.method, f.path, f.body)
		require.Equal(t, f.status, r.Status, "%s %s: %s", f.method, f.path, r.Raw)
		_, rm, _, rd := limitHeaders(t, r)
		require.Equal(t, []int{99 - i, 4999 - i}, []int{rm, rd}, "%s %s counts", f.method, f.path)
	}
	r := call(t, srv, key, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK)
	_, rm, _, _ := limitHeaders(t, r)
	require.Equal(t, 100-len(failures)-1, rm)
}

func TestRateLimitIsExactUnderConcurrency(t *testing.T) {
	tests := []struct {
		scenario string
		limit, n int
	}{
		{"default", 100, 160},
		{"rate-limited", 3, 24},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			srv := start(t, 1, tc.scenario)
			var (
				wg        sync.WaitGroup
				mu        sync.Mutex // guards statuses, remaining
				statuses  = map[int]int{}
				remaining []int
			)
			for i := range tc.n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					path := "/user-campaign-filters"
					if i%2 == 1 {
						path = "/dashboard-info"
					}
					r := srv.Konnector(key, http.MethodGet, path, nil)
					rm, err := strconv.Atoi(r.Header.Get("X-RateLimit-Remaining-Minute"))
					mu.Lock()
					defer mu.Unlock()
					statuses[r.Status]++
					if r.Status == http.StatusOK && err == nil {
						remaining = append(remaining, rm)
					}
				}()
			}
			wg.Wait()
			require.Equal(t, map[int]int{200: tc.limit, 429: tc.n - tc.limit}, statuses)
			slices.Sort(remaining)
			want := make([]int, tc.limit)
			for i := range want {
				want[i] = i
			}
			require.Equal(t, want, remaining, "each success saw its own count")
		})
	}
}

func TestRateLimitWindowsFollowTheVirtualClock(t *testing.T) {
	srv := start(t, 1, "rate-limited")
	clock := srv.Mock.Clock()
	info := func(remainingMinute, remainingDay int) map[string]any {
		return map[string]any{"limit_minute": float64(3), "remaining_minute": float64(remainingMinute),
			"limit_day": float64(10), "remaining_day": float64(remainingDay)}
	}
	successes := 0
	for minute := 0; successes < 10; minute++ {
		for range 3 {
			if successes == 10 {
				break
			}
			r := call(t, srv, key, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK)
			successes++
			_, rm, _, rd := limitHeaders(t, r)
			require.Equal(t, 10-successes, rd)
			require.GreaterOrEqual(t, rm, 0)
		}
		if successes < 10 {
			r := call(t, srv, key, http.MethodGet, "/user-campaign-filters", nil, http.StatusTooManyRequests)
			requireRateLimited(t, r, "Rate limit exceeded. Maximum 3 requests per minute allowed.", 60, 60, info(0, 10-successes))
			_, err := clock.Advance(time.Minute)
			require.NoError(t, err)
		}
	}
	// The day's budget is spent: the answer names the day and waits for
	// midnight UTC (the clock reads 09:03 UTC): retry_after in whole hours,
	// rounded up (14 h 57 min: 15), Retry-After in seconds.
	_, err := clock.Advance(time.Minute)
	require.NoError(t, err)
	r := call(t, srv, key, http.MethodGet, "/dashboard-info", nil, http.StatusTooManyRequests)
	wait := int(time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC).Sub(clock.Now()).Seconds())
	require.Equal(t, 15, (wait+3599)/3600)
	requireRateLimited(t, r, "Rate limit exceeded. Maximum 10 requests per day allowed.", 15, wait, info(3, 0))

	_, err = clock.Advance(time.Duration(wait) * time.Second)
	require.NoError(t, err)
	r = call(t, srv, key, http.MethodGet, "/dashboard-info", nil, http.StatusOK)
	lm, rm, ld, rd := limitHeaders(t, r)
	require.Equal(t, []int{3, 2, 10, 9}, []int{lm, rm, ld, rd}, "a new day, a new budget")
}

func TestRateLimitHeadersOnEveryAnswer(t *testing.T) {
	srv := start(t, 1, "rate-limited")
	for _, tc := range []struct {
		name, key, path string
		status          int
	}{
		{"no key", "", "/user-campaign-filters", 401},
		{"success", key, "/user-campaign-filters", 200},
		{"bad request", key, "/campaign-info?limit=0", 400},
		{"not found", key, "/no-such-path", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := srv.Konnector(tc.key, http.MethodGet, tc.path, nil)
			require.Equal(t, tc.status, r.Status, "%s", r.Raw)
			lm, _, ld, _ := limitHeaders(t, r)
			require.Equal(t, []int{3, 10}, []int{lm, ld})
		})
	}
}
