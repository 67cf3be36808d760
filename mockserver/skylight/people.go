package skylight

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync"
	"unicode"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// person is a LinkedIn member: found by search, targeted by campaigns, a
// LinkedIn contact, or a job applicant. The Latin fields spell the same
// person for places without an Arabic font (the resume PDF).
type person struct {
	ProviderID string
	PublicID   string
	Name       string
	FirstName  string
	NameLatin  string
	Female     bool

	Title      string
	TitleLatin string
	Headline   string

	Company      string
	CompanyLatin string
	Industry     string

	City          string
	CityLatin     string
	Location      string
	LocationLatin string

	// Loc is the locale the person writes in (their replies).
	Loc *fixtures.Locale
	// titleWords are the significant words of the title, for matching jobs.
	titleWords []string
	// folded holds the searchable fields case- and letter-folded once, so a
	// search does not fold the whole pool again for every query.
	folded foldedFields
}

// foldedFields are a person's searchable fields after fold.
type foldedFields struct {
	title, industry, location, company string
	all                                string // every field, for keywords
}

// ProfileURL is the person's public profile URL.
func (p *person) ProfileURL() string {
	return "https://www.linkedin.com/in/" + url.PathEscape(p.PublicID)
}

// people is a set of persons with their indexes. A world has two: the
// finite search pool (anchors first), generated once per seed, locale and
// size and shared read-only by every world that has them, and the people
// this world met only through a campaign target that is not in the pool.
type people struct {
	pool       []*person
	byProvider map[string]*person // exact provider id
	byPublic   map[string]*person // lower-cased public identifier
}

func newPeople() *people {
	return &people{byProvider: map[string]*person{}, byPublic: map[string]*person{}}
}

// taken reports whether p's ids already name someone here.
func (ps *people) taken(p *person) bool {
	return ps.byProvider[p.ProviderID] != nil || ps.byPublic[strings.ToLower(p.PublicID)] != nil ||
		ps.byPublic[strings.ToLower(p.ProviderID)] != nil || ps.byProvider[p.PublicID] != nil
}

// add indexes p; it reports false when its ids are taken.
func (ps *people) add(p *person) bool {
	if ps.taken(p) {
		return false
	}
	ps.byProvider[p.ProviderID] = p
	ps.byPublic[strings.ToLower(p.PublicID)] = p
	return true
}

// find resolves a provider id or a public identifier.
func (ps *people) find(id string) *person {
	if p := ps.byProvider[id]; p != nil {
		return p
	}
	return ps.byPublic[strings.ToLower(id)]
}

// isProfileID reports whether id is what LinkedIn accepts as a public
// identifier or member id: letters, digits, hyphens and underscores, 2 to
// 100 characters, the first a letter or digit. (The same rule as a regexp,
// ^[\p{L}\p{N}][\p{L}\p{N}_-]{1,99}$, compiled to 3.8 MB at every start
// of the program.)
func isProfileID(id string) bool {
	n := 0
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && (n == 0 || (r != '_' && r != '-')) {
			return false
		}
		if n++; n > 100 {
			return false
		}
	}
	return n >= 2
}

// anchorPerson builds a doc-example person from the fixtures.
func anchorPerson(a fixtures.Anchor, ar *fixtures.Locale) *person {
	company, _ := ar.Company(a.Company)
	city, _ := ar.City(a.City)
	return withWords(&person{
		ProviderID: a.ProviderID, PublicID: a.PublicIdentifier,
		Name: a.FirstName + " " + a.LastName, FirstName: a.FirstName, NameLatin: a.Latin, Female: a.Female,
		Title: a.Title, TitleLatin: latinTitle(ar, a.Title, "Professional"), Headline: a.Headline,
		Company: company.Name, CompanyLatin: company.Latin, Industry: company.Industry,
		City: city.Name, CityLatin: city.Latin, Location: ar.Location(city),
		LocationLatin: city.Latin + ", " + city.CountryLatin, Loc: ar,
	})
}

func withWords(p *person) *person {
	p.titleWords = significantWords(p.Title + " " + p.TitleLatin)
	p.folded = foldedFields{
		title: fold(p.Title), industry: fold(p.Industry), location: fold(p.Location), company: fold(p.Company),
		all: fold(strings.Join([]string{p.Name, p.Headline, p.Title, p.Company, p.Industry, p.Location}, "\n")),
	}
	return p
}

func latinTitle(l *fixtures.Locale, title, fallback string) string {
	for _, t := range l.JobTitles {
		if t.Title == title {
			return t.Latin
		}
	}
	return fallback
}

