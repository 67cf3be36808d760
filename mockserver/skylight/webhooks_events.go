package skylight

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
)

// The webhook events the mock emits: published names only (docs
// /webhooks/events). A LinkedIn happening without a published event (an
// invite sent or accepted, a campaign finishing, a Recruiter applicant)
// sends nothing.
const (
	evMessageReceived = "message.received"
	evMessageSent     = "message.sent"
	evContactCreated  = "contact.created"
	evContactUpdated  = "contact.updated"
	evContactDeleted  = "contact.deleted"
)

// webhookEvents are the events GET /webhooks/events lists and a webhook may
// subscribe to, in the published order.
var webhookEvents = []string{evContactCreated, evContactUpdated, evContactDeleted, evMessageReceived, evMessageSent}

// defaultWebhooks is the dispatcher of an API built without one (tests of
// this package): loopback receivers only, the published timeout.
func defaultWebhooks(d Deps) *webhook.Dispatcher {
	clock := d.Clock
	if clock == nil {
		clock = sim.NewClock(time.Time{}, true, nil)
	}
	wh, err := webhook.New(webhook.Config{Seed: d.Seed, Clock: clock, Frozen: clock.Frozen()})
	if err != nil {
		panic(fmt.Sprintf("skylight: default webhooks: %v", err)) // the default allowlist always parses
	}
	return wh
}

// webhookSource is a world seen as the source of its webhook events.
type webhookSource world

// messageEvent is the data of message.received and message.sent (payload
// version A: the message and its contact, nested).
type messageEvent struct {
	Message messageView `json:"message"`
	Contact contactView `json:"contact"`
	Test    bool        `json:"test,omitempty"`
}

// contactEvent is the data of the contact events.
type contactEvent struct {
	Contact contactView `json:"contact"`
	Test    bool        `json:"test,omitempty"`
}

// Events lists what happened in [from, to): a LinkedIn contact created (by a
// campaign, or a conversation starting), and every message of a LinkedIn
// conversation, sent (a campaign step, a DM sent through the API) or
// received (a reply). Each payload shows the message and the contact as the
// API answers for them at the event's instant.
func (s *webhookSource) Events(from, to time.Time) []webhook.Event {
	w := (*world)(s)
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []webhook.Event
	for _, ct := range w.contacts.list {
		if ct.Channel != chLinkedIn {
			continue
		}
		if !ct.CreatedAt.Before(from) && ct.CreatedAt.Before(to) {
			msgs := w.conversation(ct, ct.CreatedAt)
			out = append(out, event(evContactCreated, ct.CreatedAt, fmt.Sprintf("contact/%d", ct.ID), contactEvent{Contact: w.contactView(ct, msgs)}))
		}
		all := w.conversation(ct, to)
		for i, m := range all {
			if m.SentAt.Before(from) || !m.SentAt.Before(to) {
				continue
			}
			name := evMessageSent
			if m.Inbound {
				name = evMessageReceived
			}
			upto := all[:i+1]
			data := messageEvent{Message: viewMessage(ct, upto, i, m.SentAt), Contact: w.contactView(ct, upto)}
			out = append(out, event(name, m.SentAt, fmt.Sprintf("message/%d", m.ID), data))
		}
	}
	return out
}

// event encodes one event's data.
func event(name string, at time.Time, key string, data any) webhook.Event {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte(`{}`) // views are plain structs: unreachable
	}
	return webhook.Event{Name: name, Time: at, Key: key, Data: b}
}

// sampleEvent is the data of a test event: the newest LinkedIn message (or
// contact) of the world at now, marked as a test.
func (w *world) sampleEvent(name string, now time.Time) webhook.Event {
	var ct *contact
	for _, c := range w.contacts.list {
		if c.Channel == chLinkedIn {
			ct = c
			break
		}
	}
	if ct == nil && len(w.contacts.list) > 0 {
		ct = w.contacts.list[0]
	}
	if ct == nil {
		return webhook.Event{Name: name, Time: now, Data: json.RawMessage(`{"test":true}`)}
	}
	msgs := w.conversation(ct, now)
	if name == evMessageReceived || name == evMessageSent {
		for i := len(msgs) - 1; i >= 0; i-- {
			if msgs[i].Inbound == (name == evMessageReceived) {
				return event(name, now, "", messageEvent{Message: viewMessage(ct, msgs, i, now), Contact: w.contactView(ct, msgs), Test: true})
			}
		}
	}
	return event(name, now, "", contactEvent{Contact: w.contactView(ct, msgs), Test: true})
}
