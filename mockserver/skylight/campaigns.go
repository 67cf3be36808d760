package skylight

import (
	"fmt"
	"sort"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// campaign is a LinkedIn invite or sequence campaign. Its stored state is
// what the user decided (active, paused, cancelled); `completed` and all the
// counters are derived from the clock (progress.go).
type campaign struct {
	ID         int
	key        string // names the campaign's randomness
	Name       string
	Type       string // "invite" or "sequence"
	inviteNote *string
	sequence   []sequenceMessage
	state      string // "active", "paused" or "cancelled"
	createdAt  time.Time
	statusAt   time.Time // last status change (or creation)
	pausedAt   time.Time
	cancelled  time.Time
	runs       []run
	members    []*member
}

// sequenceMessage is one follow-up DM of a sequence campaign.
type sequenceMessage struct {
	Text     string `json:"text"`
	WaitDays int    `json:"wait_days"`
}

// member is one person of a campaign.
type member struct {
	contact *contact
	given   string // the id as the client gave it (provider id or public identifier)
	plan    plan
}

// seededStatuses are the statuses of the generated campaigns, in turn, so
// every status exists from four campaigns on.
var seededStatuses = []string{"active", "paused", "completed", "cancelled", "active", "completed", "active", "paused"}

// genCampaigns makes n past campaigns over pool people, ids from 51 in
// creation order.
func (w *world) genCampaigns(n int, connected bool) {
	var made []*campaign
	for i := range n {
		r := sim.Rand(w.seed, "skylight", "seed-campaign", fmt.Sprint(i))
		target := seededStatuses[i%len(seededStatuses)]
		c := &campaign{key: fmt.Sprintf("seed-%d", i), Name: w.loc.CampaignNames[i%len(w.loc.CampaignNames)], Type: "invite", state: "active", sequence: []sequenceMessage{}}
		if r.IntN(2) == 0 {
			c.Type = "sequence"
			for j := range 1 + r.IntN(3) {
				c.sequence = append(c.sequence, sequenceMessage{Text: w.loc.SequenceMessages[j%len(w.loc.SequenceMessages)], WaitDays: 1 + r.IntN(5)})
			}
		}
		if r.IntN(10) < 7 {
			note := pick(r, w.loc.InviteNotes)
			c.inviteNote = &note
		}
		age := map[string]int{"completed": 40 + r.IntN(20), "active": 1 + r.IntN(8), "paused": 5 + r.IntN(10), "cancelled": 10 + r.IntN(20)}[target]
		c.createdAt = w.epoch.Add(-time.Duration(age) * day).Add(-time.Duration(r.IntN(600)) * time.Minute)
		c.statusAt = c.createdAt
		c.runs = []run{{from: c.createdAt}}
		switch target {
		case "paused":
			c.state, c.pausedAt = "paused", c.createdAt.Add(time.Duration(2+r.IntN(3))*day)
			c.runs[0].to, c.statusAt = c.pausedAt, c.pausedAt
		case "cancelled":
			c.state, c.cancelled = "cancelled", c.createdAt.Add(time.Duration(1+r.IntN(5))*day)
			c.runs[0].to, c.statusAt = c.cancelled, c.cancelled
		}
		if !connected {
			c.stop(w.epoch)
		}
		size := min(12+r.IntN(29), len(w.people.pool))
		pending := target == "active" || target == "paused"
		for k, idx := range r.Perm(len(w.people.pool))[:size] {
			p := w.people.pool[idx]
			c.members = append(c.members, &member{given: p.ProviderID, plan: newPlan(w.seed, c.key, k, p, c.sequence, pending && k == 0)})
		}
		made = append(made, c)
	}
	sort.SliceStable(made, func(i, j int) bool { return made[i].createdAt.Before(made[j].createdAt) })
	for i, c := range made {
		c.ID = 51 + i
		for k, m := range c.members {
			m.contact = w.contacts.linkedIn(w.findPerson(m.given), c.createdAt)
			m.contact.memberships = append(m.contact.memberships, membership{campaign: c, index: k})
		}
		w.addCampaign(c)
	}
}

func (w *world) addCampaign(c *campaign) {
	w.campaigns = append(w.campaigns, c)
	w.campaignByID[c.ID] = c
	if c.ID >= w.nextCampaignID {
		w.nextCampaignID = c.ID + 1
	}
}

// newCampaign creates and starts a campaign for people (already resolved and
// distinct) at now.
func (w *world) newCampaign(in campaignCreate, people []target, now time.Time) *campaign {
	c := &campaign{ID: w.nextCampaignID, Name: in.Name, Type: in.CampaignType, state: "active",
		createdAt: now, statusAt: now, runs: []run{{from: now}}, sequence: []sequenceMessage{}}
	c.key = fmt.Sprintf("c%d", c.ID)
	if in.InviteNote != nil && *in.InviteNote != "" {
		note := *in.InviteNote
		c.inviteNote = &note
	}
	if in.CampaignType == "sequence" {
		c.sequence = append(c.sequence, in.SequenceMessages...)
	}
	for k, t := range people {
		ct := w.contacts.linkedIn(t.person, now)
		c.members = append(c.members, &member{contact: ct, given: t.given, plan: newPlan(w.seed, c.key, k, t.person, c.sequence, false)})
		ct.memberships = append(ct.memberships, membership{campaign: c, index: k})
	}
	w.addCampaign(c)
	return c
}

// The user's transitions: action -> the statuses it is allowed from.
var transitions = map[string][]string{
	"pause":  {"active"},
	"resume": {"paused"},
	"cancel": {"active", "paused"},
}

var pastTense = map[string]string{"pause": "paused", "resume": "resumed", "cancel": "cancelled"}

// transition applies pause, resume or cancel at now, or answers 409
// invalid_status_transition with the current status.
func (w *world) transition(c *campaign, action string, now time.Time) *sim.Error {
	current, _ := c.status(now)
	allowed := false
	for _, s := range transitions[action] {
		allowed = allowed || s == current
	}
	if !allowed {
		return errTransition("campaign", current, pastTense[action])
	}
	switch action {
	case "pause":
		c.stop(now)
		c.state, c.pausedAt = "paused", now
	case "resume":
		c.state, c.pausedAt = "active", time.Time{}
		if w.conn.connected() {
			c.start(now)
		}
	case "cancel":
		c.stop(now)
		c.state, c.pausedAt, c.cancelled = "cancelled", time.Time{}, now
	}
	c.statusAt = now
	return nil
}

// setRunning stops or restarts every active campaign when the account
// disconnects or connects.
func (w *world) setRunning(on bool, now time.Time) {
	for _, c := range w.campaigns {
		switch {
		case c.state != "active":
		case on:
			c.start(now)
		default:
			c.stop(now)
		}
	}
}

// view renders the campaign at now.
func (c *campaign) view(now time.Time) campaignView {
	status, completed := c.status(now)
	return campaignView{
		ID: c.ID, Name: c.Name, CampaignType: c.Type, Status: status, InviteNote: c.inviteNote,
		SequenceMessages: c.sequence, ContactsCount: len(c.members), Stats: c.stats(now),
		CreatedAt: iso(c.createdAt), UpdatedAt: iso(c.updatedAt(now)), StartedAt: iso(c.createdAt),
		PausedAt: isoPtr(c.pausedAt), CompletedAt: isoPtr(completed), CancelledAt: isoPtr(c.cancelled),
	}
}

func (c *campaign) summary(now time.Time) campaignSummary {
	status, _ := c.status(now)
	return campaignSummary{ID: c.ID, Name: c.Name, CampaignType: c.Type, Status: status,
		ContactsCount: len(c.members), CreatedAt: iso(c.createdAt)}
}

// contactView renders member i at now.
func (c *campaign) contactView(i int, now time.Time) campaignContactView {
	m := c.members[i]
	p := c.progressOf(m, c.elapsed(now))
	per := m.contact.Person
	return campaignContactView{
		ContactID: m.contact.ID, ProviderID: m.given, Name: per.Name, Headline: per.Headline, ProfileURL: per.ProfileURL(),
		Status: p.status, InvitedAt: isoPtr(p.invitedAt), AcceptedAt: isoPtr(p.acceptedAt),
		LastMessageAt: isoPtr(p.lastMsg), RepliedAt: isoPtr(p.repliedAt), MessagesSent: p.sent,
	}
}

// newestFirst returns the campaigns by creation time, newest first.
func (w *world) newestFirst() []*campaign {
	out := append([]*campaign(nil), w.campaigns...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].createdAt.Equal(out[j].createdAt) {
			return out[i].createdAt.After(out[j].createdAt)
		}
		return out[i].ID > out[j].ID
	})
	return out
}
