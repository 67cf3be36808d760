package sim

import (
	"fmt"
	"math"
	"sync"
	"time"
)

// Clock is the server's single source of time. It runs with real time from a
// start instant (so generated data is identical from day to day when the start
// is pinned) and can be moved forward, never backward. A frozen clock moves
// only when advanced, which makes a whole test run repeatable to the byte.
type Clock struct {
	real   func() time.Time // wall clock, injectable for tests
	frozen bool

	mu        sync.Mutex    // guards the fields below
	start     time.Time     // virtual time at realStart
	realStart time.Time     // wall-clock instant the clock was started
	offset    time.Duration // total of all Advance calls
}

// NewClock returns a clock reading start now and running with real time
// (or standing still when frozen). A zero start means the current wall time.
// real is the wall clock; nil means time.Now.
func NewClock(start time.Time, frozen bool, real func() time.Time) *Clock {
	if real == nil {
		real = time.Now
	}
	now := real()
	if start.IsZero() {
		start = now
	}
	return &Clock{real: real, frozen: frozen, start: start.UTC(), realStart: now}
}

// Now returns the current virtual time in UTC.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *Clock) nowLocked() time.Time {
	t := c.start.Add(c.offset)
	if !c.frozen {
		t = t.Add(c.real().Sub(c.realStart))
	}
	return t.UTC()
}

// Advance moves the clock forward by d and returns the new time. A negative
// duration is an error: simulated work cannot be undone. So is an advance
// that would take the total past the longest duration (about 292 years):
// the offset would wrap around and the clock jump backward.
func (c *Clock) Advance(d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, fmt.Errorf("clock: cannot move backward by %s", d)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > math.MaxInt64-c.offset {
		return time.Time{}, fmt.Errorf("clock: cannot advance by %s: the total advance would exceed %s", d, time.Duration(math.MaxInt64))
	}
	c.offset += d
	return c.nowLocked(), nil
}

// Start returns the instant the clock started from.
func (c *Clock) Start() time.Time { return c.start }

// Frozen reports whether the clock only moves when advanced.
func (c *Clock) Frozen() bool { return c.frozen }

// Offset returns the total duration the clock has been advanced by.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}
