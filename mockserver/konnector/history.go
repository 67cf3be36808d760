package konnector

import (
	"sync"
	"sync/atomic"
)

// history is what a routine's day-by-day events add up to, computed once and
// shared by every request: running sums of its events over the days from
// its creation through `through`. A day's events are a pure function of the
// routine and the day (eventsOn), so a history never goes stale: it only
// grows, when the virtual clock crosses into a day it does not cover yet
// (see routine.historyThrough). Reads cut it at the request's today, so a
// range total or a day's figures are two lookups instead of a walk over the
// days.
type history struct {
	from    day     // the routine's creation day: cum[0] is the sum before it
	through day     // the last day covered
	cum     []tally // cum[i] sums the days from .. from+i-1; len(cum) = through-from+2
}

// tally is events in a compact form, for the running sums (counts stay far
// below 2^31: a routine adds at most a few hundred members a day).
type tally struct {
	members, requests, accepts                         int32
	firstSent, firstReplied, followSent, followReplied int32
}

func (t tally) plus(e events) tally {
	return tally{
		members: t.members + int32(e.members), requests: t.requests + int32(e.requests),
		accepts: t.accepts + int32(e.accepts), firstSent: t.firstSent + int32(e.firstSent),
		firstReplied: t.firstReplied + int32(e.firstReplied), followSent: t.followSent + int32(e.followSent),
		followReplied: t.followReplied + int32(e.followReplied),
	}
}

// minus returns the events between two running sums (t - o).
func (t tally) minus(o tally) events {
	return events{
		members: int(t.members - o.members), requests: int(t.requests - o.requests),
		accepts: int(t.accepts - o.accepts), firstSent: int(t.firstSent - o.firstSent),
		firstReplied: int(t.firstReplied - o.firstReplied), followSent: int(t.followSent - o.followSent),
		followReplied: int(t.followReplied - o.followReplied),
	}
}

// sum returns the events of the days [a, b], which the history covers.
func (h *history) sum(a, b day) events { return h.cum[b-h.from+1].minus(h.cum[a-h.from]) }

// on returns the events of day d, which the history covers.
func (h *history) on(d day) events { return h.sum(d, d) }

// stepIDs are a routine's steps' encrypted ids, encoded on first use (two
// HMACs each: too dear to pay for every routine when a tenant's world is
// made) and read without a lock afterwards.
type stepIDs struct {
	once sync.Once
	ids  []string
}

// of returns the encrypted ids of routine r's steps, in order.
func (s *stepIDs) of(r *routine, codec *idCodec) []string {
	s.once.Do(func() {
		s.ids = make([]string, len(r.steps))
		for i := range r.steps {
			s.ids[i] = codec.Encode(kindStep, stepNumber(r.number, i))
		}
	})
	return s.ids
}

// historyCache holds a routine's history. Reads take no lock: they load the
// published history and use it when it covers the day they need; only the
// first request of a new virtual day extends it, under grow, and publishes
// the longer history atomically (the old one stays valid for readers still
// holding it).
type historyCache struct {
	hist atomic.Pointer[history]
	grow sync.Mutex // serialises extensions; readers never take it
}

// historyThrough returns the routine's history covering at least the days
// from its creation through d (d >= r.created).
func (r *routine) historyThrough(d day) *history {
	if h := r.cache.hist.Load(); h != nil && h.through >= d {
		return h
	}
	r.cache.grow.Lock()
	defer r.cache.grow.Unlock()
	old := r.cache.hist.Load()
	if old != nil && old.through >= d {
		return old
	}
	h := &history{from: r.created, through: d, cum: make([]tally, 1, int(d-r.created)+2)}
	next := r.created
	if old != nil {
		h.cum = append(h.cum[:0], old.cum...)
		next = old.through + 1
	}
	for day := next; day <= d; day++ {
		h.cum = append(h.cum, h.cum[len(h.cum)-1].plus(r.eventsOn(day)))
	}
	r.cache.hist.Store(h)
	return h
}
