package konnector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDashboard(t *testing.T) {
	srv := start(t, 1, "unlimited")
	o := identifiers(t, srv, key)
	tests := []struct {
		name   string
		users  []string
		dates  []string
		points int
	}{
		{"no filters", nil, nil, 30},
		{"one user", o.users[:1], nil, 30},
		{"two users and a range", []string{o.users[3], o.users[1]}, []string{"start_date", "2025-05-01", "end_date", "2025-05-10"}, 10},
		{"the same user twice", []string{o.users[2], o.users[2]}, []string{"start_date", "2025-03-01"}, 72},
		{"empty id list: everyone", []string{}, []string{"end_date", "2025-04-30"}, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]any{}
			for i := 0; i+1 < len(tc.dates); i += 2 {
				body[tc.dates[i]] = tc.dates[i+1]
			}
			if tc.users != nil {
				body["linkedin_user_information_ids"] = tc.users
			}
			post := call(t, srv, key, http.MethodPost, "/dashboard-info", body, http.StatusOK)
			get := call(t, srv, key, http.MethodGet, "/dashboard-info"+queryOf(tc.users, tc.dates...), nil, http.StatusOK)
			require.Equal(t, withoutStamp(t, post), withoutStamp(t, get), "GET and POST answer the same")
			require.Equal(t, "Dashboard details shared successfully", post.Map()["message"])
			d := data(post)
			checkDashboardArithmetic(t, d, tc.points)

			want := len(o.users)
			if len(tc.users) > 0 {
				want = len(uniq(tc.users))
			}
			require.Len(t, arr(d["user_performance"]), want, "one item per selected user")
		})
	}
}

func TestDashboardCommaSeparatedIDs(t *testing.T) {
	srv := start(t, 1, "")
	o := identifiers(t, srv, key)
	comma := call(t, srv, key, http.MethodGet, "/dashboard-info?linkedin_user_information_ids="+o.users[0]+","+o.users[2], nil, http.StatusOK)
	repeated := call(t, srv, key, http.MethodGet, "/dashboard-info"+queryOf([]string{o.users[0], o.users[2]}), nil, http.StatusOK)
	require.Equal(t, withoutStamp(t, repeated), withoutStamp(t, comma))
}

func TestDashboardUserFilterCoversExactlyTheirCampaigns(t *testing.T) {
	srv := start(t, 4, "unlimited")
	o := identifiers(t, srv, key)
	all := data(call(t, srv, key, http.MethodGet, "/dashboard-info", nil, http.StatusOK))
	var requests, members, active, total int
	for i, u := range o.users {
		d := data(call(t, srv, key, http.MethodGet, "/dashboard-info"+queryOf([]string{u}), nil, http.StatusOK))
		graph := obj(d["connection_graph"])
		requests += num(graph["total_friend_request_count"])
		members += num(obj(d["campaign_member_info"])["total_member_count"])
		total += num(obj(d["campaign_count_info"])["total"])
		perf := obj(arr(d["user_performance"])[0])
		require.Equal(t, u, perf["linkedin_user_information_id"])
		require.Equal(t, obj(arr(all["user_performance"])[i]), perf, "a user's performance does not depend on the others selected")
		require.Equal(t, num(obj(d["campaign_count_info"])["active"]), num(perf["active_campaigns"]))
		require.Equal(t, pct(num(graph["total_friend_accept_count"]), num(graph["total_friend_request_count"])), perf["connection_rate"])
		active += num(perf["active_campaigns"])
	}
	require.Equal(t, num(obj(all["connection_graph"])["total_friend_request_count"]), requests, "users partition the requests")
	require.Equal(t, num(obj(all["campaign_member_info"])["total_member_count"]), members)
	require.Equal(t, num(obj(all["campaign_count_info"])["total"]), total)
	require.Equal(t, num(obj(all["campaign_count_info"])["active"]), active)
}

