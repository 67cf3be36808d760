package konnector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// query holds the filters of /dashboard-info and /campaign-info as the client
// supplied them, from the query string (GET) or the JSON body (POST): nil
// means absent. The spine has already checked them against the spec; what a
// schema cannot say (calendar dates, id decryption, integer bounds) is
// checked here.
type query struct {
	userIDs        []string
	startDate      *string
	endDate        *string
	limit, offset  *string // the raw numbers
	term           *string
	campaignStatus *string
	campaignType   *string
	sortBy         *string
	sortOrder      *string
}

// queryFromURL reads the query string. linkedin_user_information_ids repeats
// once per id; a comma-separated value is split too.
func queryFromURL(v url.Values, _ []byte) (*query, *sim.Error) {
	opt := func(name string) *string {
		if !v.Has(name) {
			return nil
		}
		s := v.Get(name)
		return &s
	}
	q := &query{
		startDate: opt("start_date"), endDate: opt("end_date"), limit: opt("limit"), offset: opt("offset"),
		term: opt("term"), campaignStatus: opt("campaign_status"), campaignType: opt("campaign_type"),
		sortBy: opt("sort_by"), sortOrder: opt("sort_order"),
	}
	for _, val := range v["linkedin_user_information_ids"] {
		for _, id := range strings.Split(val, ",") {
			q.userIDs = append(q.userIDs, strings.TrimSpace(id))
		}
	}
	return q, nil
}

// queryBody is the JSON body of the POST variants.
type queryBody struct {
	UserIDs        []string     `json:"linkedin_user_information_ids"`
	StartDate      *string      `json:"start_date"`
	EndDate        *string      `json:"end_date"`
	Limit          *json.Number `json:"limit"`
	Offset         *json.Number `json:"offset"`
	Term           *string      `json:"term"`
	CampaignStatus *string      `json:"campaign_status"`
	CampaignType   *string      `json:"campaign_type"`
	SortBy         *string      `json:"sort_by"`
	SortOrder      *string      `json:"sort_order"`
}

// queryFromBody reads the JSON body; an empty body means no filters.
func queryFromBody(_ url.Values, body []byte) (*query, *sim.Error) {
	var b queryBody
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &b); err != nil {
			return nil, sim.Errorf(sim.KindBadRequest, "malformed JSON body: %v", err)
		}
	}
	num := func(n *json.Number) *string {
		if n == nil {
			return nil
		}
		s := string(*n)
		return &s
	}
	return &query{
		userIDs: b.UserIDs, startDate: b.StartDate, endDate: b.EndDate, limit: num(b.Limit), offset: num(b.Offset),
		term: b.Term, campaignStatus: b.CampaignStatus, campaignType: b.CampaignType,
		sortBy: b.SortBy, sortOrder: b.SortOrder,
	}, nil
}

// queryReader reads a request's filters.
type queryReader func(q url.Values, body []byte) (*query, *sim.Error)

// selectUsers decrypts the user ids (none: every user) and returns the
// users in linkedin_users order. Any id that does not decrypt to a user of
// this organisation is INVALID_USER_IDS.
func (w *world) selectUsers(ids []string) ([]*user, *sim.Error) {
	if len(ids) == 0 {
		return w.users, nil
	}
	chosen := make([]bool, len(w.users)+1)
	for _, id := range ids {
		kind, n, ok := w.ids.Decode(id)
		if !ok || kind != kindUser || w.user(n) == nil {
			return nil, &sim.Error{Kind: sim.KindBadRequest, Status: http.StatusBadRequest, Code: "INVALID_USER_IDS",
				Summary: "Invalid parameters", Message: "One or more LinkedIn user information IDs are invalid"}
		}
		chosen[n] = true
	}
	var out []*user
	for _, u := range w.users {
		if chosen[u.number] {
			out = append(out, u)
		}
	}
	return out, nil
}

// intParam reads an integer parameter within [lo, hi]. The schema checks
// most of this; a JSON number such as 10.0 is accepted as 10.
func intParam(name string, raw *string, def, lo, hi int) (int, *sim.Error) {
	if raw == nil {
		return def, nil
	}
	n, ok := intOf(*raw)
	switch {
	case !ok:
		return 0, sim.Errorf(sim.KindBadRequest, "%s: must be an integer", name)
	case n < lo || n > hi:
		return 0, sim.Errorf(sim.KindBadRequest, "%s: must be between %d and %d", name, lo, hi)
	}
	return n, nil
}

// intOf parses a decimal integer, or a JSON number with no fraction.
func intOf(s string) (int, bool) {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// enumParam checks an optional value against its allowed values.
func enumParam(name string, v *string, allowed []string) *sim.Error {
	if v == nil || slices.Contains(allowed, *v) {
		return nil
	}
	return &sim.Error{Kind: sim.KindBadRequest, Allowed: allowed,
		Message: fmt.Sprintf("%s: must be one of %s", name, strings.Join(allowed, ", "))}
}

// filtersApplied echoes the filters the client supplied, as parsed (no
// defaults filled in; limit and offset are in pagination).
type filtersApplied struct {
	UserIDs        []string `json:"linkedin_user_information_ids,omitempty"`
	StartDate      *string  `json:"start_date,omitempty"`
	EndDate        *string  `json:"end_date,omitempty"`
	Term           *string  `json:"term,omitempty"`
	CampaignStatus *string  `json:"campaign_status,omitempty"`
	CampaignType   *string  `json:"campaign_type,omitempty"`
	SortBy         *string  `json:"sort_by,omitempty"`
	SortOrder      *string  `json:"sort_order,omitempty"`
}

// applied returns the echo of q.
func (q *query) applied() filtersApplied {
	return filtersApplied{
		UserIDs: q.userIDs, StartDate: q.startDate, EndDate: q.endDate, Term: q.term,
		CampaignStatus: q.campaignStatus, CampaignType: q.campaignType, SortBy: q.sortBy, SortOrder: q.sortOrder,
	}
}

// pageURL is the GET URL of the page at offset, under the API's base path:
// offset and limit first, as in the doc, then every filter the client
// supplied.
func (q *query) pageURL(base string, offset, limit int) string {
	var b strings.Builder
	b.WriteString(base + "/campaign-info?offset=" + itoa(offset) + "&limit=" + itoa(limit))
	for _, id := range q.userIDs {
		b.WriteString("&linkedin_user_information_ids=" + url.QueryEscape(id))
	}
	for _, p := range []struct {
		name string
		v    *string
	}{
		{"start_date", q.startDate}, {"end_date", q.endDate}, {"term", q.term},
		{"campaign_status", q.campaignStatus}, {"campaign_type", q.campaignType},
		{"sort_by", q.sortBy}, {"sort_order", q.sortOrder},
	} {
		if p.v != nil {
			b.WriteString("&" + p.name + "=" + url.QueryEscape(*p.v))
		}
	}
	return b.String()
}
