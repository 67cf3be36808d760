package skylight

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
)

// webhookEvents are the events the timeline (timeline.go) emits, which GET
// /webhooks/events lists: published names only (docs /webhooks/events). A
// LinkedIn happening without a published event (a campaign finishing, a
// Recruiter applicant) sends nothing.
var webhookEvents = []string{string(evContactCreated), string(evContactUpdated),
	string(evMessageReceived), string(evMessageSent)}

// subscribable are the events a webhook may subscribe to: those emitted and
// contact.deleted, published but never happening here (the simulation
// deletes no contact), so that a client written for SkyLight registers
// unchanged.
var subscribable = []string{string(evContactCreated), string(evContactUpdated), "contact.deleted",
	string(evMessageReceived), string(evMessageSent)}

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

// contactEvent is the data of the contact events. Campaign says, for
// contact.updated, which campaign moved the contact to which status
// (inferred: the published contact object has no campaign status).
type contactEvent struct {
	Contact  contactView     `json:"contact"`
	Campaign *campaignChange `json:"campaign,omitempty"`
	Test     bool            `json:"test,omitempty"`
}

// campaignChange is a LinkedIn contact's new status in one campaign.
type campaignChange struct {
	ID            int    `json:"id"`
	Name          string `json:"name"`
	ContactStatus string `json:"contact_status"`
}

// Events lists what happened in [from, to), from the world's timeline (which
// reports (from, to]: both bounds move back by a nanosecond, the clock's
// resolution). Each payload shows the message and the contact as the API
// answers for them: the contact as of the event, the message as of to.
func (s *webhookSource) Events(from, to time.Time) []webhook.Event {
	w := (*world)(s)
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []webhook.Event
	for _, ev := range w.events(from.Add(-time.Nanosecond), to.Add(-time.Nanosecond)) {
		ct := w.contactView(ev.Contact, w.conversation(ev.Contact, ev.At))
		switch ev.Kind {
		case evMessageSent, evMessageReceived:
			if ev.Message == nil {
				continue
			}
			out = append(out, hookEvent(string(ev.Kind), ev.At, fmt.Sprintf("%s/%d", ev.Kind, ev.Message.ID),
				messageEvent{Message: *ev.Message, Contact: ct}))
		case evContactCreated:
			out = append(out, hookEvent(string(ev.Kind), ev.At, fmt.Sprintf("%s/%d", ev.Kind, ev.Contact.ID), contactEvent{Contact: ct}))
		case evContactUpdated:
			data := contactEvent{Contact: ct}
			key := fmt.Sprintf("%s/%d/%d", ev.Kind, ev.Contact.ID, ev.At.UnixNano())
			if ev.Campaign != nil {
				data.Campaign = &campaignChange{ID: ev.Campaign.ID, Name: ev.Campaign.Name, ContactStatus: ev.Status}
				key = fmt.Sprintf("%s/%d/%d/%s/%d", ev.Kind, ev.Contact.ID, ev.Campaign.ID, ev.Status, ev.At.UnixNano())
			}
			out = append(out, hookEvent(string(ev.Kind), ev.At, key, data))
		}
	}
	return out
}

// hookEvent encodes one event's data.
func hookEvent(name string, at time.Time, key string, data any) webhook.Event {
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
	if name == string(evMessageReceived) || name == string(evMessageSent) {
		for i := len(msgs) - 1; i >= 0; i-- {
			if msgs[i].Inbound == (name == string(evMessageReceived)) {
				return hookEvent(name, now, "", messageEvent{Message: viewMessage(ct, msgs, i, now), Contact: w.contactView(ct, msgs), Test: true})
			}
		}
	}
	return hookEvent(name, now, "", contactEvent{Contact: w.contactView(ct, msgs), Test: true})
}
