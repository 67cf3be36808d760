package skylight

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleSendMessage answers POST /messages/send: a LinkedIn DM is recorded
// in the contact's conversation (201, the message object, pending at
// first). The checks run in this order: unknown contact (404), a channel
// the mock does not send on (422: sending works only to contacts whose
// channel has a connected account, and only LinkedIn is simulated), then,
// for LinkedIn, access (403) and a connected account (409).
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
		return reply{}, errNotFound("Contact")
	}
	if ct.Channel != chLinkedIn {
		return reply{}, sim.Invalid(map[string][]string{"contact_id": {
			fmt.Sprintf("is a %s contact; this account has no connected %s channel (only linkedin is simulated)", ct.Channel, ct.Channel)}})
	}
	if err := w.guard(linkedInOp); err != nil {
		return reply{}, err
	}
	m := w.sendDM(ct, in.Message, c.now)
	// A DM just sent is pending whatever else the conversation holds
	// (messageStatus), so its view needs no walk of the conversation, which
	// would make every send to a contact slower than the one before.
	return created(viewMessage(ct, []*message{m}, 0, c.now), "Message queued for sending."), nil
}

// sendDM stores an outbound DM and, drawn from the seed, the contact's
// reply to it (stored with its future time: conversation shows it once the
// clock reaches it). A DM to an inactive contact fails and gets no reply.
func (w *world) sendDM(ct *contact, text string, now time.Time) *message {
	m := w.contacts.store(ct, false, text, now)
	m.viaAPI = true
	m.fails = ct.Status != "active"
	if m.fails || ct.Person == nil {
		return m
	}
	r := sim.Rand(w.seed, "skylight", "dm-reply", strconv.Itoa(ct.ID), strconv.Itoa(m.ID))
	if r.IntN(2) == 0 {
		at := now.Add(10*time.Minute + time.Duration(r.IntN(6*60))*time.Minute)
		w.contacts.store(ct, true, pick(r, ct.Person.Loc.InboundMessages), at)
	}
	return m
}

func viewMessage(ct *contact, msgs []*message, i int, now time.Time) messageView {
	m := msgs[i]
	dir := "outbound"
	if m.Inbound {
		dir = "inbound"
	}
	status, sent := messageStatus(ct, msgs, i, now)
	return messageView{ID: m.ID, ContactID: ct.ID, Direction: dir, Channel: ct.Channel, Content: m.Text,
		Status: status, SentAt: isoPtr(sent), CreatedAt: iso(m.SentAt)}
}

// contactView renders a contact at now from its conversation so far.
func (w *world) contactView(ct *contact, msgs []*message) contactView {
	s := summarize(ct, msgs)
	updated := ct.CreatedAt
	if s.last.After(updated) {
		updated = s.last
	}
	v := contactView{ID: ct.ID, Name: ct.Name, Email: strPtr(ct.Email), Phone: strPtr(ct.Phone), Type: ct.Channel,
		Status: ct.Status, Blacklisted: ct.Blacklisted, Tags: append([]string{}, ct.Tags...),
		LastMessageAt: isoPtr(s.last), CreatedAt: iso(ct.CreatedAt), UpdatedAt: iso(updated)}
	if p := ct.Person; p != nil {
		url := p.ProfileURL()
		v.ProviderID, v.ProfileURL, v.Headline = &p.ProviderID, &url, &p.Headline
	}
	return v
}

// handleListContacts answers GET /contacts with the published filters.
func handleListContacts(w *world, c *call) (reply, *sim.Error) {
	f := contactFilter{search: c.query.Get("search"), kind: c.query.Get("type"), tag: c.query.Get("tag")}
	if b := c.query.Get("blacklisted"); b != "" {
		v := b == "true" || b == "1"
		f.blacklisted = &v
	}
	var matched []*contact
	for _, ct := range w.contacts.list {
		if f.match(ct) {
			matched = append(matched, ct)
		}
	}
	items, meta := pageOf(matched, c.query)
	out := make([]contactView, 0, len(items))
	for _, ct := range items {
		out = append(out, w.contactView(ct, w.conversation(ct, c.now)))
	}
	return paged(out, meta, "Contacts retrieved successfully."), nil
}

// handleContactMessages answers GET /contacts/{id}/messages: the
// conversation, newest first, one page. Reading it marks its inbound
// messages read.
func handleContactMessages(w *world, c *call) (reply, *sim.Error) {
	ct := w.contacts.byID[c.id()]
	if ct == nil {
		return reply{}, errNotFound("Contact")
	}
	msgs := w.conversation(ct, c.now)
	if c.now.After(ct.ReadAt) {
		ct.ReadAt = c.now
	}
	views := make([]messageView, len(msgs))
	for i := range msgs {
		views[len(msgs)-1-i] = viewMessage(ct, msgs, i, c.now)
	}
	items, meta := pageOf(views, c.query)
	return paged(items, meta, "Messages retrieved successfully."), nil
}

// handleConversations answers GET /conversations: one item per contact with
// at least one message, the latest conversation first, filtered by channel
// and contact_id.
func handleConversations(w *world, c *call) (reply, *sim.Error) {
	channel := c.query.Get("channel")
	contactID, _ := strconv.Atoi(c.query.Get("contact_id"))
	var out []conversationView
	var lastAt []time.Time
	for _, ct := range w.contacts.list {
		if (channel != "" && ct.Channel != channel) || (contactID != 0 && ct.ID != contactID) {
			continue
		}
		msgs := w.conversation(ct, c.now)
		if len(msgs) == 0 {
			continue
		}
		s, last := summarize(ct, msgs), msgs[len(msgs)-1]
		out = append(out, conversationView{ContactID: ct.ID, ContactName: ct.Name, Channel: ct.Channel,
			LastMessage: &last.Text, LastMessageAt: isoPtr(s.last), UnreadCount: s.unread})
		lastAt = append(lastAt, s.last)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if !lastAt[idx[a]].Equal(lastAt[idx[b]]) {
			return lastAt[idx[a]].After(lastAt[idx[b]])
		}
		return out[idx[a]].ContactID < out[idx[b]].ContactID
	})
	sorted := make([]conversationView, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	items, meta := pageOf(sorted, c.query)
	return paged(items, meta, "Conversations retrieved successfully."), nil
}
