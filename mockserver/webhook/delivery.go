package webhook

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"
)

// delivery is one event on its way to one webhook. Its fields are guarded by
// its registry's mu.
type delivery struct {
	id         int    // per registry, in creation order
	deliveryID string // the payload's delivery_id: the same for every attempt
	hookID     int
	event      string
	eventAt    time.Time
	test       bool
	body       []byte
	status     string
	attempts   []Attempt
	due        time.Time // virtual instant of the next attempt, while pending
	reserved   bool      // holds a place in the dispatcher's queue
}

// Attempt is one POST of a delivery.
type Attempt struct {
	// N counts attempts from 1.
	N int `json:"attempt"`
	// At is the virtual instant of the attempt: the event's time for the
	// first, then 2, 10 and 30 minutes after the previous one.
	At time.Time `json:"at"`
	// StatusCode is the receiver's answer; 0 when there was none.
	StatusCode int `json:"status_code,omitempty"`
	// Error says why the attempt failed without an answer (or was not made).
	Error string `json:"error,omitempty"`
	// DurationMS is the measured wall time of the attempt.
	DurationMS float64 `json:"duration_ms"`
}

// DeliveryView is a delivery as the management and admin APIs show it.
type DeliveryView struct {
	ID         int       `json:"id"`
	DeliveryID string    `json:"delivery_id"`
	WebhookID  int       `json:"webhook_id"`
	Event      string    `json:"event"`
	Status     string    `json:"status"`
	Test       bool      `json:"test"`
	EventAt    time.Time `json:"event_at"`
	Attempts   []Attempt `json:"attempts"`
	// NextAttemptAt is when a pending delivery is tried next (virtual time).
	NextAttemptAt *time.Time      `json:"next_attempt_at"`
	Payload       json.RawMessage `json:"payload"`
	// Vendor, Tenant (the masked API key) and Scenario name the world.
	Vendor   string `json:"vendor"`
	Tenant   string `json:"tenant"`
	Scenario string `json:"scenario"`
}

func (d *delivery) view(l *label) DeliveryView {
	v := DeliveryView{ID: d.id, DeliveryID: d.deliveryID, WebhookID: d.hookID, Event: d.event, Status: d.status,
		Test: d.test, EventAt: d.eventAt, Attempts: slices.Clone(d.attempts), Payload: json.RawMessage(d.body),
		Vendor: l.vendor, Tenant: l.tenant, Scenario: l.scenario}
	if v.Attempts == nil {
		v.Attempts = []Attempt{}
	}
	if d.status == StatusPending {
		due := d.due
		v.NextAttemptAt = &due
	}
	return v
}

// enqueueLocked creates the delivery of ev to h, due at the event's time. A
// full queue fails it at once, visibly in the log.
func (r *Registry) enqueueLocked(h *hook, ev Event, test bool) (*delivery, error) {
	id := uuidFrom(derive("delivery", r.identity, fmt.Sprint(h.ID), ev.Key))
	body, err := encodePayload(ev, id)
	if err != nil {
		return nil, err
	}
	d := &delivery{id: r.nextID, deliveryID: id, hookID: h.ID, event: ev.Name, eventAt: ev.Time, test: test,
		body: body, status: StatusPending, due: ev.Time}
	r.nextID++
	if r.closed {
		d.status = StatusFailed
		d.attempts = []Attempt{{N: 1, At: ev.Time, Error: "the tenant's world was reset: not sent"}}
	} else if n, ok := r.d.reserve(r.held); !ok {
		d.status = StatusFailed
		d.attempts = []Attempt{{N: 1, At: ev.Time, Error: fmt.Sprintf("delivery queue full (%d deliveries pending on this server): not sent", n)}}
	} else {
		d.reserved = true
		i := sort.Search(len(r.pending), func(i int) bool { return r.pending[i].due.After(d.due) })
		r.pending = slices.Insert(r.pending, i, d)
	}
	r.log = append(r.log, d)
	if over := len(r.log) - r.d.cfg.LogSize; over > 0 {
		r.log = slices.Delete(r.log, 0, over)
	}
	r.d.record(r, d)
	return d, nil
}

// hasDueLocked reports whether a pending delivery is due at now.
func (r *Registry) hasDueLocked(now time.Time) bool {
	return len(r.pending) > 0 && !r.pending[0].due.After(now) && !r.closed
}

// scheduleLocked puts the registry in the ready queue unless it is there.
func (r *Registry) scheduleLocked() {
	if r.queued || r.closed {
		return
	}
	r.queued = true
	r.d.push(r)
}

// finishLocked records an attempt's result: delivered on a 2xx, else a retry
// after the next backoff, or failed after the last one (or when final).
func (r *Registry) finishLocked(d *delivery, a Attempt, final bool) {
	d.attempts = append(d.attempts, a)
	switch {
	case a.StatusCode >= 200 && a.StatusCode < 300:
		d.status = StatusDelivered
		r.d.delivered(d.event)
	case final || a.N >= maxAttempts:
		d.status = StatusFailed
	default:
		d.due = a.At.Add(backoff[a.N-1])
		i := sort.Search(len(r.pending), func(i int) bool { return r.pending[i].due.After(d.due) })
		r.pending = slices.Insert(r.pending, i, d)
		return
	}
	r.release(d)
}

// release gives back d's place in the queue.
func (r *Registry) release(d *delivery) {
	if d.reserved {
		d.reserved = false
		r.held.Add(-1)
		r.d.unreserve(1)
	}
}

// lookback is how far before the cursor each collection looks again. A
// request's instant is taken when it arrives, before it waits for latency
// and the world's lock, so it can store an event at an instant a collection
// has already passed; looking back over the previous interval (and at least
// this much) finds such an event late rather than never. Keys already
// collected are not sent twice.
const lookback = 10 * time.Second

// collect gathers the events of [cursor, now), and those of the lookback
// not collected yet, into deliveries, in event order; it reports whether a
// delivery is due. Only the dispatcher's loop calls it, so collections never
// overlap.
func (r *Registry) collect(now time.Time) bool {
	r.mu.Lock()
	cursor, active := r.cursor, r.activeLocked()
	from := earliest(r.prevCursor, cursor.Add(-lookback))
	if !active || !now.After(cursor) || r.closed {
		if now.After(r.cursor) {
			r.prevCursor, r.cursor = r.cursor, now
		}
		due := r.hasDueLocked(now)
		r.mu.Unlock()
		return due
	}
	r.mu.Unlock()

	evs := r.src.Events(from, now) // the world locks itself; r.mu is not held
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].Time.Equal(evs[j].Time) {
			return evs[i].Time.Before(evs[j].Time)
		}
		return evs[i].Key < evs[j].Key
	})

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]time.Time{}
	}
	for _, ev := range evs {
		if ev.Time.Before(from) || !ev.Time.Before(now) {
			continue
		}
		if _, dup := r.seen[ev.Key]; dup {
			continue
		}
		r.seen[ev.Key] = ev.Time
		for _, h := range r.hooks {
			if h.Active && !ev.Time.Before(h.CreatedAt) && slices.Contains(h.Events, ev.Name) {
				if _, err := r.enqueueLocked(h, ev, false); err != nil {
					r.d.cfg.Logger.Error("webhook event dropped", "event", ev.Name, "err", err)
				}
			}
		}
	}
	r.prevCursor, r.cursor = cursor, now
	keep := earliest(r.prevCursor, r.cursor.Add(-lookback)) // the next collection's from
	for k, t := range r.seen {
		if t.Before(keep) {
			delete(r.seen, k)
		}
	}
	return r.hasDueLocked(now)
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func (r *Registry) activeLocked() bool {
	for _, h := range r.hooks {
		if h.Active {
			return true
		}
	}
	return false
}

// close forgets the registry: pending deliveries fail, nothing more is sent.
func (r *Registry) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.closed = true
	for _, d := range r.pending {
		d.status = StatusFailed
		d.attempts = append(d.attempts, Attempt{N: len(d.attempts) + 1, At: d.due, Error: "the tenant's world was reset: not sent"})
		r.release(d)
	}
	r.pending = nil
}
