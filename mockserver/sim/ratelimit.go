package sim

import (
	"sync"
	"time"
)

// Limits are request budgets per fixed window. Zero means unlimited.
type Limits struct {
	PerMinute int
	PerDay    int
}

// Enabled reports whether any limit applies.
func (l Limits) Enabled() bool { return l.PerMinute > 0 || l.PerDay > 0 }

// Decision is the outcome of counting one request against Limits.
type Decision struct {
	Allowed         bool
	Limits          Limits
	RemainingMinute int           // requests left in the current minute window (0 if unlimited)
	RemainingDay    int           // requests left in the current day window (0 if unlimited)
	RetryAfter      time.Duration // when refused: time until the exhausted window frees
	Window          string        // when refused: "minute" or "day"
	// Reset is the end of the window that limits next: the minute window's,
	// or the day window's when the day budget is used up (zero when the
	// decision was not counted against windows).
	Reset time.Time
}

// Windows counts requests in the current minute and day windows. Windows are
// aligned to the clock (minute boundaries, UTC midnight), so advancing the
// virtual clock resets them without sleeping.
type Windows struct {
	MinuteStart time.Time
	MinuteCount int
	DayStart    time.Time
	DayCount    int
}

// Decide counts a request at now against lim and returns the updated windows
// and the decision. It is a pure function: the caller stores the windows. A
// refused request is not counted, so a client that keeps retrying does not
// push its own reset further away.
func Decide(w Windows, lim Limits, now time.Time) (Windows, Decision) {
	w = roll(w, now)
	d := Decision{Limits: lim, Allowed: true}
	switch {
	case lim.PerDay > 0 && w.DayCount >= lim.PerDay:
		d.Allowed, d.Window, d.RetryAfter = false, "day", w.DayStart.Add(24*time.Hour).Sub(now)
	case lim.PerMinute > 0 && w.MinuteCount >= lim.PerMinute:
		d.Allowed, d.Window, d.RetryAfter = false, "minute", w.MinuteStart.Add(time.Minute).Sub(now)
	default:
		w.MinuteCount++
		w.DayCount++
	}
	return w, withRemaining(d, w)
}

// roll starts new windows when now has left the stored ones.
func roll(w Windows, now time.Time) Windows {
	now = now.UTC()
	minute := now.Truncate(time.Minute)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if !w.MinuteStart.Equal(minute) {
		w.MinuteStart, w.MinuteCount = minute, 0
	}
	if !w.DayStart.Equal(day) {
		w.DayStart, w.DayCount = day, 0
	}
	return w
}

func withRemaining(d Decision, w Windows) Decision {
	d.RemainingMinute = remaining(d.Limits.PerMinute, w.MinuteCount)
	d.RemainingDay = remaining(d.Limits.PerDay, w.DayCount)
	d.Reset = w.MinuteStart.Add(time.Minute)
	if d.Limits.PerDay > 0 && d.RemainingDay == 0 {
		d.Reset = w.DayStart.Add(24 * time.Hour)
	}
	return d
}

func remaining(limit, used int) int {
	if limit <= 0 || used >= limit {
		return 0
	}
	return limit - used
}

// Limiter is a Windows guarded by a mutex: the per-tenant rate-limit state.
type Limiter struct {
	mu sync.Mutex // guards w
	w  Windows
}

// Allow counts one request at now against lim.
func (l *Limiter) Allow(lim Limits, now time.Time) Decision {
	l.mu.Lock()
	defer l.mu.Unlock()
	var d Decision
	l.w, d = Decide(l.w, lim, now)
	return d
}
