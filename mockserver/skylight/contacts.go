package skylight

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// Channels of contacts. Only LinkedIn is simulated for sending.
const (
	chLinkedIn  = "linkedin"
	chWhatsApp  = "whatsapp"
	chTelegram  = "telegram"
	chInstagram = "instagram"
	chEmail     = "email"
)

// contact is a contact of the account on one channel. A LinkedIn contact is
// a Person; the others have a name (and a phone for WhatsApp and Telegram).
type contact struct {
	ID          int
	Channel     string
	Name        string
	FirstName   string
	Person      *person // LinkedIn contacts only
	Phone       string  // WhatsApp and Telegram only
	Email       string
	Status      string // active or inactive (a LinkedIn profile gone: DMs fail)
	Blacklisted bool
	Tags        []string
	CreatedAt   time.Time
	// ReadAt: inbound messages sent at or before it are read.
	ReadAt time.Time
	// stored are the messages kept as they are (history and DMs sent through
	// the API), in time order. Campaign messages are derived, not stored.
	stored []*message
	// memberships are the campaigns that target this contact.
	memberships []membership
}

// membership is one campaign targeting a contact: the campaign and the
// contact's index among its members.
type membership struct {
	campaign *campaign
	index    int
}

// message is one message of a conversation. SentAt is when it was written
// (outbound) or received (inbound): the message's created_at.
type message struct {
	ID      int
	Inbound bool
	Text    string
	SentAt  time.Time
	// viaAPI: an outbound DM sent through POST /messages/send, pending for
	// its first seconds; fails: LinkedIn refused it.
	viaAPI, fails bool
}

// contactBook holds the contacts ordered by id.
type contactBook struct {
	list     []*contact
	byID     map[int]*contact
	byPerson map[*person]*contact
	nextID   int
	nextMsg  int
}

func newContactBook() *contactBook {
	return &contactBook{byID: map[int]*contact{}, byPerson: map[*person]*contact{}, nextID: 401, nextMsg: 9001} // ids start at 401, also in an empty book
}

// insert adds c keeping the list ordered by id.
func (b *contactBook) insert(c *contact) {
	b.byID[c.ID] = c
	if c.Person != nil {
		b.byPerson[c.Person] = c
	}
	i := sort.Search(len(b.list), func(i int) bool { return b.list[i].ID >= c.ID })
	b.list = append(b.list, nil)
	copy(b.list[i+1:], b.list[i:])
	b.list[i] = c
	if c.ID >= b.nextID {
		b.nextID = c.ID + 1
	}
}

// linkedIn returns the person's LinkedIn contact, created at `at` when new.
func (b *contactBook) linkedIn(p *person, at time.Time) *contact {
	if c := b.byPerson[p]; c != nil {
		return c
	}
	c := &contact{ID: b.nextID, Channel: chLinkedIn, Name: p.Name, FirstName: p.FirstName, Person: p, Status: "active",
		Tags: []string{}, CreatedAt: at, ReadAt: at}
	b.insert(c)
	return c
}

// store records a message in c's conversation and returns it.
func (b *contactBook) store(c *contact, inbound bool, text string, at time.Time) *message {
	m := &message{ID: b.nextMsg, Inbound: inbound, Text: text, SentAt: at}
	b.nextMsg++
	c.stored = append(c.stored, m)
	return m
}

