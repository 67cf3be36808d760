package konnector_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// filterSet is one choice of users and dates.
type filterSet struct {
	users      []string
	start, end string // "" means the default
}

func (f filterSet) body() map[string]any {
	b := map[string]any{}
	if f.users != nil {
		b["linkedin_user_information_ids"] = f.users
	}
	if f.start != "" {
		b["start_date"] = f.start
	}
	if f.end != "" {
		b["end_date"] = f.end
	}
	return b
}

func (f filterSet) query(kv ...string) string {
	if f.start != "" {
		kv = append(kv, "start_date", f.start)
	}
	if f.end != "" {
		kv = append(kv, "end_date", f.end)
	}
	return queryOf(f.users, kv...)
}

// points is the number of dates of the effective range (today 2025-05-11).
func (f filterSet) points(t *testing.T) int {
	end := time.Date(2025, 5, 11, 0, 0, 0, 0, time.UTC)
	if f.end != "" {
		var err error
		end, err = time.Parse(time.DateOnly, f.end)
		require.NoError(t, err)
	}
	if f.start == "" {
		return 30
	}
	start, err := time.Parse(time.DateOnly, f.start)
	require.NoError(t, err)
	return int(end.Sub(start).Hours()/24) + 1
}

// filterSets draws the filters one seed is checked with.
func filterSets(o org, rng *rand.Rand) []filterSet {
	subset := []string{}
	for _, u := range o.users {
		if rng.IntN(2) == 0 {
			subset = append(subset, u)
		}
	}
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(70))
	to := from.AddDate(0, 0, rng.IntN(45))
	return []filterSet{
		{},
		{users: o.users[:1]},
		{users: subset, start: "2025-05-02", end: "2025-05-11"},
		{users: o.users, start: "2025-03-01", end: "2025-05-15"},
		{users: []string{o.users[rng.IntN(len(o.users))]}, start: from.Format(time.DateOnly), end: to.Format(time.DateOnly)},
	}
}

func TestAggregatesAddUpOverSeeds(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed-", seed), func(t *testing.T) {
			t.Parallel()
			srv := start(t, seed, "unlimited")
			o := identifiers(t, srv, key)
			rng := rand.New(rand.NewPCG(uint64(seed), 2025))
			for i, f := range filterSets(o, rng) {
				t.Run(fmt.Sprint("filters-", i), func(t *testing.T) {
					checkFilterSet(t, srv, f, rng, i == 0 && seed <= 5)
				})
			}
		})
	}
}

// checkFilterSet checks, for one set of filters, that GET equals POST, that
// the dashboard equals the sum of the campaign-info rows, that every row
// equals its optimized_routine_data, and that paging yields every row once.
func checkFilterSet(t *testing.T, srv *server, f filterSet, rng *rand.Rand, everyRoutine bool) {
	post := call(t, srv, key, http.MethodPost, "/dashboard-info", f.body(), http.StatusOK)
	get := call(t, srv, key, http.MethodGet, "/dashboard-info"+f.query(), nil, http.StatusOK)
	require.Equal(t, withoutStamp(t, post), withoutStamp(t, get), "dashboard: GET == POST")
	dash := data(post)
	checkDashboardArithmetic(t, dash, f.points(t))

	postInfo := call(t, srv, key, http.MethodPost, "/campaign-info", merge(f.body(), "limit", 100), http.StatusOK)
	getInfo := call(t, srv, key, http.MethodGet, "/campaign-info"+f.query("limit", "100"), nil, http.StatusOK)
	require.Equal(t, withoutStamp(t, postInfo), withoutStamp(t, getInfo), "campaign-info: GET == POST")
	var rows []map[string]any
	for _, item := range arr(data(postInfo)["campaign_info"]) {
		rows = append(rows, obj(item))
	}
	requireDashboardIsSumOfRows(t, dash, rows)

	for i, row := range rows {
		checkRowArithmetic(t, row, f.points(t))
		if everyRoutine || rng.IntN(len(rows)) < 3 || i == 0 {
			dates := filterSet{start: f.start, end: f.end}
			r := call(t, srv, key, http.MethodGet, "/optimized_routine_data"+
				dates.query("linkedin_campaign_routine_id", str(routineOf(row)["id"])), nil, http.StatusOK)
			requireSameFigures(t, row, data(r))
		}
	}
	checkPaging(t, srv, f, rng)
}

