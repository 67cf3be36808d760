package skylight

import (
	"fmt"
	"math"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// A campaign's progress is a pure function of the clock: each member has a
// plan of offsets in the campaign's *running time* (time spent active while
// an account was connected), drawn once from (seed, campaign, person). Pauses
// and disconnections stop the running time, so nothing progresses then.
// Stats and statuses are computed from the plans at the asked instant and
// never stored.

// Schedule constants of the simulation.
const (
	invitesPerDay = 20                  // LinkedIn's weekly invite limit, spread per day
	firstInvite   = 5 * time.Minute     // after the start
	inviteSpacing = 7 * time.Minute     // between two invites of a day
	inviteExpiry  = 21 * 24 * time.Hour // a pending invite is given up after it
	acceptShare   = 0.55
	replyShare    = 0.45
	failShare     = 0.04
	day           = 24 * time.Hour
)

// plan is one member's schedule, in running-time offsets from the start.
type plan struct {
	invite   time.Duration
	fails    bool // the invite could not be sent
	accepts  bool
	accept   time.Duration
	replies  bool
	reply    time.Duration
	messages []time.Duration // sequence messages sent (those before the reply)
	final    time.Duration   // when this member needs nothing more
}

// newPlan draws the schedule of member i of a campaign. pending forces an
// invite that is never accepted (seeded campaigns that must stay running).
func newPlan(seed int64, key string, i int, p *person, seq []sequenceMessage, pending bool) plan {
	r := sim.Rand(seed, "skylight", "campaign", key, p.ProviderID)
	pl := plan{invite: time.Duration(i/invitesPerDay)*day + firstInvite + time.Duration(i%invitesPerDay)*inviteSpacing}
	pl.fails = r.Float64() < failShare && !pending
	pl.accepts = r.Float64() < acceptShare && !pl.fails && !pending
	replies := r.Float64() < replyShare
	switch {
	case pl.fails:
		pl.final = pl.invite
		return pl
	case !pl.accepts:
		pl.final = pl.invite + inviteExpiry
		return pl
	}
	pl.accept = pl.invite + time.Hour + time.Duration(r.IntN(6*24*60))*time.Minute
	pl.final = pl.accept
	delay := 30*time.Minute + time.Duration(r.IntN(36*60))*time.Minute
	if len(seq) == 0 {
		if replies {
			pl.replies, pl.reply, pl.final = true, pl.accept+delay, pl.accept+delay
		}
		return pl
	}
	at := pl.accept
	offsets := make([]time.Duration, len(seq))
	for j, m := range seq {
		at += time.Duration(m.WaitDays) * day
		offsets[j] = at
	}
	if replies {
		pl.replies, pl.reply = true, offsets[r.IntN(len(seq))]+delay
	}
	for _, off := range offsets {
		if pl.replies && off >= pl.reply {
			break
		}
		pl.messages = append(pl.messages, off)
		pl.final = off
	}
	if pl.replies {
		pl.final = pl.reply
	}
	return pl
}

// run is an interval of running time; a zero `to` is still running.
type run struct{ from, to time.Time }

// elapsed is the running time up to now.
func (c *campaign) elapsed(now time.Time) time.Duration {
	var total time.Duration
	for _, r := range c.runs {
		end := r.to
		if end.IsZero() || end.After(now) {
			end = now
		}
		if end.After(r.from) {
			total += end.Sub(r.from)
		}
	}
	return total
}

// at converts a running-time offset to the instant it is reached; callers
// only ask for offsets already reached.
func (c *campaign) at(off time.Duration) time.Time {
	var acc time.Duration
	for _, r := range c.runs {
		if r.to.IsZero() || off <= acc+r.to.Sub(r.from) {
			return r.from.Add(off - acc)
		}
		acc += r.to.Sub(r.from)
	}
	if len(c.runs) == 0 {
		return time.Time{}
	}
	return c.runs[len(c.runs)-1].to
}

// running reports whether the last run is open.
func (c *campaign) running() bool {
	return len(c.runs) > 0 && c.runs[len(c.runs)-1].to.IsZero()
}

// stop closes the open run at now; start opens one.
func (c *campaign) stop(now time.Time) {
	if c.running() {
		c.runs[len(c.runs)-1].to = now
	}
}

func (c *campaign) start(now time.Time) {
	if !c.running() {
		c.runs = append(c.runs, run{from: now})
	}
}

// progress is one member's state at an instant.
type progress struct {
	status                                    string
	invitedAt, acceptedAt, lastMsg, repliedAt time.Time
	sent                                      int
}

func (c *campaign) progressOf(m *member, v time.Duration) progress {
	pl := m.plan
	if pl.invite > v {
		return progress{status: "queued"}
	}
	if pl.fails {
		return progress{status: "failed"}
	}
	p := progress{status: "invited", invitedAt: c.at(pl.invite)}
	if !pl.accepts || pl.accept > v {
		return p
	}
	p.status, p.acceptedAt = "accepted", c.at(pl.accept)
	for _, off := range pl.messages {
		if off <= v {
			p.sent++
			p.status, p.lastMsg = "messaged", c.at(off)
		}
	}
	if pl.replies && pl.reply <= v {
		p.status, p.repliedAt = "replied", c.at(pl.reply)
	}
	return p
}

// statsView is computed from the members' progress at now.
func (c *campaign) stats(now time.Time) statsView {
	v := c.elapsed(now)
	s := statsView{TotalContacts: len(c.members)}
	for _, m := range c.members {
		p := c.progressOf(m, v)
		if !p.invitedAt.IsZero() {
			s.Invited++
		}
		if !p.acceptedAt.IsZero() {
			s.Accepted++
		}
		if !p.repliedAt.IsZero() {
			s.Replies++
		}
		s.MessagesSent += p.sent
	}
	s.Pending = s.Invited - s.Accepted
	s.AcceptanceRate = rate(s.Accepted, s.Invited)
	s.ReplyRate = rate(s.Replies, s.Accepted)
	return s
}

// rate is part/whole as a percentage with one decimal, 0 for an empty whole.
func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)*1000/float64(whole)) / 10
}

