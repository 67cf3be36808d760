package skylight

import (
	"sort"
	"time"
)

// The world's timeline, for whatever reports what happened between two
// instants (the webhooks: message.sent, message.received, contact.created,
// contact.updated). Everything here is a pure read of the world at `to`:
// the conversation and campaign progress are functions of the clock, so the
// events of (from, to] are the same whenever they are asked for, as long as
// `to` is not in the future. Callers hold the world lock.

// eventKind names what happened.
type eventKind string

// The event kinds of the timeline.
const (
	// evMessageSent: an outbound message left (a DM sent through the API
	// once it stops being pending, a campaign's sequence message).
	evMessageSent eventKind = "message.sent"
	// evMessageReceived: a contact's inbound message (a campaign reply, a
	// reply to a DM, drawn from the seed).
	evMessageReceived eventKind = "message.received"
	// evContactCreated: a contact was added (a campaign's new target).
	evContactCreated eventKind = "contact.created"
	// evContactUpdated: a LinkedIn contact's campaign status changed
	// (invited, accepted, messaged, replied, failed); Status says which.
	evContactUpdated eventKind = "contact.updated"
)

// event is one thing that happened at At. Message is set for the message
// kinds (its view as of `to`), Status for evContactUpdated.
type event struct {
	At       time.Time
	Kind     eventKind
	Contact  *contact
	Message  *messageView
	Campaign *campaign // evContactUpdated: the campaign whose status moved
	Status   string    // evContactUpdated: the campaign contact's new status
}

// events returns what happened in (from, to], in time order (ties by kind,
// then contact id, then message id): deterministic for the same world.
func (w *world) events(from, to time.Time) []event {
	var out []event
	in := func(t time.Time) bool { return t.After(from) && !t.After(to) }
	for _, ct := range w.contacts.list {
		if in(ct.CreatedAt) {
			out = append(out, event{At: ct.CreatedAt, Kind: evContactCreated, Contact: ct})
		}
		msgs := w.conversation(ct, to)
		for i, m := range msgs {
			v := viewMessage(ct, msgs, i, to)
			switch {
			case m.Inbound && in(m.SentAt):
				out = append(out, event{At: m.SentAt, Kind: evMessageReceived, Contact: ct, Message: &v})
			case !m.Inbound && v.SentAt != nil:
				if at, _ := time.Parse(isoLayout, *v.SentAt); in(at) {
					out = append(out, event{At: at, Kind: evMessageSent, Contact: ct, Message: &v})
				}
			}
		}
	}
	for _, c := range w.campaigns {
		for i := range c.members {
			out = append(out, c.memberEvents(i, from, to)...)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		switch {
		case !x.At.Equal(y.At):
			return x.At.Before(y.At)
		case x.Kind != y.Kind:
			return x.Kind < y.Kind
		case x.Contact.ID != y.Contact.ID:
			return x.Contact.ID < y.Contact.ID
		case x.Message != nil && y.Message != nil:
			return x.Message.ID < y.Message.ID
		}
		return false
	})
	return out
}

// memberEvents are member i's campaign status changes in (from, to].
func (c *campaign) memberEvents(i int, from, to time.Time) []event {
	m := c.members[i]
	p := c.progressOf(m, c.elapsed(to))
	var out []event
	add := func(at time.Time, status string) {
		if !at.IsZero() && at.After(from) && !at.After(to) {
			out = append(out, event{At: at, Kind: evContactUpdated, Contact: m.contact, Campaign: c, Status: status})
		}
	}
	if p.status == "failed" {
		add(c.at(m.plan.invite), "failed")
		return out
	}
	add(p.invitedAt, "invited")
	add(p.acceptedAt, "accepted")
	for j := 0; j < p.sent; j++ {
		add(c.at(m.plan.messages[j]), "messaged")
	}
	add(p.repliedAt, "replied")
	return out
}