// genPerson draws a person from a locale's lists with r.
func genPerson(r *rand.Rand, l *fixtures.Locale) *person {
	female := r.IntN(2) == 0
	first := pick(r, l.MaleFirstNames)
	if female {
		first = pick(r, l.FemaleFirstNames)
	}
	last := pick(r, l.LastNames)
	title := pick(r, l.JobTitles)
	company := pick(r, l.Companies)
	city := pick(r, l.Cities)
	headline := fixtures.Render(pick(r, l.Headlines), "title", title.ForGender(female),
		"company", company.Name, "industry", company.Industry, "city", city.Name)
	slug := slugify(first.Latin + "-" + last.Latin)
	return withWords(&person{
		ProviderID: memberID(r), PublicID: fmt.Sprintf("%s-%04x", slug, r.IntN(1<<16)),
		Name: first.Name + " " + last.Name, FirstName: first.Name, NameLatin: first.Latin + " " + last.Latin, Female: female,
		Title: title.Title, TitleLatin: title.Latin, Headline: headline,
		Company: company.Name, CompanyLatin: company.Latin, Industry: company.Industry,
		City: city.Name, CityLatin: city.Latin, Location: l.Location(city),
		LocationLatin: city.Latin + ", " + city.CountryLatin, Loc: l,
	})
}

// genPool makes the search pool: the doc's people, then n generated ones.
// In an Arabic world everyone is Arabic; otherwise every fourth person is
// (the vendor serves Saudi customers).
func genPool(seed int64, fx *fixtures.Set, locale string, n int) *people {
	ps := newPeople()
	ar := fx.Locale("ar")
	for _, a := range fx.Anchors() {
		p := anchorPerson(a, ar)
		ps.add(p)
		ps.pool = append(ps.pool, p)
	}
	for i := 0; len(ps.pool) < n; i++ {
		l := fx.Locale(locale)
		if i%4 == 3 {
			l = ar
		}
		p := genPerson(sim.Rand(seed, "skylight", "person", fmt.Sprint(i)), l)
		if ps.add(p) {
			ps.pool = append(ps.pool, p)
		}
	}
	return ps
}

// synthesize makes up the LinkedIn member behind a well-formed identifier
// that is not in the pool (LinkedIn is larger than the pool): the same
// identifier always gives the same person.
func (w *world) synthesize(id string) *person {
	r := sim.Rand(w.seed, "skylight", "target", strings.ToLower(id))
	p := genPerson(r, w.loc)
	if strings.HasPrefix(id, "ACo") {
		p.ProviderID = id
		p.PublicID = fmt.Sprintf("member-%08x", r.Uint32())
	} else {
		p.PublicID = id
		if first, last, ok := nameFromSlug(id); ok && fixtures.IsASCII(id) {
			p.Name, p.FirstName, p.NameLatin = first+" "+last, first, first+" "+last
		}
	}
	for w.people.taken(p) || !w.met.add(p) { // a drawn id is taken: draw it again
		if strings.HasPrefix(id, "ACo") {
			p.PublicID = fmt.Sprintf("member-%08x", r.Uint32())
		} else {
			p.ProviderID = memberID(r)
		}
	}
	return p
}

// resolve finds or synthesizes the person named by id (a provider id or a
// public identifier); nil when id is not well-formed.
func (w *world) resolve(id string) *person {
	if p := w.findPerson(id); p != nil {
		return p
	}
	if !isProfileID(id) {
		return nil
	}
	return w.synthesize(id)
}

// findPerson resolves a provider id or public identifier among the pool and
// the people this world met.
func (w *world) findPerson(id string) *person {
	if p := w.people.find(id); p != nil {
		return p
	}
	return w.met.find(id)
}

// poolCache shares generated search pools between worlds: a pool is a pure
// function of (seed, locale, size) and is never written after generation,
// so every tenant of a scenario reads the same one instead of holding its
// own copy (about 0.4 MiB each at the default size).
type poolCache struct {
	mu    sync.Mutex // guards pools
	pools map[string]*people
}

// maxCachedPools bounds the cache; scenarios give few distinct sizes.
const maxCachedPools = 32

func (c *poolCache) get(seed int64, fx *fixtures.Set, locale string, n int) *people {
	key := fmt.Sprintf("%s/%d", locale, n)
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.pools[key]; p != nil {
		return p
	}
	if c.pools == nil || len(c.pools) >= maxCachedPools {
		c.pools = map[string]*people{}
	}
	p := genPool(seed, fx, locale, n)
	c.pools[key] = p
	return p
}

// poolSize is the number of people in a world's search pool: the scenario's
// size, and at least the doc's people plus one.
func poolSize(fx *fixtures.Set, s *scenarios.Settings) int {
	return max(s.World.SearchPool, len(fx.Anchors())+1)
}

// nameFromSlug reads "faisal-alharbi-pm" as Faisal Alharbi.
func nameFromSlug(slug string) (first, last string, ok bool) {
	var words []string
	for _, part := range strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' }) {
		if len(part) >= 2 && strings.IndexFunc(part, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			words = append(words, strings.ToUpper(part[:1])+strings.ToLower(part[1:]))
		}
	}
	if len(words) < 2 {
		return "", "", false
	}
	return words[0], words[1], true
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// memberID draws a LinkedIn-style member id such as ACoAABcD1234.
func memberID(r *rand.Rand) string {
	b := []byte("ACoAA")
	for range 7 {
		b = append(b, base62[r.IntN(len(base62))])
	}
	return string(b)
}

func slugify(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == '-' || c == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
