package tests

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// stampKeys are the per-request fields at the end of every Konnector data
// object: they differ from one request to the next by design.
var stampKeys = []string{"request_id", "timestamp"}

// agreeAPIKey: a key created by an administrator opens the same
// organisation, with the same ids and figures, under any scenario; it is
// not an administrator's key itself, and another organisation stays foreign.
func agreeAPIKey(t *testing.T, admin *client) {
	f := filters(admin)
	org := f.at("organisation")
	created := admin.expect(http.StatusOK, http.MethodPost, "/create-api-key",
		map[string]any{"organisation_id": org.at("id").int(), "description": "agreement check"}).body.at("data")
	equalInt(t, "organisation_id of the created key", created.at("organisation_id").int(), org.at("id").int())
	if created.at("organisation_name").str() != org.at("name").str() || created.at("description").str() != "agreement check" {
		t.Errorf("the created key's organisation or description: %s, filters say %s", compact(created.v), compact(org.v))
	}

	issued := *admin
	issued.key = created.at("api_key").str()
	sameAs(t, "/user-campaign-filters with the created key and with the admin's", filters(&issued).without(stampKeys...), f.without(stampKeys...))
	dashboard := func(c *client) map[string]any {
		return c.expect(http.StatusOK, http.MethodGet, "/dashboard-info", nil).body.at("data").without(stampKeys...)
	}
	sameAs(t, "/dashboard-info with the created key and with the admin's", dashboard(&issued), dashboard(admin))
	routine := "/optimized_routine_data?linkedin_campaign_routine_id=" + url.QueryEscape(f.at("campaign_routines.0.linkedin_campaign_routine_id").str())
	sameAs(t, "optimized_routine_data with the created key and with the admin's",
		issued.expect(http.StatusOK, http.MethodGet, routine, nil).body.at("data").without(stampKeys...),
		admin.expect(http.StatusOK, http.MethodGet, routine, nil).body.at("data").without(stampKeys...))

	elsewhere := issued
	elsewhere.scenario = "rate-limited"
	sameAs(t, "the created key's organisation under another scenario", filters(&elsewhere).at("organisation"), org)

	second := admin.expect(http.StatusOK, http.MethodPost, "/create-api-key", map[string]any{}).body.at("data")
	if second.at("api_key").str() == issued.key || second.at("description").str() == "" {
		t.Errorf("a second key is another key with a default description: %s", compact(second.v))
	}
	adminElsewhere := *admin // the same organisation's world under another scenario
	adminElsewhere.scenario = "rate-limited"
	third := adminElsewhere.expect(http.StatusOK, http.MethodPost, "/create-api-key", map[string]any{}).body.at("data.api_key").str()
	if third == issued.key || third == second.at("api_key").str() {
		t.Errorf("a key created under another scenario is one already issued: %s", third)
	}
	issued.fails(http.StatusUnauthorized, "UNAUTHORIZED_ACCESS", http.MethodPost, "/create-api-key", map[string]any{})

	other := *admin
	other.key = "agree-another-organisation"
	foreign := filters(&other).at("organisation.id").int()
	if foreign == org.at("id").int() {
		t.Fatalf("two unrelated keys share organisation %d", foreign)
	}
	admin.fails(http.StatusUnauthorized, "UNAUTHORIZED_ACCESS", http.MethodPost, "/create-api-key", map[string]any{"organisation_id": foreign})
}

// aggregateFilter is one choice of users and dates for the aggregates.
type aggregateFilter struct {
	name, key  string
	users      []int  // indexes into /user-campaign-filters' users; nil: no filter
	start, end string // "": not sent
}