// finalOffset is when every member needs nothing more.
func (c *campaign) finalOffset() time.Duration {
	var f time.Duration
	for _, m := range c.members {
		f = max(f, m.plan.final)
	}
	return f
}

// status returns the campaign's status at now and, when completed, when.
func (c *campaign) status(now time.Time) (string, time.Time) {
	if c.state != "active" {
		return c.state, time.Time{}
	}
	if f := c.finalOffset(); f <= c.elapsed(now) {
		return "completed", c.at(f)
	}
	return "active", time.Time{}
}

// updatedAt is the last change: a status change or the latest event so far.
func (c *campaign) updatedAt(now time.Time) time.Time {
	v := c.elapsed(now)
	var last time.Duration
	seen := false
	for _, m := range c.members {
		pl := m.plan
		for _, off := range append([]time.Duration{pl.invite, pl.accept, pl.reply}, pl.messages...) {
			if off > 0 && off <= v && off > last {
				last, seen = off, true
			}
		}
	}
	u := c.statusAt
	if seen && c.at(last).After(u) {
		u = c.at(last)
	}
	return u
}

// messagesOf returns the conversation messages that member i's progress has
// produced by now: the sequence messages sent and the reply. Their ids are
// derived from (campaign, member, step), so they are stable.
func (c *campaign) messagesOf(i int, now time.Time, seed int64) []*message {
	m := c.members[i]
	p := c.progressOf(m, c.elapsed(now))
	var out []*message
	base := 1_000_000_000 + c.ID*100_000 + i*16
	for j := 0; j < p.sent; j++ {
		out = append(out, &message{ID: base + j, Text: c.sequence[j].Text, SentAt: c.at(m.plan.messages[j])})
	}
	if !p.repliedAt.IsZero() {
		r := sim.Rand(seed, "skylight", "reply", c.key, fmt.Sprint(i))
		out = append(out, &message{ID: base + 15, Inbound: true, Text: pick(r, m.contact.Person.Loc.InboundMessages), SentAt: p.repliedAt})
	}
	return out
}
