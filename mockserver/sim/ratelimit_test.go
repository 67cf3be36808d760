package sim

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDecide(t *testing.T) {
	t0 := time.Date(2025, 5, 11, 9, 0, 15, 0, time.UTC)
	lim := Limits{PerMinute: 2, PerDay: 3}
	tests := []struct {
		name      string
		w         Windows
		now       time.Time
		allowed   bool
		window    string
		retry     time.Duration
		remMinute int
		remDay    int
	}{
		{"first request", Windows{}, t0, true, "", 0, 1, 2},
		{"minute full", Windows{MinuteStart: t0.Truncate(time.Minute), MinuteCount: 2, DayStart: day(t0), DayCount: 2}, t0, false, "minute", 45 * time.Second, 0, 1},
		{"next minute frees", Windows{MinuteStart: t0.Truncate(time.Minute), MinuteCount: 2, DayStart: day(t0), DayCount: 2}, t0.Add(time.Minute), true, "", 0, 1, 0},
		{"day full wins", Windows{MinuteStart: t0.Truncate(time.Minute), MinuteCount: 0, DayStart: day(t0), DayCount: 3}, t0, false, "day", 24*time.Hour - 9*time.Hour - 15*time.Second, 2, 0},
		{"next day frees", Windows{MinuteStart: t0.Truncate(time.Minute), DayStart: day(t0), DayCount: 3}, t0.Add(15 * time.Hour), true, "", 0, 1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, d := Decide(tc.w, lim, tc.now)
			require.Equal(t, tc.allowed, d.Allowed)
			require.Equal(t, tc.window, d.Window)
			require.Equal(t, tc.retry, d.RetryAfter)
			require.Equal(t, tc.remMinute, d.RemainingMinute)
			require.Equal(t, tc.remDay, d.RemainingDay)
		})
	}
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func TestLimiterExactUnderConcurrency(t *testing.T) {
	var l Limiter
	lim := Limits{PerMinute: 50, PerDay: 1000}
	now := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	var ok atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l.Allow(lim, now).Allowed {
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	require.Equal(t, int64(50), ok.Load())
	require.False(t, l.Allow(lim, now).Allowed, "the minute is spent")
	require.Equal(t, 49, l.Allow(lim, now.Add(time.Minute)).RemainingMinute, "the next minute starts afresh")
}