// aggregateFilters cover all users and subsets, the default range, the
// doc's range, a single day, the whole history and a range past today.
var aggregateFilters = []aggregateFilter{
	{name: "all users, default range", key: "all"},
	{name: "first user, default range", key: "first", users: []int{0}},
	{name: "two users, the doc's range", key: "doc-range", users: []int{0, 1}, start: "2025-05-01", end: "2025-05-10"},
	{name: "last user, one day", key: "one-day", users: []int{-1}, start: "2025-05-09", end: "2025-05-09"},
	{name: "all users, whole history", key: "history", start: "2025-03-01", end: "2025-05-11"},
	{name: "three users, past today", key: "future", users: []int{1, 2, 3}, start: "2025-04-20", end: "2025-06-10"},
}

// request builds the filter's POST body and GET query from the users' ids.
func (f aggregateFilter) request(t *testing.T, all []string) (map[string]any, url.Values, []string) {
	t.Helper()
	body, q, ids := map[string]any{}, url.Values{}, all
	if f.users != nil {
		ids = nil
		for _, i := range f.users {
			if i < 0 {
				i += len(all)
			}
			if i < 0 || i >= len(all) {
				t.Fatalf("filter %q needs user %d of %d", f.name, i, len(all))
			}
			ids = append(ids, all[i])
		}
		body["linkedin_user_information_ids"] = ids
		q["linkedin_user_information_ids"] = ids
	}
	for k, v := range map[string]string{"start_date": f.start, "end_date": f.end} {
		if v != "" {
			body[k], q[k] = v, []string{v}
		}
	}
	return body, q, ids
}

// agreeAggregates: for one filter, dashboard-info's series add up to its
// totals; campaign-info's rows (the same routines) add up to the dashboard,
// date by date, status by status, type by type and user by user; and
// optimized_routine_data reports each row's figures. GET and POST agree.
func agreeAggregates(t *testing.T, c *client, f aggregateFilter) {
	fl := filters(c)
	body, q, ids := f.request(t, userIDs(fl))
	dash := c.expect(http.StatusOK, http.MethodPost, "/dashboard-info", body).body.at("data")
	sameAs(t, "dashboard-info by GET and by POST", c.expect(http.StatusOK, http.MethodGet, "/dashboard-info?"+q.Encode(), nil).body.at("data").without(stampKeys...), dash.without(stampKeys...))

	listBody := map[string]any{"limit": 100}
	for k, v := range body {
		listBody[k] = v
	}
	q.Set("limit", "100")
	info := c.expect(http.StatusOK, http.MethodPost, "/campaign-info", listBody).body.at("data")
	sameAs(t, "campaign-info by GET and by POST", c.expect(http.StatusOK, http.MethodGet, "/campaign-info?"+q.Encode(), nil).body.at("data").without(stampKeys...), info.without(stampKeys...))
	rows := info.at("campaign_info").list()
	equalInt(t, "total_campaign_routines_count vs rows", info.at("total_campaign_routines_count").int(), len(rows))

	dates := checkDashboardSums(t, dash, f, dash.at("timestamp").str()[:10])
	checkRowsAddUp(t, dash, rows, dates, ids, fl)
	for _, split := range []struct{ param, counts string }{{"campaign_status", "campaign_count_info"}, {"campaign_type", "campaign_types"}} {
		for _, value := range sortedKeysOf(dash.at(split.counts).without("total")) {
			b := map[string]any{split.param: value, "limit": 100}
			for k, v := range body {
				b[k] = v
			}
			part := c.expect(http.StatusOK, http.MethodPost, "/campaign-info", b).body.at("data")
			equalInt(t, split.counts+"."+value+" vs campaign-info with "+split.param+"="+value,
				part.at("total_campaign_routines_count").int(), dash.at(split.counts+"."+value).int())
			for _, r := range part.at("campaign_info").list() {
				if r.at("linkedin_campaign_routine."+split.param).str() != value {
					t.Errorf("%s=%s lists %s", split.param, value, compact(r.at("linkedin_campaign_routine").v))
				}
			}
		}
	}
	checkPaging(t, c, body, rows)
	for _, row := range rows {
		checkOptimized(t, c, row, f)
	}
}

