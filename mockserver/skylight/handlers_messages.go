package skylight

import (
	"fmt"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleSendMessage answers POST /messages: a LinkedIn DM is recorded in the
// contact's conversation. The checks run in this order: unknown contact
// (404), a channel the mock does not send on (422), then, for LinkedIn,
// access (403) and a connected account (409).
func handleSendMessage(w *world, c *call) (reply, *sim.Error) {
	var in struct {
		ContactID int    `json:"contact_id"`
		Message   string `json:"message"`
	}
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	ct := w.contacts.byID[in.ContactID]
	if ct == nil {
		return reply{}, errNotFound("Contact", in.ContactID)
	}
	if ct.Channel != chLinkedIn {
		return reply{}, &sim.Error{Kind: sim.KindValidation, Code: "unsupported_channel", Allowed: []string{chLinkedIn},
			Message: fmt.Sprintf("Sending messages to %s contacts is not available through this API.", ct.Channel)}
	}
	if err := w.guard(linkedInOp); err != nil {
		return reply{}, err
	}
	m := w.contacts.store(ct, false, in.Message, c.now)
	msgs := w.conversation(ct, c.now)
	return created(messageResponse{Success: true, Message: viewMessage(ct, msgs, indexOf(msgs, m), c.now)}), nil
}

func indexOf(msgs []*message, m *message) int {
	for i, x := range msgs {
		if x == m {
			return i
		}
	}
	return -1
}

func viewMessage(ct *contact, msgs []*message, i int, now time.Time) messageView {
	m := msgs[i]
	dir := "outbound"
	if m.Inbound {
		dir = "inbound"
	}
	return messageView{ID: m.ID, ContactID: ct.ID, Channel: ct.Channel, Direction: dir, Text: m.Text,
		Status: messageStatus(ct, msgs, i, now), SentAt: iso(m.SentAt)}
}

// contactView renders a contact with its conversation's counters.
func (w *world) contactView(ct *contact, msgs []*message) contactView {
	s := summarize(ct, msgs)
	v := contactView{ID: ct.ID, Type: ct.Channel, Name: ct.Name, Phone: strPtr(ct.Phone), CreatedAt: iso(ct.CreatedAt),
		LastMessageAt: isoPtr(s.last), UnreadCount: s.unread}
	if p := ct.Person; p != nil {
		url := p.ProfileURL()
		v.ProviderID, v.ProfileURL, v.Headline = &p.ProviderID, &url, &p.Headline
		v.Company, v.Location = &p.Company, &p.Location
	}
	return v
}

// handleListContacts answers GET /contacts.
func handleListContacts(w *world, c *call) (reply, *sim.Error) {
	kind, search := c.query.Get("type"), c.query.Get("search")
	var list []*contact
	for _, ct := range w.contacts.list {
		if matchContact(ct, kind, search) {
			list = append(list, ct)
		}
	}
	p, per := page(c.query)
	lo, hi, pv := paginate(len(list), p, per)
	out := contactList{Success: true, Contacts: []contactView{}, Pagination: pv}
	for _, ct := range list[lo:hi] {
		out.Contacts = append(out.Contacts, w.contactView(ct, w.conversation(ct, c.now)))
	}
	return ok(out), nil
}

// handleContactMessages answers GET /contacts/{id}/messages. Reading the
// conversation marks its inbound messages read.
func handleContactMessages(w *world, c *call) (reply, *sim.Error) {
	id := c.id()
	ct := w.contacts.byID[id]
	if ct == nil {
		return reply{}, errNotFound("Contact", id)
	}
	msgs := w.conversation(ct, c.now)
	if c.now.After(ct.ReadAt) {
		ct.ReadAt = c.now
	}
	out := contactMessages{Success: true, Contact: w.contactView(ct, msgs), Messages: make([]messageView, 0, len(msgs))}
	for i := range msgs {
		out.Messages = append(out.Messages, viewMessage(ct, msgs, i, c.now))
	}
	return ok(out), nil
}
