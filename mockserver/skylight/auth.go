package skylight

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// apiKey reads the key from X-Api-Key, else from `Authorization: Bearer`.
// A missing key, or an Authorization header of another scheme, is a 401.
func apiKey(h http.Header) (string, error) {
	if key := strings.TrimSpace(h.Get("X-Api-Key")); key != "" {
		return key, nil
	}
	auth := strings.TrimSpace(h.Get("Authorization"))
	scheme, key, _ := strings.Cut(auth, " ")
	if strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(key) != "" {
		return strings.TrimSpace(key), nil
	}
	return "", errors.New(msgUnauthenticated)
}

// writeRateLimit writes X-RateLimit-Limit, -Remaining and -Reset (Unix
// seconds of the limiting window's end, on the virtual clock). No headers
// when the scenario turns the limit off.
func writeRateLimit(h http.Header, d sim.Decision, clock *sim.Clock) {
	lim := d.Limits
	if !lim.Enabled() {
		return
	}
	limit, left := lim.PerMinute, d.RemainingMinute
	if limit == 0 || (lim.PerDay > 0 && d.RemainingDay < left) {
		limit, left = lim.PerDay, d.RemainingDay
	}
	reset := d.Reset
	if reset.IsZero() {
		var now time.Time
		if clock != nil {
			now = clock.Now()
		}
		reset = now.UTC().Truncate(time.Minute).Add(time.Minute)
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(left))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
}