// checkPaging reads the same rows three a page, following each page's
// next_page_url (a GET URL carrying the filters) from a first POST page:
// together the pages are the rows, in order; the second page's
// prev_page_url leads back to the first.
func checkPaging(t *testing.T, c *client, body map[string]any, rows []jv) {
	t.Helper()
	first := map[string]any{"limit": 3}
	for k, v := range body {
		first[k] = v
	}
	page := c.expect(http.StatusOK, http.MethodPost, "/campaign-info", first).body.at("data")
	firstPage := page.without(stampKeys...)
	var got []any
	for n := 1; ; n++ {
		for _, r := range page.at("campaign_info").list() {
			got = append(got, r.v)
		}
		next := page.at("pagination.next_page_url").strOrNull()
		if next == "" || n > len(rows) {
			break
		}
		path, ok := strings.CutPrefix(next, c.v.base)
		if !ok {
			t.Fatalf("next_page_url %q is not under %s", next, c.v.base)
		}
		page = c.expect(http.StatusOK, http.MethodGet, path, nil).body.at("data")
		if n == 1 {
			prev, _ := strings.CutPrefix(page.at("pagination.prev_page_url").strOrNull(), c.v.base)
			back := c.expect(http.StatusOK, http.MethodGet, prev, nil).body.at("data").without(stampKeys...)
			sameAs(t, "the first page, and the page prev_page_url names", back["campaign_info"], firstPage["campaign_info"])
			sameAs(t, "the first page's filters_applied, and the filters the URLs carry", back["filters_applied"], firstPage["filters_applied"])
		}
	}
	want := make([]any, 0, len(rows))
	for _, r := range rows {
		want = append(want, r.v)
	}
	if got == nil {
		got = []any{}
	}
	sameAs(t, "campaign-info three a page, following next_page_url, and in one page", got, want)
}

// checkDashboardSums checks the dashboard's own arithmetic and its dates,
// and returns the dates.
func checkDashboardSums(t *testing.T, d jv, f aggregateFilter, today string) []string {
	t.Helper()
	var dates []string
	var members, requests, accepts, sent, replied int
	req, acc, msg := d.at("connection_graph.request").list(), d.at("connection_graph.accept").list(), d.at("message_stats.daily_stats").list()
	for i, p := range d.at("campaign_member_info.data").list() {
		date := p.at("date").str()
		dates = append(dates, date)
		if req[i].at("date").str() != date || acc[i].at("date").str() != date || msg[i].at("date").str() != date {
			t.Errorf("the dashboard's series disagree on date %d (%s)", i, date)
		}
		members += p.at("count_data").int()
		requests += req[i].at("count_data").int()
		accepts += acc[i].at("count_data").int()
		sent += msg[i].at("sent").int()
		replied += msg[i].at("replied").int()
	}
	first, last := f.start, f.end
	if last == "" {
		last = today
	}
	if len(dates) == 0 || (first != "" && dates[0] != first) || dates[len(dates)-1] != last || (first == "" && len(dates) != 30) {
		t.Errorf("the dashboard's dates %v do not cover %q..%q (30 days by default)", dates, first, last)
	}
	g := d.at("connection_graph")
	equalInt(t, "total_member_count vs its series", d.at("campaign_member_info.total_member_count").int(), members)
	equalInt(t, "total_friend_request_count vs its series", g.at("total_friend_request_count").int(), requests)
	equalInt(t, "total_friend_accept_count vs its series", g.at("total_friend_accept_count").int(), accepts)
	equalInt(t, "pending_reject_count vs requests - accepts", g.at("pending_reject_count").int(), requests-accepts)
	sameAs(t, "connection_percentage", g.at("connection_percentage"), percent(accepts, requests))
	equalInt(t, "message_stats.sent vs its series", d.at("message_stats.sent").int(), sent)
	equalInt(t, "message_stats.replied vs its series", d.at("message_stats.replied").int(), replied)
	sameAs(t, "message_stats.response_rate", d.at("message_stats.response_rate"), percent(replied, sent))
	return dates
}

// sortedKeysOf lists an object's keys in order.
func sortedKeysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
