package skylight

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// searchRequest is the people search body (already validated: at least one
// filter, lengths, limit 1..100).
type searchRequest struct {
	Keywords string  `json:"keywords"`
	Title    string  `json:"title"`
	Industry string  `json:"industry"`
	Location string  `json:"location"`
	Company  string  `json:"company"`
	Limit    *int    `json:"limit"`
	Cursor   *string `json:"cursor"`
}

const defaultSearchLimit = 25

// filters are the folded filters of a search.
type filters struct {
	keywords                           []string
	title, industry, location, company string
}

func (r searchRequest) filters() filters {
	return filters{keywords: strings.Fields(fold(r.Keywords)), title: fold(r.Title),
		industry: fold(r.Industry), location: fold(r.Location), company: fold(r.Company)}
}

// key identifies the filters in a cursor.
func (f filters) key() string {
	return strings.Join([]string{strings.Join(f.keywords, " "), f.title, f.industry, f.location, f.company}, "\x00")
}

// match applies every given filter (AND) as a substring: title, industry,
// location and company against their field; each keyword against any of
// name, headline, title, company, industry and location.
func (f filters) match(p *person) bool {
	if !contains(p.folded.title, f.title) || !contains(p.folded.industry, f.industry) ||
		!contains(p.folded.location, f.location) || !contains(p.folded.company, f.company) {
		return false
	}
	for _, k := range f.keywords {
		if !strings.Contains(p.folded.all, k) {
			return false
		}
	}
	return true
}

// contains reports whether a folded field holds a folded filter; an empty
// filter matches everything.
func contains(foldedField, foldedFilter string) bool {
	return foldedFilter == "" || strings.Contains(foldedField, foldedFilter)
}

// search pages through the pool's matches in pool order: the same query
// gives the same pages, and a cursor continues exactly after the last item.
func (w *world) search(in searchRequest) (searchResult, *sim.Error) {
	f := in.filters()
	limit := defaultSearchLimit
	if in.Limit != nil {
		limit = *in.Limit
	}
	var matches []*person
	for _, p := range w.people.pool {
		if f.match(p) {
			matches = append(matches, p)
		}
	}
	offset := 0
	if in.Cursor != nil {
		var err *sim.Error
		if offset, err = w.decodeCursor(*in.Cursor, f, len(matches)); err != nil {
			return searchResult{}, err
		}
	}
	end := min(offset+limit, len(matches))
	out := searchResult{Items: make([]personView, 0, end-offset), Total: len(matches)}
	for _, p := range matches[offset:end] {
		out.Items = append(out.Items, viewPerson(p))
	}
	if end < len(matches) {
		c := w.encodeCursor(end, f)
		out.NextCursor = &c
	}
	return out, nil
}

// A cursor is base64url("v1.<offset>.<fingerprint>"), the fingerprint a
// hash of the seed and the filters: a cursor of other filters (or of another
// world) does not decode here.
func (w *world) encodeCursor(offset int, f filters) string {
	raw := fmt.Sprintf("v1.%d.%016x", offset, w.fingerprint(f))
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func (w *world) fingerprint(f filters) uint64 {
	return sim.Hash(w.seed, "skylight", "search-cursor", f.key())
}

func (w *world) decodeCursor(c string, f filters, total int) (int, *sim.Error) {
	bad := func(reason string) (int, *sim.Error) {
		return 0, sim.Invalid(map[string][]string{"cursor": {reason}})
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return bad("is not a cursor returned by this search (malformed)")
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 3 || parts[0] != "v1" {
		return bad("is not a cursor returned by this search (malformed)")
	}
	offset, err := strconv.Atoi(parts[1])
	if err != nil || offset < 1 || offset >= total || parts[2] != fmt.Sprintf("%016x", w.fingerprint(f)) {
		return bad("belongs to another search: send the same filters as the page it came from")
	}
	return offset, nil
}

// fold prepares text for matching: lower case, Arabic letter variants
// unified (أ إ آ -> ا, ة -> ه, ى -> ي) and diacritics and tatweel removed.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ':
			return 'ا'
		case r == 'ة':
			return 'ه'
		case r == 'ى':
			return 'ي'
		case r == 'ـ' || (r >= 0x064B && r <= 0x0652):
			return -1
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(s))
}
