package verify_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify/verifytest"
)

// limited answers Konnector's documented 429 with a Retry-After to the first
// `times` requests of every URL.
func limited(retryAfter string, times int) func(*http.Request, *verifytest.Answer) {
	var mu sync.Mutex
	seen := map[string]int{}
	return func(r *http.Request, a *verifytest.Answer) {
		mu.Lock()
		defer mu.Unlock()
		seen[r.URL.String()]++
		if seen[r.URL.String()] > times {
			return
		}
		a.Status = http.StatusTooManyRequests
		a.Header.Set("Retry-After", retryAfter)
		a.Header.Set("X-RateLimit-Remaining-Minute", "0")
		a.Body = []byte(`{"code":429,"status":false,"message":"Rate limit exceeded. Maximum 100 requests per minute allowed.",` +
			`"data":{"error":"Too many requests","error_code":"RATE_LIMIT_EXCEEDED","retry_after":7,` +
			`"request_id":"req_1","timestamp":"2025-05-11T14:30:45+05:30"}}`)
	}
}

func limitAll(fs *verifytest.Server, doc string, f func(*http.Request, *verifytest.Answer)) {
	d, _ := openapi.Load(doc)
	for _, op := range verify.Operations(d) {
		fs.Break(op.ID, f)
	}
}

func TestWaitsOutRetryAfterAndRetriesOnce(t *testing.T) {
	fs, base := fakeServer(t, openapi.Konnector)
	limitAll(fs, openapi.Konnector, limited("7", 1))
	var s noSleep
	rep := run(t, verify.Config{Vendor: "konnector", BaseURL: base, Sleep: s.sleep})
	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	require.True(t, rep.OK(), text.String())
	require.NotEmpty(t, s.waits)
	for _, w := range s.waits {
		require.Equal(t, 7*time.Second, w)
	}
	r := rep.Result("getDashboardInfo")
	require.Equal(t, verify.Passed, r.Outcome)
	require.Equal(t, []string{"429 Too Many Requests: waited 7s (Retry-After 7s) and retried once"}, r.Notes)
}

func TestRetryAfterIsCapped(t *testing.T) {
	fs, base := fakeServer(t, openapi.Konnector)
	limitAll(fs, openapi.Konnector, limited("3600", 1))
	var s noSleep
	rep := run(t, verify.Config{Vendor: "konnector", BaseURL: base, Sleep: s.sleep, MaxRetryWait: 2 * time.Second})
	require.True(t, rep.OK())
	for _, w := range s.waits {
		require.Equal(t, 2*time.Second, w)
	}
}

// TestStillLimitedIsNotHammered: a server that always answers 429 gets each
// request twice (the one retry), and the operations are skipped, not passed.
func TestStillLimitedIsNotHammered(t *testing.T) {
	fs, base := fakeServer(t, openapi.Konnector)
	limitAll(fs, openapi.Konnector, limited("1", 1<<30))
	var s noSleep
	rep := run(t, verify.Config{Vendor: "konnector", BaseURL: base, Sleep: s.sleep})
	r := rep.Result("getUserCampaignFilters")
	require.Equal(t, verify.Skipped, r.Outcome)
	require.Contains(t, r.Reason, "still rate limited")
	require.Equal(t, 4, fs.Hits("getUserCampaignFilters"),
		"two requests (discovery's, then the operation's own), each retried once, no more")
	r = rep.Result("getOptimizedRoutineData")
	require.Equal(t, verify.Skipped, r.Outcome)
	require.Contains(t, r.Reason, "answered 429")
	require.True(t, rep.OK(), "a rate-limited run fails nothing it could not check")
}

func TestRetryAfterForms(t *testing.T) {
	fs, base := fakeServer(t, openapi.Konnector)
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	limitAll(fs, openapi.Konnector, limited(date, 1))
	var s noSleep
	run(t, verify.Config{Vendor: "konnector", BaseURL: base, Sleep: s.sleep, MaxRetryWait: time.Hour})
	require.NotEmpty(t, s.waits)
	require.InDelta(t, 90, s.waits[0].Seconds(), 5, "an HTTP date is a wait until then")
}

// TestKeyNeverPrinted: even a server that echoes the key into its answers
// does not get it into the report, in either format.
func TestKeyNeverPrinted(t *testing.T) {
	fs, base := fakeServer(t, openapi.SkyLight)
	d, _ := openapi.Load(openapi.SkyLight)
	for _, op := range verify.Operations(d) {
		fs.Break(op.ID, func(r *http.Request, a *verifytest.Answer) {
			a.Status = http.StatusInternalServerError
			msg, _ := json.Marshal("bad key " + r.Header.Get("X-Api-Key"))
			a.Body = []byte(`{"success":false,"error":"internal_error","message":` + string(msg) + `,"echo":1}`)
		})
	}
	rep := run(t, verify.Config{Vendor: "skylight", BaseURL: base, AllowWrites: true})
	require.False(t, rep.OK())
	var text, js bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	require.NoError(t, rep.WriteJSON(&js))
	require.NotContains(t, text.String(), testKey)
	require.NotContains(t, js.String(), testKey)
	require.Contains(t, text.String(), "server error 500: bad key [redacted]")
	require.True(t, strings.Contains(js.String(), `"outcome": "failed"`))
}

// TestHangIsAFailure: an operation that does not answer within --timeout
// fails, and the run goes on.
func TestHangIsAFailure(t *testing.T) {
	fs, base := fakeServer(t, openapi.SkyLight)
	fs.Break("getSubscription", func(r *http.Request, _ *verifytest.Answer) { <-r.Context().Done() })
	rep := run(t, verify.Config{Vendor: "skylight", BaseURL: base, Timeout: 200 * time.Millisecond})
	r := rep.Result("getSubscription")
	require.Equal(t, verify.Failed, r.Outcome)
	require.Equal(t, []string{"request failed: no answer within 200ms"}, r.Violations)
	require.Equal(t, 1, rep.Failed, "the other operations were still verified")
}
