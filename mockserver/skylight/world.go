package skylight

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// world is one tenant's simulated SkyLight account: subscription, LinkedIn
// session, people, contacts and conversations, campaigns, Recruiter jobs.
// It is generated from the seed and the scenario's settings only, so two
// servers with the same seed, scenario and clock start hold the same world.
// Every handler holds mu for the whole request: for reading (readOps) or
// alone (every other operation).
type world struct {
	mu sync.RWMutex // guards every field below but inboxMemo

	// inboxMemo is the overview's inbox as last counted (inbox.go); readers
	// replace it, writers drop it.
	inboxMemo atomic.Pointer[inboxEntry]

	seed     int64
	settings scenarios.SkyLight
	sizes    scenarios.World
	fx       *fixtures.Set
	loc      *fixtures.Locale // names, places and messages of the world's locale
	epoch    time.Time        // the clock's start: the world exists since then

	account account
	conn    connection
	quotas  quotas

	people   *people // the shared search pool: read only
	met      *people // people met through campaign targets outside the pool
	contacts *contactBook

	campaigns      []*campaign // by id
	campaignByID   map[int]*campaign
	nextCampaignID int

	jobs            []*job // by id
	jobByID         map[int]*job
	applicantByID   map[int]*applicant
	nextJobID       int
	nextApplicantID int

	hooks *webhook.Registry // the tenant's webhooks and their delivery log
}

// newWorld generates a world. fx must hold the locale.
func newWorld(seed int64, fx *fixtures.Set, s *scenarios.Settings, epoch time.Time, pool *people) *world {
	w := &world{
		seed: seed, settings: s.SkyLight, sizes: s.World, fx: fx, loc: fx.Locale(s.Locale), epoch: epoch,
		contacts: newContactBook(), campaignByID: map[int]*campaign{}, nextCampaignID: 1,
		jobByID: map[int]*job{}, applicantByID: map[int]*applicant{}, nextJobID: 1, nextApplicantID: 5001,
	}
	q := s.SkyLight.Quotas
	w.quotas = quotas{
		jobs:    quota{q.LinkedInJobs.Limit, q.LinkedInJobs.Used},
		screens: quota{q.AIScreens.Limit, q.AIScreens.Used},
		resumes: quota{q.ResumeDownloads.Limit, q.ResumeDownloads.Used},
	}
	acc := w.loc.Account
	w.account = w.persona(acc.Username)
	w.conn = connection{channelID: 3 + int(sim.Hash(seed, "skylight", "channel-id")%40), state: stDisconnected}
	if s.SkyLight.Connected {
		r := sim.Rand(seed, "skylight", "session")
		since := epoch.Add(-time.Duration(20+r.IntN(20)) * day).Add(-time.Duration(r.IntN(600)) * time.Minute)
		w.conn.state, w.conn.accountID, w.conn.username, w.conn.country = stConnected, w.accountIDFor(acc.Username), acc.Username, "SA"
		w.conn.connectedAt, w.conn.syncedAt = since, epoch.Add(-time.Duration(1+r.IntN(6))*time.Hour)
		if st := s.SkyLight.SyncStatus; st != "" && st != syncOK {
			w.conn.broken = st
		}
	}
	w.people, w.met = pool, newPeople()
	w.genContacts(s.World.Contacts)
	w.genCampaigns(s.World.Campaigns, w.conn.connected())
	w.genJobs(s.World.Jobs)
	return w
}

func (w *world) historyDays() int { return max(w.sizes.HistoryDays, 1) }

// guard applies the checks that come before an operation's own: LinkedIn
// access (403), a connected and healthy account (409), a Recruiter contract
// (403).
func (w *world) guard(g gate) *sim.Error {
	switch {
	case g&needsAccess != 0 && !w.settings.LinkedInAccess:
		return errUpgrade()
	case g&needsConnection != 0 && w.conn.state == stConnected && w.conn.broken != "":
		return errBroken(w.conn.broken)
	case g&needsConnection != 0 && !w.conn.connected():
		return errNotConnected()
	case g&needsRecruiter != 0 && !w.settings.RecruiterContract:
		return errContract()
	}
	return nil
}

// overview is GET /linkedin/overview: every figure as the other endpoints
// report it at the same instant.
func (w *world) overview(now time.Time) overviewView {
	v := overviewView{Connection: w.channelView(now), Account: w.accountView(),
		Inbox: w.cachedInbox(now), ActiveCampaigns: activeCampaigns{Items: []campaignSummary{}}}
	for _, c := range w.newestFirst() {
		if s, _ := c.status(now); s == "active" {
			v.ActiveCampaigns.Count++
			if len(v.ActiveCampaigns.Items) < 10 {
				v.ActiveCampaigns.Items = append(v.ActiveCampaigns.Items, c.summary(now))
			}
		}
	}
	if w.conn.connected() {
		v.InMailBalance = max(w.settings.InMailBalance, 0)
		v.RecruiterContractDetected = w.settings.RecruiterContract
	}
	return v
}

// Plans of the subscription: Business (the published example) has
// LinkedIn; the mock calls the one without it Starter (inferred).
var (
	planBusiness = planView{ID: 3, Name: "Business", Slug: "business"}
	planStarter  = planView{ID: 1, Name: "Starter", Slug: "starter"}
)

// The plan's other limits (the published example's figures); the mock
// has one team member, the API user.
const (
	maxContacts         = 10000
	maxTeamMembers      = 10
	maxMessagesPerMonth = 50000
)

// messagesThisMonth counts the outbound messages of the calendar month (UTC)
// up to now, campaign messages included.
func (w *world) messagesThisMonth(now time.Time) int {
	y, m, _ := now.UTC().Date()
	start := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for _, c := range w.contacts.list {
		for _, msg := range w.conversation(c, now) {
			if !msg.Inbound && !msg.SentAt.Before(start) {
				n++
			}
		}
	}
	return n
}

// subscription is GET /account/subscription: the published shape, with the
// LinkedIn page's three Recruiter limits under their names (and their
// remaining counts) and linkedin_access among the features. The Recruiter
// limits are the same quotas GET /linkedin/recruiter reports.
func (w *world) subscription(now time.Time) subscriptionView {
	plan := planBusiness
	if !w.settings.LinkedInAccess {
		plan = planStarter
	}
	y, m, _ := now.UTC().Date()
	end := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Microsecond)
	limits := map[string]limitView{
		"contacts":           {Max: maxContacts, Used: len(w.contacts.list)},
		"team_members":       {Max: maxTeamMembers, Used: 1},
		"messages_per_month": {Max: maxMessagesPerMonth, Used: w.messagesThisMonth(now)},
	}
	for name, q := range map[string]quota{"max_linkedin_jobs": w.quotas.jobs, "max_recruiter_ai_screens": w.quotas.screens,
		"max_recruiter_resume_downloads": w.quotas.resumes} {
		left := q.remaining()
		limits[name] = limitView{Max: q.limit, Used: q.used, Remaining: &left}
	}
	return subscriptionView{Plan: plan, Status: "active", ExpiresAt: iso(end), Limits: limits,
		Features: featuresView{LinkedInAccess: w.settings.LinkedInAccess, Webhooks: true, APIAccess: true,
			Booking: true, OmniChannel: true, AdvancedAnalytics: plan == planBusiness}}
}