func TestInvalidUserIDs(t *testing.T) {
	srv := start(t, 1, "unlimited")
	o := identifiers(t, srv, key)
	foreign := identifiers(t, srv, "another-organisations-key")
	few := identifiers(t, srv, key, "X-Mock-Scenario", "big-org")
	tampered := []byte(o.users[0])
	tampered[10] ^= 1
	tests := []struct {
		name string
		ids  []string
	}{
		{"the doc's placeholder", []string{"encrypted_id_string_1"}},
		{"another placeholder beside a real id", []string{o.users[0], "encrypted_id_string"}},
		{"tampered", []string{string(tampered)}},
		{"truncated", []string{o.users[0][:27]}},
		{"a routine id", []string{o.routines[0]}},
		{"another organisation's user", []string{foreign.users[0]}},
		{"a user of the same organisation in a bigger scenario", []string{few.users[len(few.users)-1]}},
		{"an integer", []string{"1"}},
	}
	for _, tc := range tests {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			for _, path := range []string{"/dashboard-info", "/campaign-info"} {
				t.Run(tc.name+"/"+method+path, func(t *testing.T) {
					target, body := path, any(map[string]any{"linkedin_user_information_ids": tc.ids})
					if method == http.MethodGet {
						target, body = path+queryOf(tc.ids), nil
					}
					r := call(t, srv, key, method, target, body, http.StatusBadRequest)
					requireError(t, r, http.StatusBadRequest, "INVALID_USER_IDS", "Invalid parameters")
					require.Equal(t, "One or more LinkedIn user information IDs are invalid", data(r)["error"])
				})
			}
		}
	}
}

func TestDashboardRequestErrors(t *testing.T) {
	srv := start(t, 1, "")
	tests := []struct {
		name   string
		body   any
		reason string
	}{
		{"ids not an array", map[string]any{"linkedin_user_information_ids": "abc"}, "linkedin_user_information_ids"},
		{"malformed JSON", `{"start_date": `, "malformed JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, key, http.MethodPost, "/dashboard-info", tc.body, http.StatusBadRequest)
			requireError(t, r, http.StatusBadRequest, "INVALID_REQUEST", "Invalid request")
			require.Contains(t, data(r)["error"], tc.reason)
		})
	}
}

// checkDashboardArithmetic checks that every total of a dashboard is the
// sum of its series and every percentage follows from its counts.
func checkDashboardArithmetic(t *testing.T, d map[string]any, points int) {
	t.Helper()
	members := obj(d["campaign_member_info"])
	graph := obj(d["connection_graph"])
	msgs := obj(d["message_stats"])
	series := map[string][]any{
		"members": arr(members["data"]), "request": arr(graph["request"]), "accept": arr(graph["accept"]),
		"messages": arr(msgs["daily_stats"]),
	}
	for name, s := range series {
		require.Len(t, s, points, "%s has one point per date", name)
		for i := 1; i < len(s); i++ {
			require.Less(t, str(obj(s[i-1])["date"]), str(obj(s[i])["date"]), "%s is in date order", name)
		}
	}
	sum := func(s []any, field string) int {
		n := 0
		for _, p := range s {
			n += num(obj(p)[field])
		}
		return n
	}
	require.Equal(t, sum(series["members"], "count_data"), num(members["total_member_count"]))
	req, acc := sum(series["request"], "count_data"), sum(series["accept"], "count_data")
	require.Equal(t, req, num(graph["total_friend_request_count"]))
	require.Equal(t, acc, num(graph["total_friend_accept_count"]))
	require.Equal(t, req-acc, num(graph["pending_reject_count"]))
	require.Equal(t, pct(acc, req), float(graph["connection_percentage"]))
	sent, replied := sum(series["messages"], "sent"), sum(series["messages"], "replied")
	require.Equal(t, sent, num(msgs["sent"]))
	require.Equal(t, replied, num(msgs["replied"]))
	require.Equal(t, pct(replied, sent), float(msgs["response_rate"]))

	counts := obj(d["campaign_count_info"])
	require.Equal(t, num(counts["total"]), num(counts["active"])+num(counts["inactive"])+num(counts["completed"])+num(counts["draft"]))
	types := 0
	for _, n := range obj(d["campaign_types"]) {
		types += num(n)
	}
	require.Equal(t, num(counts["total"]), types, "campaign_types covers the same campaigns")
	active := 0
	for _, p := range arr(d["user_performance"]) {
		active += num(obj(p)["active_campaigns"])
	}
	require.Equal(t, num(counts["active"]), active, "user_performance covers the same campaigns")
}

func uniq(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
