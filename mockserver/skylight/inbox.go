package skylight

import (
	"time"
)

// The overview's inbox counts derive every LinkedIn conversation: the stored
// messages and those the campaigns have produced by the asked instant. That
// walk was two thirds of an overview request (issue 15), so its result is
// kept with the span of time over which it cannot change:
//
//   - from the instant it was counted at,
//   - until the next instant at which a derived message appears (a campaign
//     member's next sequence message or reply, reached as the campaign runs)
//     or a stored message's sending time comes (a message written by a
//     request whose instant is later than this one's);
//   - and until the next write on the world: every operation that takes the
//     world's lock for writing drops the entry (world.changed), whatever it
//     changed.
//
// Inside that span the counts are those inbox(now) returns at every instant,
// so the cache is never stale; TestInboxCacheMatchesDerivation checks this
// against the derivation over random writes and clock moves.

// inboxEntry is the inbox counted at `from`; it holds until `until`
// (exclusive; zero: until the next write).
type inboxEntry struct {
	from, until time.Time
	view        inboxView
}

// cachedInbox returns the inbox counts at now, from the kept entry when now
// is inside its span. Readers holding the world's read lock may call it at
// once: the entry is replaced atomically, and any of them computes the same
// counts for the same world and instant.
func (w *world) cachedInbox(now time.Time) inboxView {
	if e := w.inboxMemo.Load(); e != nil && !now.Before(e.from) && (e.until.IsZero() || now.Before(e.until)) {
		return e.view
	}
	e := &inboxEntry{from: now, until: w.inboxChangesAt(now), view: w.inbox(now)}
	w.inboxMemo.Store(e)
	return e.view
}

// changed drops what was derived from the world; every write calls it with
// the world's write lock held.
func (w *world) changed() { w.inboxMemo.Store(nil) }

// inboxChangesAt returns the first instant after now at which the inbox
// counts may change without a write, or zero if none comes.
func (w *world) inboxChangesAt(now time.Time) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	for _, c := range w.contacts.list {
		if c.Channel != chLinkedIn {
			continue
		}
		for _, m := range c.stored {
			consider(m.SentAt)
		}
	}
	for _, c := range w.campaigns {
		v := c.elapsed(now)
		for _, m := range c.members {
			if off, ok := m.plan.nextMessage(v); ok {
				if t, ok := c.reachedAt(off); ok {
					consider(t)
				}
			}
		}
	}
	return next
}

// nextMessage returns the first running-time offset after v at which this
// member's conversation gains a message (a sequence message or the reply);
// see progressOf for when each counts.
func (pl *plan) nextMessage(v time.Duration) (time.Duration, bool) {
	var next time.Duration
	found := false
	take := func(off time.Duration) {
		if off > v && (!found || off < next) {
			next, found = off, true
		}
	}
	for _, off := range pl.messages {
		take(off)
	}
	if pl.replies {
		take(pl.reply)
	}
	return next, found
}

// reachedAt returns the instant at which the campaign's running time reaches
// off, or false if its runs end before (it is paused, cancelled or waiting
// for a connection: only a write starts it again).
func (c *campaign) reachedAt(off time.Duration) (time.Time, bool) {
	var acc time.Duration
	for _, r := range c.runs {
		if r.to.IsZero() || off <= acc+r.to.Sub(r.from) {
			return r.from.Add(off - acc), true
		}
		acc += r.to.Sub(r.from)
	}
	return time.Time{}, false
}

// readOps are the operations that change nothing in the world: they take its
// lock for reading, so one key's reads run side by side. Any other operation
// writes: it holds the lock alone and drops the derived caches. An id missing
// here (a renamed operation) is only slower, never wrong;
// TestReadOpsAreOperations keeps the list in step with the routes.
var readOps = map[string]bool{
	"getLinkedInOverview":          true,
	"getLinkedInStatus":            true,
	"searchLinkedInPeople":         true,
	"listOutreachCampaigns":        true,
	"getOutreachCampaign":          true,
	"getOutreachCampaignStats":     true,
	"listOutreachCampaignContacts": true,
	"listContacts":                 true,
	"listConversations":            true,
	"listAccountChannels":          true,
	"getSubscription":              true,
	"getRecruiterOverview":         true,
	"getRecruiterJob":              true,
}
