package konnector

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// world is one tenant's Konnector.ai organisation: its LinkedIn users and
// campaign routines. Everything in it is generated from the seed, the
// organisation's identity and the scenario's sizes, anchored at the clock's
// start day; every figure the API reports is computed from the routines'
// day-by-day events (see events.go), never stored.
//
// A world is never written after newWorld returns, so concurrent requests of
// one organisation read it without a lock; the routines' derived figures are
// caches that publish atomically (history.go).
type world struct {
	seed     int64
	identity uint64 // the organisation's identity: ids, names and events derive from it
	ids      *idCodec
	startDay day // the clock's start day: generated history ends the day before
	org      organisation
	users    []*user    // by number, from 1
	routines []*routine // by number, from 1: creation order, oldest first
}

// organisation is the caller's organisation.
type organisation struct {
	id         int
	name       string
	domain     string
	createdAt  time.Time
	status     string // subscription_status
	adminEmail string // the administrator who creates API keys
}

// user is a LinkedIn account connected to the organisation.
type user struct {
	number int
	id     string // the encrypted id, computed once
	name   string
	email  string
	status string
}

// newWorld generates the organisation of an API key. A key issued by
// /create-api-key carries its organisation's identity, so it opens the same
// organisation under any scenario; any other key is its own organisation.
// Names, the organisation's company and the campaigns' words come from the
// fixtures of the scenario's locale.
func newWorld(seed int64, apiKey string, s *scenarios.Settings, clockStart time.Time, fx *fixtures.Set) *world {
	identity, ok := issuedKeyIdentity(seed, apiKey)
	if !ok {
		identity = sim.Hash(seed, "konnector-organisation", apiKey)
	}
	w := &world{seed: seed, identity: identity, ids: newIDCodec(seed, identity), startDay: dayOf(clockStart)}
	loc := fx.Locale(s.Locale)
	rng := w.rand("organisation")
	w.org = w.genOrganisation(rng, loc)
	w.users = genUsers(rng, loc, max(1, s.World.Users), w.org.domain)
	w.routines = w.genRoutines(max(0, s.World.Routines), max(1, s.World.HistoryDays), fx.Konnector(s.Locale))
	for _, u := range w.users {
		u.id = w.ids.Encode(kindUser, u.number)
	}
	for _, r := range w.routines {
		r.id = w.ids.Encode(kindRoutine, r.number)
		r.createdText, r.initialText, r.lastActiveText = utc(r.createdAt), utcOrNil(r.initialActivate), utcOrNil(r.lastActivate)
	}
	return w
}

// rand returns the generator of one part of the world.
func (w *world) rand(parts ...string) *rand.Rand {
	return sim.Rand(w.seed, append([]string{"konnector", strconv.FormatUint(w.identity, 16)}, parts...)...)
}

// genOrganisation draws the organisation from the locale's companies. Its id
// is six digits, so it is never the doc's placeholder 123.
func (w *world) genOrganisation(rng *rand.Rand, loc *fixtures.Locale) organisation {
	c := loc.Companies[rng.IntN(len(loc.Companies))]
	created := (w.startDay - day(180+rng.IntN(900))).start().Add(workingTime(rng))
	first, last := drawName(rng, loc)
	admin := slug(first.Latin) + "." + slug(last.Latin)
	return organisation{
		id: 100000 + int(w.identity%900000), name: c.Name, domain: c.Domain, createdAt: created,
		status: "active", adminEmail: admin + "@" + c.Domain,
	}
}

// drawName draws a first name (either gender) and a last name of the locale.
func drawName(rng *rand.Rand, loc *fixtures.Locale) (first, last fixtures.Name) {
	firsts := loc.MaleFirstNames
	if rng.IntN(2) == 0 {
		firsts = loc.FemaleFirstNames
	}
	return firsts[rng.IntN(len(firsts))], loc.LastNames[rng.IntN(len(loc.LastNames))]
}

// genUsers draws n LinkedIn users; the first is always active, and one is
// inactive when n >= 3. Names are the locale's; e-mail addresses their Latin
// spelling.
func genUsers(rng *rand.Rand, loc *fixtures.Locale, n int, domain string) []*user {
	users := make([]*user, n)
	seen := map[string]bool{}
	for i := range users {
		first, last := drawName(rng, loc)
		local := slug(first.Latin) + "." + slug(last.Latin)
		for k := 2; seen[local]; k++ {
			local = slug(first.Latin) + "." + slug(last.Latin) + strconv.Itoa(k)
		}
		seen[local] = true
		status := "active"
		if i > 0 {
			switch p := rng.IntN(100); {
			case p < 12:
				status = "paused"
			case p < 20:
				status = "inactive"
			}
		}
		users[i] = &user{number: i + 1, name: first.Name + " " + last.Name, email: local + "@" + domain, status: status}
	}
	// As in the vendor's 2025-05-11 example (three users, the third
	// inactive), an organisation of three or more has an inactive user.
	if n >= 3 && !slices.ContainsFunc(users, func(u *user) bool { return u.status == "inactive" }) {
		users[n-1].status = "inactive"
	}
	return users
}

// genRoutines draws n campaign routines created over the history days before
// the start day. Types and statuses are dealt so that every type and every
// status appears as soon as n allows (all 20 pairs for n = 20), and every
// user owns a routine when n >= the number of users.
func (w *world) genRoutines(n, history int, words *fixtures.KonnectorLists) []*routine {
	rng := w.rand("routines")
	created := make([]time.Time, n)
	for i := range created {
		d := w.startDay - 1 - day(rng.IntN(history))
		created[i] = d.start().Add(workingTime(rng))
	}
	sort.Slice(created, func(i, j int) bool { return created[i].Before(created[j]) })
	for i := 1; i < n; i++ {
		if !created[i].After(created[i-1]) {
			created[i] = created[i-1].Add(time.Second)
		}
	}
	deal := rng.Perm(n)
	owners := make([]int, n)
	for i := range owners {
		owners[i] = i % len(w.users)
	}
	rng.Shuffle(n, func(i, j int) { owners[i], owners[j] = owners[j], owners[i] })
	routines := make([]*routine, n)
	for i := range routines {
		k := deal[i]
		kind := campaignTypes[k%len(campaignTypes)]
		status := campaignStatuses[k%len(campaignStatuses)]
		routines[i] = w.genRoutine(i+1, created[i], kind, status, w.users[owners[i]], words)
	}
	return routines
}

// workingTime is a time of day between 08:00 and 18:00 in Asia/Kolkata.
func workingTime(rng *rand.Rand) time.Duration {
	return time.Duration(8*3600+rng.IntN(10*3600)) * time.Second
}

// slug keeps the lower-case letters and digits of s (for emails and domains).
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) > 24 {
		out = out[:24]
	}
	return out
}

// user returns user number n, or nil.
func (w *world) user(n int) *user {
	if n < 1 || n > len(w.users) {
		return nil
	}
	return w.users[n-1]
}

// routine returns routine number n, or nil.
func (w *world) routine(n int) *routine {
	if n < 1 || n > len(w.routines) {
		return nil
	}
	return w.routines[n-1]
}
