// Package webhook delivers signed webhook events from a simulated world to
// its subscribers, on the world's virtual clock. It knows no vendor: a vendor
// package keeps one Registry per tenant (its webhooks and delivery log) and
// gives it a Source, the events its world produces as simulated time passes;
// the server owns one Dispatcher (a bounded worker pool, a bounded queue and
// an HTTP client restricted to allowed hosts) shared by every Registry.
//
// An event happens at its simulated instant. The dispatcher watches the
// clock: when it has moved (an advance, or real time on a ticking clock) it
// collects every event of the elapsed interval and delivers them in event
// order; on a frozen clock nothing goes out until the clock moves (test
// events excepted). Retries are due 2, 10 and 30 virtual minutes after the previous
// attempt, so a frozen clock retries only when advanced. A receiver that is
// slow, failing or gone only ever occupies a worker: API requests never wait
// for a delivery, and Close aborts what is in flight.
package webhook

import (
	"encoding/json"
	"time"
)

// Delivery statuses, as published.
const (
	StatusPending   = "pending"
	StatusDelivered = "delivered"
	StatusFailed    = "failed"
)

// backoff is the wait before each retry, in virtual time: up to three
// retries, 2, 10 and 30 minutes after the previous attempt (published).
var backoff = [...]time.Duration{2 * time.Minute, 10 * time.Minute, 30 * time.Minute}

// maxAttempts is the first attempt plus the published three retries.
const maxAttempts = 1 + len(backoff)

// Event is one happening of a simulated world that webhooks may be told
// about.
type Event struct {
	// Name is the published event name, e.g. message.received.
	Name string
	// Time is the simulated instant it happened.
	Time time.Time
	// Key identifies the event within its world, stably (e.g.
	// "message.received/1000001234"): delivery ids are derived from it.
	Key string
	// Data is the payload's data object, as the API would show the
	// resources at that instant.
	Data json.RawMessage
}

// Source is what a vendor world offers the dispatcher: the events that
// happened in the interval [from, to). The order does not matter: the
// dispatcher sorts them by time, then key. An event at the clock's current
// instant (a request's, on a frozen clock) is collected once the clock has
// moved past it.
type Source interface {
	Events(from, to time.Time) []Event
}

// Clock is the virtual clock the dispatcher follows (sim.Clock).
type Clock interface {
	Now() time.Time
	Offset() time.Duration
}
