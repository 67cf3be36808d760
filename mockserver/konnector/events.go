package konnector

import (
	"math"
	"time"
)

// events are a routine's activity on one day, or summed over days. Every
// figure of the API is a sum of events: the dashboard's series and totals,
// campaign-info's rows, optimized_routine_data's metrics and the steps'
// counters.
type events struct {
	members  int // members (prospects) added to the campaign
	requests int // connection requests sent
	accepts  int // connection requests accepted (never more than requests on the same day)
	// Messages: the first message after an accepted request, and the
	// follow-up; replies to each (never more than sent on the same day).
	firstSent, firstReplied   int
	followSent, followReplied int
}

// sent is the number of messages sent.
func (e events) sent() int { return e.firstSent + e.followSent }

// replied is the number of replies received.
func (e events) replied() int { return e.firstReplied + e.followReplied }

// add sums o into e.
func (e *events) add(o events) {
	e.members += o.members
	e.requests += o.requests
	e.accepts += o.accepts
	e.firstSent += o.firstSent
	e.firstReplied += o.firstReplied
	e.followSent += o.followSent
	e.followReplied += o.followReplied
}

// eventsOn returns the routine's events on day d: a pure function of the
// routine's drawn parameters and d, so the days after the clock's start are
// revealed, always the same, as the clock reaches them. It does not look at
// the clock: callers give no day after today.
func (r *routine) eventsOn(d day) events {
	if d == r.created && r.imported > 0 {
		return events{members: r.imported}
	}
	if d < r.runFrom || d > r.runTo || (d >= r.pauseFrom && d <= r.pauseTo) {
		return events{}
	}
	m := mix{s: r.seed ^ uint64(int64(d))*0xd1b54a32d192ed03}
	base := r.intensity
	if wd := d.weekday(); wd == time.Saturday || wd == time.Sunday {
		base /= 4
	}
	e := events{requests: base/2 + m.intn(base+1)}
	e.accepts = m.portion(e.requests, r.acceptRate)
	e.members = e.requests + m.intn(e.requests/4+1)
	if r.hasFirst {
		e.firstSent = e.accepts
		e.firstReplied = m.portion(e.firstSent, r.replyRate)
	}
	if r.hasFollow {
		e.followSent = m.portion(e.accepts, r.followRate)
		e.followReplied = m.portion(e.followSent, r.replyRate/2)
	}
	return e
}

// lastActive is the last day the routine can have events.
func (r *routine) lastActive() day { return max(r.created, r.runTo) }

// revealed returns the part of rg up to today in which the routine can have
// events, and false when there is none.
func (r *routine) revealed(rg dateRange, today day) (dateRange, bool) {
	return rg.intersect(r.created, min(today, r.lastActive()))
}

// each calls fn with the routine's events on each date of rg up to today
// that can have any, and the date's index in rg. The events come from the
// routine's cached history.
func (r *routine) each(rg dateRange, today day, fn func(i int, e events)) {
	in, ok := r.revealed(rg, today)
	if !ok {
		return
	}
	h := r.historyThrough(in.to)
	for d := in.from; d <= in.to; d++ {
		fn(int(d-rg.from), h.on(d))
	}
}

// total sums the routine's events over the dates of rg up to today: two
// lookups in its cached history.
func (r *routine) total(rg dateRange, today day) events {
	in, ok := r.revealed(rg, today)
	if !ok {
		return events{}
	}
	return r.historyThrough(in.to).sum(in.from, in.to)
}

// lifetime sums the routine's events from its creation to today.
func (r *routine) lifetime(today day) events {
	return r.total(dateRange{from: r.created, to: today}, today)
}

// series returns the routine's events on each date of rg, in date order;
// dates after today are zero.
func (r *routine) series(rg dateRange, today day) []events {
	out := make([]events, rg.len())
	r.each(rg, today, func(i int, e events) { out[i] = e })
	return out
}

// percent is a/b*100 rounded to one decimal, half away from zero; 0 when b is 0.
func percent(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)*1000/float64(b)) / 10
}

// mix is a splitmix64 generator: the cheap per-(routine, day) randomness of
// events.
type mix struct{ s uint64 }

func (m *mix) next() uint64 {
	m.s += 0x9e3779b97f4a7c15
	z := m.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); n must be positive.
func (m *mix) intn(n int) int { return int(m.next() % uint64(n)) }

// portion returns about n*p (0 <= p <= 1), rounded at random, never above n.
func (m *mix) portion(n int, p float64) int {
	u := float64(m.next()>>11) / (1 << 53)
	return min(n, int(float64(n)*p+u))
}
