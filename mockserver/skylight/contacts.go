package skylight

import (
	"fmt"
	"math/rand/v2"
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
	ID        int
	Channel   string
	Name      string
	FirstName string
	Person    *person // LinkedIn contacts only
	Phone     string  // WhatsApp and Telegram only
	CreatedAt time.Time
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

// message is one message of a conversation.
type message struct {
	ID      int
	Inbound bool
	Text    string
	SentAt  time.Time
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
	c := &contact{ID: b.nextID, Channel: chLinkedIn, Name: p.Name, FirstName: p.FirstName, Person: p, CreatedAt: at, ReadAt: at}
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

// genContacts makes the base contacts 401..400+n (418 and 419 always
// exist unless n is 0, an empty address book: the doc's Sara and Khalid,
// LinkedIn contacts), with their history.
func (w *world) genContacts(n int) {
	if n == 0 {
		return
	}
	ids := map[int]bool{418: true, 419: true}
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
	reserved := map[string]bool{"ACoAABcD1234": true, "ACoAAEfG5678": true}
	next := 0
	for _, id := range sorted {
		cr := sim.Rand(w.seed, "skylight", "contact", fmt.Sprint(id))
		created := w.epoch.Add(-time.Duration(1+cr.IntN(w.historyDays())) * 24 * time.Hour).Add(time.Duration(cr.IntN(600)) * time.Minute)
		c := &contact{ID: id, CreatedAt: created}
		switch {
		case id == 418 || id == 419:
			c.Channel, c.Person = chLinkedIn, w.findPerson(map[int]string{418: "ACoAABcD1234", 419: "ACoAAEfG5678"}[id])
			if c.Person == nil {
				c.Channel = chWhatsApp // the fixtures lost the doc's people
			}
		default:
			c.Channel = drawChannel(cr)
		}
		if c.Channel == chLinkedIn && c.Person == nil {
			// the next pool person who is not a contact yet (418 and 419
			// keep the doc's two); a small pool runs out: then WhatsApp.
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
		w.contacts.insert(c)
		w.genHistory(c, cr)
	}
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

// messageStatus derives a message's delivery state at now: inbound ones are
// read once the conversation was read after them; outbound ones are sent,
// delivered a minute later, and read once the contact answered after them.
func messageStatus(c *contact, msgs []*message, i int, now time.Time) string {
	m := msgs[i]
	if m.Inbound {
		if m.SentAt.After(c.ReadAt) {
			return "delivered"
		}
		return "read"
	}
	for _, later := range msgs[i+1:] {
		if later.Inbound && !later.SentAt.Before(m.SentAt) {
			return "read"
		}
	}
	if now.Sub(m.SentAt) >= time.Minute {
		return "delivered"
	}
	return "sent"
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

// matchContact reports whether a contact passes the list filters.
func matchContact(c *contact, channel, search string) bool {
	if channel != "" && c.Channel != channel {
		return false
	}
	if search == "" {
		return true
	}
	fields := []string{c.Name}
	if c.Person != nil {
		fields = append(fields, c.Person.Headline, c.Person.Company)
	}
	q := fold(search)
	for _, f := range fields {
		if strings.Contains(fold(f), q) {
			return true
		}
	}
	return false
}