// genContacts makes the base contacts 401..400+n and the doc's anchor
// contacts (fixtures/data/anchors.json: 418 Sara and 419 Khalid, LinkedIn
// contacts on the doc's people), with their history. n 0 is an empty
// address book (the `empty` scenario): not even the anchors.
func (w *world) genContacts(n int) {
	if n == 0 {
		return
	}
	anchors := map[int]fixtures.AnchorContact{}
	reserved := map[string]bool{}
	for _, a := range w.fx.AnchorContacts() {
		anchors[a.ID] = a
		reserved[a.ProviderID] = true
	}
	ids := map[int]bool{}
	for id := range anchors {
		ids[id] = true
	}
	for i := 1; i <= n; i++ {
		ids[400+i] = true
	}
	sorted := make([]int, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Ints(sorted)
	r := sim.Rand(w.seed, "skylight", "contacts")
	perm := r.Perm(len(w.people.pool))
	next := 0
	for _, id := range sorted {
		cr := sim.Rand(w.seed, "skylight", "contact", fmt.Sprint(id))
		created := w.epoch.Add(-time.Duration(1+cr.IntN(w.historyDays())) * 24 * time.Hour).Add(time.Duration(cr.IntN(600)) * time.Minute)
		c := &contact{ID: id, CreatedAt: created, Status: "active", Tags: []string{}}
		a, anchored := anchors[id]
		switch {
		case anchored:
			c.Channel, c.Person = chLinkedIn, w.findPerson(a.ProviderID)
			if c.Person == nil {
				// fixtures.Load checked the anchor and every pool holds the
				// anchor people: a broken build, not a state to serve.
				panic(fmt.Sprintf("skylight: anchor contact %d: provider id %s is not in the search pool", id, a.ProviderID))
			}
			c.Email, c.Tags = a.Email, append(c.Tags, a.Tags...)
		default:
			c.Channel = drawChannel(cr)
		}
		if c.Channel == chLinkedIn && c.Person == nil {
			// the next pool person who is not a contact yet (the anchor
			// contacts keep theirs); a small pool runs out: then WhatsApp.
			for ; next < len(perm) && c.Person == nil; next++ {
				if p := w.people.pool[perm[next]]; w.contacts.byPerson[p] == nil && !reserved[p.ProviderID] {
					c.Person = p
				}
			}
			if c.Person == nil {
				c.Channel = chWhatsApp
			}
		}
		if c.Person != nil {
			c.Name, c.FirstName = c.Person.Name, c.Person.FirstName
		} else {
			c.Name, c.FirstName = genName(cr, w.loc)
			if c.Channel == chWhatsApp || c.Channel == chTelegram {
				c.Phone = genPhone(cr, w.loc)
			}
		}
		if !anchored {
			w.genAttributes(c)
		}
		w.contacts.insert(c)
		w.genHistory(c, cr)
	}
}

// contactTags are the tags seeded contacts carry.
var contactTags = []string{"lead", "customer", "vip", "partner", "prospect", "marketing"}

// genAttributes draws a seeded contact's email, status, blacklist flag and
// tags, from their own stream (so the history draws stay as they were).
func (w *world) genAttributes(c *contact) {
	r := sim.Rand(w.seed, "skylight", "contact-attributes", fmt.Sprint(c.ID))
	if r.IntN(10) < 4 {
		c.Email = dotted(slugify(c.Name)) + "@example.com"
		if c.Person != nil {
			c.Email = dotted(slugify(c.Person.NameLatin)) + "@example.com"
		}
		if !fixtures.IsASCII(c.Email) || strings.HasPrefix(c.Email, "@") {
			c.Email = fmt.Sprintf("contact%d@example.com", c.ID)
		}
	}
	if r.IntN(20) == 0 {
		c.Status = "inactive"
	}
	c.Blacklisted = r.IntN(10) == 0
	for _, i := range r.Perm(len(contactTags))[:r.IntN(3)] {
		c.Tags = append(c.Tags, contactTags[i])
	}
	sort.Strings(c.Tags)
}

func drawChannel(r *rand.Rand) string {
	switch x := r.IntN(10); {
	case x < 5:
		return chLinkedIn
	case x < 7:
		return chWhatsApp
	case x < 8:
		return chTelegram
	case x < 9:
		return chInstagram
	default:
		return chEmail
	}
}

func genName(r *rand.Rand, l *fixtures.Locale) (name, first string) {
	f := pick(r, l.MaleFirstNames)
	if r.IntN(2) == 0 {
		f = pick(r, l.FemaleFirstNames)
	}
	return f.Name + " " + pick(r, l.LastNames).Name, f.Name
}

func genPhone(r *rand.Rand, l *fixtures.Locale) string {
	var b strings.Builder
	b.WriteString(l.PhonePrefix)
	for range l.PhoneDigits {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// genHistory gives a contact 0 to 6 past messages between its creation and
// the epoch; now and then the last inbound one is left unread.
func (w *world) genHistory(c *contact, r *rand.Rand) {
	n := r.IntN(7)
	span := w.epoch.Sub(c.CreatedAt)
	if n == 0 || span <= time.Minute {
		return
	}
	times := make([]time.Duration, n)
	for i := range times {
		times[i] = time.Duration(r.Int64N(int64(span/time.Minute))) * time.Minute
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	l := w.loc
	if c.Person != nil {
		l = c.Person.Loc
	}
	inbound := r.IntN(3) == 0
	var lastIn time.Time
	for _, d := range times {
		at := c.CreatedAt.Add(d)
		text := fixtures.Render(pick(r, l.OutboundMessages), "first_name", c.FirstName)
		if inbound {
			text, lastIn = pick(r, l.InboundMessages), at
		}
		w.contacts.store(c, inbound, text, at)
		inbound = !inbound
	}
	c.ReadAt = w.epoch.Add(-time.Minute)
	if !lastIn.IsZero() && r.IntN(4) == 0 {
		c.ReadAt = lastIn.Add(-time.Second)
	}
}

// conversation returns every message with c up to now, oldest first: the
// stored ones and those its campaigns produced.
func (w *world) conversation(c *contact, now time.Time) []*message {
	var out []*message
	for _, m := range c.stored {
		if !m.SentAt.After(now) {
			out = append(out, m)
		}
	}
	for _, ms := range c.memberships {
		out = append(out, ms.campaign.messagesOf(ms.index, now, w.seed)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].SentAt.Equal(out[j].SentAt) {
			return out[i].SentAt.Before(out[j].SentAt)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// convSummary are a conversation's counters.
type convSummary struct {
	messages, sent, received, unread int
	last                             time.Time
}

func summarize(c *contact, msgs []*message) convSummary {
	var s convSummary
	for _, m := range msgs {
		s.messages++
		if m.Inbound {
			s.received++
			if m.SentAt.After(c.ReadAt) {
				s.unread++
			}
		} else {
			s.sent++
		}
		if m.SentAt.After(s.last) {
			s.last = m.SentAt
		}
	}
	return s
}

// Delivery timings of an outbound DM sent through the API (inferred, on
// the virtual clock).
const (
	pendingFor     = 2 * time.Second // pending until LinkedIn takes it
	deliveredAfter = time.Minute     // after it was sent
)

// messageStatus derives a message's published status at now (pending, sent,
// delivered, read, failed) and when it was sent (zero while pending or
// failed). Inbound messages are delivered, then read once the conversation
// is read after them. Outbound ones: a DM sent through the API is pending
// for its first seconds (and failed when LinkedIn refused it), then sent,
// delivered a minute later, and read once the contact answered after it.
func messageStatus(c *contact, msgs []*message, i int, now time.Time) (string, time.Time) {
	m := msgs[i]
	if m.Inbound {
		if m.SentAt.After(c.ReadAt) {
			return "delivered", m.SentAt
		}
		return "read", m.SentAt
	}
	sent := m.SentAt
	if m.viaAPI {
		sent = m.SentAt.Add(pendingFor)
		switch {
		case now.Before(sent):
			return "pending", time.Time{}
		case m.fails:
			return "failed", time.Time{}
		}
	}
	for _, later := range msgs[i+1:] {
		if later.Inbound && !later.SentAt.Before(sent) {
			return "read", sent
		}
	}
	if now.Sub(sent) >= deliveredAfter {
		return "delivered", sent
	}
	return "sent", sent
}

// inbox counts the LinkedIn conversations at now.
func (w *world) inbox(now time.Time) inboxView {
	var v inboxView
	for _, c := range w.contacts.list {
		if c.Channel != chLinkedIn {
			continue
		}
		s := summarize(c, w.conversation(c, now))
		if s.messages > 0 {
			v.Conversations++
		}
		if s.unread > 0 {
			v.UnreadConversations++
		}
		v.MessagesSent += s.sent
		v.MessagesReceived += s.received
	}
	return v
}

// contactFilter is the published filters of GET /contacts.
type contactFilter struct {
	search, kind, tag string
	blacklisted       *bool
}

// match reports whether a contact passes every given filter: search over
// name, email and phone (case- and letter-folded substring), type, the
// blacklist flag and a tag.
func (f contactFilter) match(c *contact) bool {
	switch {
	case f.kind != "" && c.Channel != f.kind:
		return false
	case f.blacklisted != nil && c.Blacklisted != *f.blacklisted:
		return false
	case f.tag != "" && !slices.Contains(c.Tags, f.tag):
		return false
	case f.search == "":
		return true
	}
	q := fold(f.search)
	for _, field := range []string{c.Name, c.Email, c.Phone} {
		if field != "" && strings.Contains(fold(field), q) {
			return true
		}
	}
	return false
}
