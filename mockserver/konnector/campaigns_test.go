package konnector_test

import (
	"cmp"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// sortFields are the documented sort_by values.
var sortFields = []string{"created_at", "campaign_name", "campaign_status", "campaign_type", "last_activate_time",
	"member_count", "friend_request_count", "friend_accept_count", "connection_percentage", "message_sent_count",
	"message_replied_count", "response_rate"}

// allRows returns every campaign-info row for the filters (one page of 100).
func allRows(t *testing.T, srv *server, body map[string]any, header ...string) []map[string]any {
	t.Helper()
	b := map[string]any{"limit": 100}
	for k, v := range body {
		b[k] = v
	}
	d := data(call(t, srv, key, http.MethodPost, "/campaign-info", b, http.StatusOK, header...))
	var rows []map[string]any
	for _, item := range arr(d["campaign_info"]) {
		rows = append(rows, obj(item))
	}
	require.Equal(t, len(rows), num(d["total_campaign_routines_count"]))
	return rows
}

func routineOf(row map[string]any) map[string]any { return obj(row["linkedin_campaign_routine"]) }

func TestCampaignInfoFilters(t *testing.T) {
	srv := start(t, 1, "unlimited")
	o := identifiers(t, srv, key)
	all := allRows(t, srv, nil)
	require.Len(t, all, len(o.routines))
	tests := []struct {
		name  string
		body  map[string]any
		match func(row map[string]any) bool
	}{
		{"status", map[string]any{"campaign_status": "active"}, func(r map[string]any) bool { return routineOf(r)["campaign_status"] == "active" }},
		{"type", map[string]any{"campaign_type": "friend_campaign"}, func(r map[string]any) bool { return routineOf(r)["campaign_type"] == "friend_campaign" }},
		{"term, any case", map[string]any{"term": "oUtReAcH"}, func(r map[string]any) bool {
			return strings.Contains(strings.ToLower(str(routineOf(r)["campaign_name"])), "outreach")
		}},
		{"empty term", map[string]any{"term": ""}, func(map[string]any) bool { return true }},
		{"user", map[string]any{"linkedin_user_information_ids": o.users[1:2]}, func(r map[string]any) bool {
			return obj(r["linkedin_user"])["linkedin_user_information_id"] == o.users[1]
		}},
		{"end date before some creations", map[string]any{"end_date": "2025-04-01", "start_date": "2025-03-20"}, func(r map[string]any) bool {
			return str(routineOf(r)["created_at"]) < "2025-04-01T18:30:00Z" // the end of 2025-04-01 in Asia/Kolkata
		}},
		{"everything at once", map[string]any{"campaign_status": "completed", "campaign_type": "smart_campaign", "linkedin_user_information_ids": o.users}, func(r map[string]any) bool {
			return routineOf(r)["campaign_status"] == "completed" && routineOf(r)["campaign_type"] == "smart_campaign"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := allRows(t, srv, tc.body)
			reference := all
			if _, dated := tc.body["end_date"]; dated {
				reference = allRows(t, srv, map[string]any{"start_date": "2025-03-20"})
			}
			var want []any
			for _, r := range reference {
				if tc.match(r) {
					want = append(want, routineOf(r)["id"])
				}
			}
			var got []any
			for _, r := range rows {
				got = append(got, routineOf(r)["id"])
			}
			require.ElementsMatch(t, want, got)
		})
	}
}

func TestCampaignInfoSorting(t *testing.T) {
	srv := start(t, 2, "unlimited")
	for _, field := range sortFields {
		for _, order := range []string{"asc", "desc"} {
			t.Run(field+"/"+order, func(t *testing.T) {
				rows := allRows(t, srv, map[string]any{"sort_by": field, "sort_order": order})
				require.NotEmpty(t, rows)
				for i := 1; i < len(rows); i++ {
					a, b := rows[i-1], rows[i]
					c := compareBy(field, a, b)
					if field == "last_activate_time" && (routineOf(a)[field] == nil || routineOf(b)[field] == nil) {
						require.False(t, routineOf(a)[field] == nil && routineOf(b)[field] != nil, "never-activated routines sort last")
					} else if order == "desc" {
						require.GreaterOrEqual(t, c, 0, "%s desc at %d", field, i)
					} else {
						require.LessOrEqual(t, c, 0, "%s asc at %d", field, i)
					}
					if c == 0 {
						require.Less(t, str(routineOf(a)["created_at"]), str(routineOf(b)["created_at"]), "ties: oldest first")
					}
				}
			})
		}
	}
	def := allRows(t, srv, nil)
	byCreation := allRows(t, srv, map[string]any{"sort_by": "created_at", "sort_order": "desc"})
	require.Equal(t, byCreation, def, "default order: created_at desc")
}

// compareBy compares two rows by a sort field as the spec defines it.
func compareBy(field string, a, b map[string]any) int {
	switch field {
	case "created_at", "campaign_name", "campaign_status", "campaign_type", "last_activate_time":
		return strings.Compare(str(routineOf(a)[field]), str(routineOf(b)[field]))
	default:
		return cmp.Compare(float(a[field]), float(b[field]))
	}
}

func TestCampaignInfoParameterErrors(t *testing.T) {
	srv := start(t, 1, "unlimited")
	tests := []struct {
		name   string
		query  string
		body   any
		reason string
	}{
		{"limit 0", "?limit=0", map[string]any{"limit": 0}, "limit"},
		{"limit 101", "?limit=101", map[string]any{"limit": 101}, "limit"},
		{"limit with a fraction", "?limit=2.5", map[string]any{"limit": 2.5}, "limit"},
		{"negative offset", "?offset=-1", map[string]any{"offset": -1}, "offset"},
		{"offset beyond int32", "?offset=99999999999", map[string]any{"offset": 99999999999}, "offset"},
		{"unknown sort_by", "?sort_by=name", map[string]any{"sort_by": "name"}, "sort_by"},
		{"unknown sort_order", "?sort_order=up", map[string]any{"sort_order": "up"}, "sort_order"},
		{"unknown status", "?campaign_status=paused", map[string]any{"campaign_status": "paused"}, "campaign_status"},
		{"unknown type", "?campaign_type=smart", map[string]any{"campaign_type": "smart"}, "campaign_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/GET", func(t *testing.T) {
			r := call(t, srv, key, http.MethodGet, "/campaign-info"+tc.query, nil, http.StatusBadRequest)
			requireError(t, r, http.StatusBadRequest, "INVALID_REQUEST", "Invalid request")
			require.Contains(t, data(r)["error"], tc.reason)
		})
		t.Run(tc.name+"/POST", func(t *testing.T) {
			r := call(t, srv, key, http.MethodPost, "/campaign-info", tc.body, http.StatusBadRequest)
			requireError(t, r, http.StatusBadRequest, "INVALID_REQUEST", "Invalid request")
			require.Contains(t, data(r)["error"], tc.reason)
		})
	}
	// A JSON number without a fraction is an integer.
	d := data(call(t, srv, key, http.MethodPost, "/campaign-info", `{"limit": 3.0}`, http.StatusOK))
	require.Equal(t, float64(3), obj(d["pagination"])["limit"])
}

func TestCampaignInfoPaginationAndEcho(t *testing.T) {
	srv := start(t, 1, "unlimited")
	o := identifiers(t, srv, key)
	body := map[string]any{
		"linkedin_user_information_ids": o.users[:3], "start_date": "2025-04-01", "end_date": "2025-05-10",
		"term": "a b", "sort_by": "member_count", "sort_order": "asc", "limit": 2, "offset": 2,
	}
	r := call(t, srv, key, http.MethodPost, "/campaign-info", map[string]any{
		"linkedin_user_information_ids": o.users[:3], "start_date": "2025-04-01", "end_date": "2025-05-10",
		"sort_by": "member_count", "sort_order": "asc", "limit": 2, "offset": 2,
	}, http.StatusOK)
	d := data(r)
	require.Equal(t, "Campaign info shared successfully", r.Map()["message"])
	total := num(d["total_campaign_routines_count"])
	require.Greater(t, total, 4, "the test needs a middle page")
	p := obj(d["pagination"])
	require.Equal(t, 2, num(p["current_page"]))
	require.Equal(t, (total+1)/2, num(p["total_pages"]))
	require.Equal(t, 2, num(p["limit"]))
	require.Equal(t, 2, num(p["offset"]))
	next, err := url.Parse(str(p["next_page_url"]))
	require.NoError(t, err)
	require.Equal(t, "/social_app/api/v1/third_party/campaign-info", next.Path)
	require.True(t, strings.HasPrefix(next.RawQuery, "offset=4&limit=2&"), "offset and limit first, as in the doc: %s", next.RawQuery)
	q := next.Query()
	require.Equal(t, o.users[:3], q["linkedin_user_information_ids"], "the URL carries the filters")
	require.Equal(t, "2025-04-01", q.Get("start_date"))
	require.Equal(t, "member_count", q.Get("sort_by"))
	prev, err := url.Parse(str(p["prev_page_url"]))
	require.NoError(t, err)
	require.Equal(t, "0", prev.Query().Get("offset"))

	require.Equal(t, map[string]any{
		"linkedin_user_information_ids": []any{o.users[0], o.users[1], o.users[2]},
		"start_date":                    "2025-04-01", "end_date": "2025-05-10", "sort_by": "member_count", "sort_order": "asc",
	}, d["filters_applied"], "filters_applied echoes what was supplied, limit and offset aside")

	// A term with a space survives the URL round trip.
	d = data(call(t, srv, key, http.MethodPost, "/campaign-info", body, http.StatusOK))
	u, err := url.Parse(str(obj(d["pagination"])["prev_page_url"]))
	require.NoError(t, err)
	require.Equal(t, "a b", u.Query().Get("term"))

	// The ends of the list.
	first := data(call(t, srv, key, http.MethodGet, "/campaign-info?limit=100", nil, http.StatusOK))
	p = obj(first["pagination"])
	require.Nil(t, p["next_page_url"])
	require.Nil(t, p["prev_page_url"])
	require.Equal(t, 1, num(p["total_pages"]))
	require.Equal(t, map[string]any{}, first["filters_applied"])
	empty := data(call(t, srv, key, http.MethodGet, "/campaign-info?term=no-such-campaign", nil, http.StatusOK))
	require.Empty(t, arr(empty["campaign_info"]))
	require.NotNil(t, empty["campaign_info"], "an empty page is [], not null")
	require.Equal(t, 1, num(obj(empty["pagination"])["total_pages"]))
	beyond := data(call(t, srv, key, http.MethodGet, "/campaign-info?offset=500&limit=10", nil, http.StatusOK))
	require.Empty(t, arr(beyond["campaign_info"]))
	require.Equal(t, 20, num(beyond["total_campaign_routines_count"]))
}

func TestCampaignInfoRows(t *testing.T) {
	srv := start(t, 6, "unlimited")
	for _, row := range allRows(t, srv, map[string]any{"start_date": "2025-04-20", "end_date": "2025-05-14"}) {
		checkRowArithmetic(t, row, 25)
		routine := routineOf(row)
		steps := arr(row["campaign_steps"])
		require.NotEmpty(t, steps)
		if routine["campaign_status"] == "draft" {
			require.Nil(t, routine["initial_activate_time"])
			require.Nil(t, routine["last_activate_time"])
			require.Zero(t, num(row["campaign_duration_days"]))
			require.Zero(t, num(row["friend_request_count"]))
			for _, s := range steps {
				if obj(s)["step_type"] != "profile_visit" && obj(s)["step_type"] != "like_post" {
					require.Zero(t, float(obj(s)["completion_rate"]), "a draft has sent nothing")
				}
			}
			continue
		}
		require.LessOrEqual(t, str(routine["created_at"]), str(routine["initial_activate_time"]))
		require.LessOrEqual(t, str(routine["initial_activate_time"]), str(routine["last_activate_time"]))
		require.LessOrEqual(t, num(row["campaign_duration_days"]), num(routine["max_campaign_days"]))
		ids := map[string]bool{}
		for _, s := range steps {
			step := obj(s)
			require.Regexp(t, `^[A-Za-z0-9_-]{28}$`, step["step_id"], "an encrypted id like every other")
			require.False(t, ids[str(step["step_id"])], "step ids are distinct")
			ids[str(step["step_id"])] = true
			require.NotEmpty(t, step["step_name"])
			require.Contains(t, []string{"profile_visit", "connection_request", "message", "like_post"}, step["step_type"])
			require.GreaterOrEqual(t, float(step["completion_rate"]), 0.0)
			require.LessOrEqual(t, float(step["completion_rate"]), 100.0)
		}
	}
}

// checkRowArithmetic checks a campaign-info row: totals are the sums of its
// daily_stats and percentages follow from them.
func checkRowArithmetic(t *testing.T, row map[string]any, points int) {
	t.Helper()
	daily := arr(row["daily_stats"])
	require.Len(t, daily, points)
	sums := map[string]int{}
	for _, d := range daily {
		conn, msgs := obj(obj(d)["connections"]), obj(obj(d)["messages"])
		sums["friend_request_count"] += num(conn["sent"])
		sums["friend_accept_count"] += num(conn["accepted"])
		sums["message_sent_count"] += num(msgs["sent"])
		sums["message_replied_count"] += num(msgs["replied"])
		require.LessOrEqual(t, num(conn["accepted"]), num(conn["sent"]))
		require.LessOrEqual(t, num(msgs["replied"]), num(msgs["sent"]))
	}
	for f, n := range sums {
		require.Equal(t, n, num(row[f]), f)
	}
	require.Equal(t, pct(sums["friend_accept_count"], sums["friend_request_count"]), float(row["connection_percentage"]))
	require.Equal(t, pct(sums["message_replied_count"], sums["message_sent_count"]), float(row["response_rate"]))
}
