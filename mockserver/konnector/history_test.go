package konnector

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// TestHistoryEqualsTheEventsDayByDay: the cached running sums give, for any
// range and any today, exactly what walking eventsOn day by day gives, also
// after the cache has grown as the clock moved on, and with many readers at
// once (run with -race).
func TestHistoryEqualsTheEventsDayByDay(t *testing.T) {
	start := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	s := &scenarios.Settings{World: scenarios.World{Users: 3, Routines: 20, HistoryDays: 60}}
	w := newWorld(7, "history-key", s, start, fixtures.MustLoad())
	walk := func(r *routine, rg dateRange, today day) events {
		var sum events
		for d := rg.from; d <= rg.to && d <= today; d++ {
			if d >= r.created && d <= r.lastActive() {
				sum.add(r.eventsOn(d))
			}
		}
		return sum
	}
	today := dayOf(start)
	ranges := []dateRange{{today - 29, today}, {today - 90, today + 40}, {today - 3, today - 3}, {today + 1, today + 9}}
	for step := range 3 { // today, then two later days: the cache grows
		now := today + day(step*17)
		var wg sync.WaitGroup
		for _, r := range w.routines {
			for _, rg := range ranges {
				wg.Add(1)
				go func() {
					defer wg.Done()
					assert.Equal(t, walk(r, rg, now), r.total(rg, now), "routine %d, %v, today %v", r.number, rg, now)
					series := r.series(rg, now)
					for i, e := range series {
						d := rg.from + day(i)
						assert.Equal(t, walk(r, dateRange{d, d}, now), e)
					}
				}()
			}
		}
		wg.Wait()
	}
}

func TestDayStringMatchesTimeFormat(t *testing.T) {
	for d := day(-800000); d < 3000000; d += 97 {
		want := time.Unix(int64(d)*secondsPerDay, 0).UTC().Format(time.DateOnly)
		if got := d.String(); got != want {
			t.Fatalf("day %d: %s, want %s", d, got, want)
		}
	}
	for _, d := range []day{-1, 0, 1, 59, 60, 11016, 20219, 2932896, 2932897} {
		assert.Equal(t, time.Unix(int64(d)*secondsPerDay, 0).UTC().Format(time.DateOnly), d.String())
	}
}
