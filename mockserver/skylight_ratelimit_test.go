package mockserver_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPublishedRateLimit: the default scenario limits a key to 120 requests
// a minute; every answer, errors included, carries X-RateLimit-Limit,
// -Remaining and -Reset (the Unix second the minute window ends, on the
// virtual clock); the 121st answers the published 429 with retry_after; a
// new minute resets the budget; Bearer and X-Api-Key count for one account.
func TestPublishedRateLimit(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "default")
	const reset = "1746954060" // 2025-05-11T09:01:00Z, the end of the clock's first minute
	paths := []struct {
		path   string
		status int
	}{{"/account/subscription", 200}, {"/contacts/999999/messages", 404}, {"/contacts?per_page=500", 422}}
	for i := 1; i <= 120; i++ {
		p := paths[i%len(paths)]
		hdr := c.header
		key := c.key
		if i%2 == 0 { // the same key as a bearer token is the same account
			key, hdr = "", append([]string{"Authorization", "Bearer " + c.key}, c.header...)
		}
		r := c.srv.SkyLight(key, "GET", p.path, nil, hdr...)
		require.Equal(t, p.status, r.Status, "request %d: %s", i, r.Raw)
		require.Equal(t, "120", r.Header.Get("X-RateLimit-Limit"))
		require.Equal(t, strconv.Itoa(120-i), r.Header.Get("X-RateLimit-Remaining"), "request %d", i)
		require.Equal(t, reset, r.Header.Get("X-RateLimit-Reset"))
	}
	r := c.do("GET", "/account/subscription", nil)
	require.Equal(t, 429, r.Status)
	require.Equal(t, map[string]any{"success": false, "message": "Too many requests. Please slow down.", "retry_after": float64(60)}, r.JSON)
	require.Equal(t, "60", r.Header.Get("Retry-After"))
	require.Equal(t, "0", r.Header.Get("X-RateLimit-Remaining"))

	c.advance(time.Minute)
	r = c.do("GET", "/account/subscription", nil)
	require.Equal(t, 200, r.Status)
	require.Equal(t, "119", r.Header.Get("X-RateLimit-Remaining"))
	require.Equal(t, "1746954120", r.Header.Get("X-RateLimit-Reset"))

	off := newSkyClient(t, "") // no-rate-limit: no headers
	require.Empty(t, off.do("GET", "/account/subscription", nil).Header.Get("X-RateLimit-Limit"))
}