// requireDashboardIsSumOfRows checks that the dashboard's figures are the
// sums of the campaign-info rows for the same users and range.
func requireDashboardIsSumOfRows(t *testing.T, dash map[string]any, rows []map[string]any) {
	t.Helper()
	counts := obj(dash["campaign_count_info"])
	require.Equal(t, len(rows), num(counts["total"]), "campaign_count_info.total == number of rows")
	statuses, types := map[string]int{}, map[string]int{}
	sum := map[string]int{}
	type userSums struct{ req, acc, sent, replied, active int }
	perUser := map[string]*userSums{}
	for _, row := range rows {
		routine := routineOf(row)
		statuses[str(routine["campaign_status"])]++
		types[str(routine["campaign_type"])]++
		for _, f := range []string{"friend_request_count", "friend_accept_count", "message_sent_count", "message_replied_count"} {
			sum[f] += num(row[f])
		}
		u := str(obj(row["linkedin_user"])["linkedin_user_information_id"])
		if perUser[u] == nil {
			perUser[u] = &userSums{}
		}
		s := perUser[u]
		s.req += num(row["friend_request_count"])
		s.acc += num(row["friend_accept_count"])
		s.sent += num(row["message_sent_count"])
		s.replied += num(row["message_replied_count"])
		if routine["campaign_status"] == "active" {
			s.active++
		}
	}
	for _, st := range []string{"active", "inactive", "completed", "draft"} {
		require.Equal(t, statuses[st], num(counts[st]), "status %s", st)
	}
	for ty, n := range obj(dash["campaign_types"]) {
		require.Equal(t, types[ty], num(n), "type %s", ty)
	}
	graph, msgs := obj(dash["connection_graph"]), obj(dash["message_stats"])
	require.Equal(t, sum["friend_request_count"], num(graph["total_friend_request_count"]))
	require.Equal(t, sum["friend_accept_count"], num(graph["total_friend_accept_count"]))
	require.Equal(t, sum["message_sent_count"], num(msgs["sent"]))
	require.Equal(t, sum["message_replied_count"], num(msgs["replied"]))
	for _, p := range arr(dash["user_performance"]) {
		perf := obj(p)
		s := perUser[str(perf["linkedin_user_information_id"])]
		if s == nil {
			s = &userSums{}
		}
		require.Equal(t, pct(s.acc, s.req), float(perf["connection_rate"]))
		require.Equal(t, pct(s.replied, s.sent), float(perf["response_rate"]))
		require.Equal(t, s.active, num(perf["active_campaigns"]))
	}
}

// checkPaging follows next_page_url from the first page with a random limit,
// sort and status filter, and requires every matching routine exactly once,
// in the order of the single-page answer.
func checkPaging(t *testing.T, srv *server, f filterSet, rng *rand.Rand) {
	t.Helper()
	sortBy := sortFields[rng.IntN(len(sortFields))]
	order := []string{"asc", "desc"}[rng.IntN(2)]
	kv := []string{"sort_by", sortBy, "sort_order", order}
	if rng.IntN(3) == 0 {
		kv = append(kv, "campaign_status", []string{"active", "inactive", "completed", "draft"}[rng.IntN(4)])
	}
	limit := 1 + rng.IntN(7)
	all := data(call(t, srv, key, http.MethodGet, "/campaign-info"+f.query(append(kv, "limit", "100")...), nil, http.StatusOK))
	var want []string
	for _, item := range arr(all["campaign_info"]) {
		want = append(want, str(routineOf(obj(item))["id"]))
	}
	var got []string
	seen := map[string]bool{}
	next := "/campaign-info" + f.query(append(kv, "limit", fmt.Sprint(limit))...)
	pages := 0
	for next != "" {
		pages++
		require.LessOrEqual(t, pages, 100, "paging ends")
		d := data(call(t, srv, key, http.MethodGet, next, nil, http.StatusOK))
		p := obj(d["pagination"])
		require.Equal(t, pages, num(p["current_page"]))
		require.Equal(t, len(want), num(d["total_campaign_routines_count"]))
		for _, item := range arr(d["campaign_info"]) {
			id := str(routineOf(obj(item))["id"])
			require.False(t, seen[id], "routine %s appears once", id)
			seen[id] = true
			got = append(got, id)
		}
		next = strings.TrimPrefix(str(p["next_page_url"]), "/social_app/api/v1/third_party")
		if next == "" {
			require.Equal(t, pages, num(p["total_pages"]), "the last page is total_pages")
		}
	}
	require.Equal(t, want, got, "pages of %d sorted by %s %s", limit, sortBy, order)
}

func merge(m map[string]any, kv ...any) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}
