package konnector

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
)

// The documented campaign types and statuses, in the doc's order.
var (
	campaignTypes    = []string{"smart_campaign", "friend_campaign", "connector_campaign", "friend_request_follow_message", "shared_campaign"}
	campaignStatuses = []string{"active", "inactive", "completed", "draft"}
)

// routine is a campaign routine. Its activity is described by a few drawn
// parameters; the events of each day are computed from them (events.go).
type routine struct {
	number    int
	id        string // the encrypted id, computed once
	name      string
	kind      string // campaign_type
	status    string // as generated; an active routine whose run has ended reports completed
	owner     *user
	createdAt time.Time
	// initialActivate and lastActivate are nil for a draft.
	initialActivate, lastActivate *time.Time
	maxDays                       int
	source                        string
	meta                          metadata
	steps                         []stepDef

	seed                uint64 // the events' randomness
	created             day
	runFrom, runTo      day // days with activity; runTo < runFrom: none (draft)
	pauseFrom, pauseTo  day // a pause within the run; pauseTo < pauseFrom: none
	imported            int // members imported on the creation day (drafts)
	intensity           int // typical connection requests on a working day
	acceptRate          float64
	replyRate           float64
	followRate          float64
	hasFirst, hasFollow bool // the steps send a first message / a follow-up

	cache   historyCache // the running sums of the events, grown as the clock moves
	stepIDs stepIDs      // the steps' encrypted ids, made on first use
	// The routine's times as the API writes them, formatted once.
	createdText                 string
	initialText, lastActiveText *string
}

// metadata is a routine's targeting metadata.
type metadata struct {
	industry  string
	positions []string
	goal      string
}

// genRoutine draws routine number n. Every date it sets lies before the
// world's start day, so the generated past is the same whenever the tenant
// is created; an active routine runs at least 30 days past the start day.
func (w *world) genRoutine(n int, createdAt time.Time, kind, status string, owner *user, words *fixtures.KonnectorLists) *routine {
	rng := w.rand("routine", strconv.Itoa(n))
	r := &routine{
		number: n, name: campaignName(rng, words), kind: kind, status: status, owner: owner, createdAt: createdAt,
		source: pick(rng, sources), meta: drawMetadata(rng, words), steps: stepsFor(kind),
		seed: rng.Uint64(), created: dayOf(createdAt), runFrom: 1, runTo: 0, pauseFrom: 1, pauseTo: 0,
		intensity: 8 + rng.IntN(28), acceptRate: 0.25 + 0.5*rng.Float64(), replyRate: 0.15 + 0.45*rng.Float64(),
		followRate: 0.4 + 0.4*rng.Float64(),
	}
	for _, s := range r.steps {
		r.hasFirst = r.hasFirst || s.action == actFirst
		r.hasFollow = r.hasFollow || s.action == actFollow
	}
	if status == "draft" {
		r.maxDays = 7 + rng.IntN(54)
		r.imported = 15 + rng.IntN(106)
		return r
	}
	last := w.startDay - 1
	act := r.created + day(rng.IntN(min(3, int(last-r.created)+1)))
	actAt := act.start().Add(workingTime(rng))
	if act == r.created {
		actAt = createdAt.Add(5*time.Minute + time.Duration(rng.IntN(7200))*time.Second)
	}
	r.initialActivate, r.lastActivate = &actAt, &actAt
	r.runFrom = act
	switch status {
	case "completed":
		r.maxDays = min(7+rng.IntN(24), int(last-act)+1)
		r.runTo = act + day(r.maxDays) - 1
	case "inactive":
		r.runTo = act + day(rng.IntN(int(last-act)+1))
		r.maxDays = int(r.runTo-act) + 1 + 5 + rng.IntN(26)
	default: // active
		r.maxDays = int(w.startDay-act) + 30 + rng.IntN(91)
		r.runTo = act + day(r.maxDays) - 1
		if last-act >= 3 && rng.IntN(2) == 0 {
			r.pauseFrom = act + 1 + day(rng.IntN(int(last-act)-2))
			r.pauseTo = r.pauseFrom + day(rng.IntN(min(4, int(last-r.pauseFrom)))) // resume <= last
			resume := (r.pauseTo + 1).start().Add(workingTime(rng))
			r.lastActivate = &resume
		}
	}
	return r
}

// statusOn is the routine's campaign_status on a day: an active routine whose
// run (max_campaign_days from its first activation) has ended is completed.
func (r *routine) statusOn(today day) string {
	if r.status == "active" && today > r.runTo {
		return "completed"
	}
	return r.status
}

// durationDays is campaign_duration_days at now: whole days since the first
// activation, capped at max_campaign_days; 0 if never activated.
func (r *routine) durationDays(now time.Time) int {
	if r.initialActivate == nil || now.Before(*r.initialActivate) {
		return 0
	}
	return min(int(now.Sub(*r.initialActivate)/(24*time.Hour)), r.maxDays)
}

// stepAction is what a step does, as the day-by-day events count it.
type stepAction int

// The step actions.
const (
	actTouch   stepAction = iota // a profile visit or a liked post: once per member, never fails
	actConnect                   // a connection request: accepted or not
	actFirst                     // the first message after an accept: replied to or not
	actFollow                    // the follow-up message: replied to or not
)

// stepDef is one step of a routine's sequence. Names and types follow the
// vendor's 2025-05-11 draft ("Initial Connection" connection_request,
// "Welcome Message" and "Follow-up Message" message).
type stepDef struct {
	action stepAction
	kind   string // step_type
	name   string // step_name
}

// stepsFor returns the sequence of a campaign type.
func stepsFor(kind string) []stepDef {
	visit := stepDef{actTouch, "profile_visit", "Profile Visit"}
	connect := stepDef{actConnect, "connection_request", "Initial Connection"}
	welcome := stepDef{actFirst, "message", "Welcome Message"}
	follow := stepDef{actFollow, "message", "Follow-up Message"}
	switch kind {
	case "friend_campaign": // the draft's friend_campaign example: these three steps
		return []stepDef{connect, welcome, follow}
	case "connector_campaign":
		return []stepDef{visit, {actConnect, "connection_request", "Connection Request with Note"}}
	case "friend_request_follow_message":
		return []stepDef{connect, {actFirst, "message", "Follow-up Message"}}
	case "shared_campaign":
		return []stepDef{{actTouch, "like_post", "Like Recent Post"}, connect, welcome}
	default: // smart_campaign
		return []stepDef{visit, connect, welcome, follow}
	}
}

// sources are the values of source, "manual" the most common (the doc's).
var sources = []string{"manual", "manual", "csv_import", "sales_navigator", "api"}

// maxPositions is the most target positions a routine's metadata names.
const maxPositions = 3

// campaignName draws a name such as "Q2 Sales Outreach".
func campaignName(rng *rand.Rand, words *fixtures.KonnectorLists) string {
	return words.CampaignName(pick(rng, words.CampaignNamePrefixes), pick(rng, words.CampaignNameTopics),
		pick(rng, words.CampaignNameKinds))
}

// drawMetadata draws a routine's targeting metadata.
func drawMetadata(rng *rand.Rand, words *fixtures.KonnectorLists) metadata {
	m := metadata{industry: pick(rng, words.Industries), goal: pick(rng, words.Goals)}
	for _, i := range rng.Perm(len(words.Positions))[:1+rng.IntN(min(maxPositions, len(words.Positions)))] {
		m.positions = append(m.positions, words.Positions[i])
	}
	return m
}

// pick returns a random element of list.
func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }
