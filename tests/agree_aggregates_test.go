package tests

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// counts are the figures that add up across Konnector's reports.
type counts struct{ requests, accepts, sent, replied int }

func (c *counts) add(requests, accepts, sent, replied int) {
	c.requests += requests
	c.accepts += accepts
	c.sent += sent
	c.replied += replied
}

// rowCounts reads a campaign-info row's figures and checks them against its
// own daily stats (whose dates must be the range's) and rates.
func rowCounts(t *testing.T, r jv, dates []string) counts {
	t.Helper()
	id := r.at("linkedin_campaign_routine.id").str()
	var daily counts
	days := r.at("daily_stats").list()
	if len(days) != len(dates) {
		t.Fatalf("routine %s: %d daily stats for %d dates", id, len(days), len(dates))
	}
	for i, d := range days {
		if d.at("date").str() != dates[i] {
			t.Errorf("routine %s: daily stat %d is for %s, the dashboard's is %s", id, i, d.at("date").str(), dates[i])
		}
		daily.add(d.at("connections.sent").int(), d.at("connections.accepted").int(), d.at("messages.sent").int(), d.at("messages.replied").int())
	}
	row := counts{r.at("friend_request_count").int(), r.at("friend_accept_count").int(), r.at("message_sent_count").int(), r.at("message_replied_count").int()}
	if row != daily {
		t.Errorf("routine %s: counts %+v, its daily stats add up to %+v", id, row, daily)
	}
	sameAs(t, "routine "+id+" connection_percentage", r.at("connection_percentage"), percent(row.accepts, row.requests))
	sameAs(t, "routine "+id+" response_rate", r.at("response_rate"), percent(row.replied, row.sent))
	return row
}

// checkRowsAddUp checks campaign-info's rows against the dashboard of the
// same filter: totals, each date, the status and type counts, each user's
// performance, and (when the range covers every routine's life up to today)
// the members; and each row against /user-campaign-filters.
func checkRowsAddUp(t *testing.T, dash jv, rows []jv, dates, ids []string, fl jv) {
	t.Helper()
	listed := map[string]jv{}
	for _, r := range fl.at("campaign_routines").list() {
		listed[r.at("linkedin_campaign_routine_id").str()] = r
	}
	var total counts
	perDate := make([]counts, len(dates))
	perUser := map[string]*struct {
		counts
		active int
	}{}
	for _, id := range ids {
		perUser[id] = &struct {
			counts
			active int
		}{}
	}
	statuses, types := documentedCounts()
	members, coversLife := 0, true
	for _, r := range rows {
		rt := r.at("linkedin_campaign_routine")
		id := rt.at("id").str()
		if fr, ok := listed[id]; !ok {
			t.Errorf("routine %s is not in /user-campaign-filters", id)
		} else {
			for field, other := range map[string]string{"campaign_name": "name", "campaign_type": "campaign_type", "campaign_status": "campaign_status", "created_at": "created_at"} {
				sameAs(t, "routine "+id+" "+field+" in campaign-info and in the filters", rt.at(field), fr.at(other))
			}
		}
		owner := perUser[r.at("linkedin_user.linkedin_user_information_id").str()]
		if owner == nil {
			t.Fatalf("routine %s belongs to %s, not one of the users asked for", id, compact(r.at("linkedin_user").v))
		}
		c := rowCounts(t, r, dates)
		total.add(c.requests, c.accepts, c.sent, c.replied)
		owner.add(c.requests, c.accepts, c.sent, c.replied)
		for i, d := range r.at("daily_stats").list() {
			perDate[i].add(d.at("connections.sent").int(), d.at("connections.accepted").int(), d.at("messages.sent").int(), d.at("messages.replied").int())
		}
		status := rt.at("campaign_status").str()
		if status == "active" {
			owner.active++
		}
		count(t, statuses, "campaign_status", status)
		count(t, types, "campaign_type", rt.at("campaign_type").str())
		members += r.at("member_count").int()
		coversLife = coversLife && dates[0] < rt.at("created_at").str()[:10]
	}
	g := dash.at("connection_graph")
	dashTotal := counts{g.at("total_friend_request_count").int(), g.at("total_friend_accept_count").int(),
		dash.at("message_stats.sent").int(), dash.at("message_stats.replied").int()}
	if total != dashTotal {
		t.Errorf("campaign-info's rows add up to %+v, the dashboard says %+v", total, dashTotal)
	}
	for i, date := range dates {
		want := counts{g.at(fmt.Sprintf("request.%d.count_data", i)).int(), g.at(fmt.Sprintf("accept.%d.count_data", i)).int(),
			dash.at(fmt.Sprintf("message_stats.daily_stats.%d.sent", i)).int(), dash.at(fmt.Sprintf("message_stats.daily_stats.%d.replied", i)).int()}
		if perDate[i] != want {
			t.Errorf("%s: the rows' daily stats add up to %+v, the dashboard's series say %+v", date, perDate[i], want)
		}
	}
	checkCountsAddUp(t, dash, len(rows), statuses, types)
	if today := dash.at("timestamp").str()[:10]; coversLife && dates[len(dates)-1] >= today {
		equalInt(t, "total_member_count vs the rows' member_count (the range covers their lives)", dash.at("campaign_member_info.total_member_count").int(), members)
	}
	checkUserPerformance(t, dash, ids, fl, func(id string) (counts, int) { return perUser[id].counts, perUser[id].active })
}

// checkCountsAddUp compares the dashboard's status and type counts with the
// rows'.
func checkCountsAddUp(t *testing.T, dash jv, rows int, statuses, types map[string]any) {
	t.Helper()
	ci := dash.at("campaign_count_info")
	equalInt(t, "campaign_count_info.total vs rows", ci.at("total").int(), rows)
	want := map[string]any{"total": float64(rows)}
	for _, k := range []string{"active", "inactive", "completed", "draft"} {
		want[k] = statuses[k]
	}
	sameAs(t, "campaign_count_info and the rows' statuses", ci, want)
	sameAs(t, "campaign_types and the rows' types", dash.at("campaign_types").without(), types)
}

// documentedCounts are zero counts of the documented campaign statuses and
// types, so a value no row has compares as 0.
func documentedCounts() (statuses, types map[string]any) {
	statuses, types = map[string]any{}, map[string]any{}
	for _, k := range []string{"active", "inactive", "completed", "draft"} {
		statuses[k] = 0.0
	}
	for _, k := range []string{"smart_campaign", "friend_campaign", "connector_campaign", "friend_request_follow_message", "shared_campaign"} {
		types[k] = 0.0
	}
	return statuses, types
}

// count adds one to a documented value's count.
func count(t *testing.T, m map[string]any, what, value string) {
	t.Helper()
	n, ok := m[value].(float64)
	if !ok {
		t.Errorf("undocumented %s %q", what, value)
		return
	}
	m[value] = n + 1
}

// checkUserPerformance compares the dashboard's user_performance with the
// rows of each user asked for, in /user-campaign-filters' order.
func checkUserPerformance(t *testing.T, dash jv, ids []string, fl jv, of func(id string) (counts, int)) {
	t.Helper()
	users := map[string]jv{}
	for _, u := range fl.at("linkedin_users").list() {
		users[u.at("linkedin_user_information_id").str()] = u
	}
	perf := dash.at("user_performance").list()
	var got []string
	for _, p := range perf {
		got = append(got, p.at("linkedin_user_information_id").str())
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("user_performance lists %v, the users asked for are %v", got, ids)
	}
	for _, p := range perf {
		id := p.at("linkedin_user_information_id").str()
		c, active := of(id)
		want := map[string]any{"linkedin_user_information_id": id, "name": users[id].at("name").v, "email": users[id].at("email").v,
			"connection_rate": percent(c.accepts, c.requests), "response_rate": percent(c.replied, c.sent), "active_campaigns": float64(active)}
		sameAs(t, "user_performance of "+id+" and its rows", p, want)
	}
}

// checkOptimized compares optimized_routine_data for a row's routine (same
// dates) with the row.
func checkOptimized(t *testing.T, c *client, row jv, f aggregateFilter) {
	t.Helper()
	rt := row.at("linkedin_campaign_routine")
	id := rt.at("id").str()
	q := url.Values{"linkedin_campaign_routine_id": {id}}
	for k, v := range map[string]string{"start_date": f.start, "end_date": f.end} {
		if v != "" {
			q.Set(k, v)
		}
	}
	d := c.expect(http.StatusOK, http.MethodGet, "/optimized_routine_data?"+q.Encode(), nil).body.at("data")
	sameAs(t, "routine "+id+": optimized campaign_details and the campaign-info row", d.at("campaign_details"), map[string]any{
		"id": id, "name": rt.at("campaign_name").v, "campaign_type": rt.at("campaign_type").v,
		"campaign_status": rt.at("campaign_status").v, "created_at": rt.at("created_at").v,
		"last_activate_time": rt.at("last_activate_time").v, "campaign_duration_days": row.at("campaign_duration_days").v,
		"max_campaign_days": rt.at("max_campaign_days").v,
	})
	var conn, msgs []any
	for _, day := range row.at("daily_stats").list() {
		conn = append(conn, map[string]any{"date": day.at("date").v, "requests_sent": day.at("connections.sent").v, "requests_accepted": day.at("connections.accepted").v})
		msgs = append(msgs, map[string]any{"date": day.at("date").v, "messages_sent": day.at("messages.sent").v, "messages_replied": day.at("messages.replied").v})
	}
	requests, accepts := row.at("friend_request_count").int(), row.at("friend_accept_count").int()
	sameAs(t, "routine "+id+": optimized performance_metrics and the campaign-info row", d.at("performance_metrics"), map[string]any{
		"member_count": row.at("member_count").v,
		"connection_metrics": map[string]any{"friend_request_count": float64(requests), "friend_accept_count": float64(accepts),
			"connection_percentage": row.at("connection_percentage").v, "pending_count": float64(requests - accepts), "daily_metrics": conn},
		"message_metrics": map[string]any{"message_sent_count": row.at("message_sent_count").v, "message_replied_count": row.at("message_replied_count").v,
			"response_rate": row.at("response_rate").v, "daily_metrics": msgs},
	})
	steps, rowSteps := d.at("campaign_steps").list(), row.at("campaign_steps").list()
	if len(steps) != len(rowSteps) {
		t.Fatalf("routine %s: %d optimized steps, %d in the campaign-info row", id, len(steps), len(rowSteps))
	}
	for i, s := range steps {
		sameAs(t, "routine "+id+": optimized campaign_steps (without metrics) and the campaign-info row", s.without("metrics"), rowSteps[i].v)
		total, ok := s.at("metrics.total_attempts").int(), s.at("metrics.successful").int()
		equalInt(t, "routine "+id+": step failed vs total_attempts - successful", s.at("metrics.failed").int(), total-ok)
		sameAs(t, "routine "+id+": step completion_rate", s.at("completion_rate"), percent(ok, total))
	}
	sameAs(t, "routine "+id+": optimized linkedin_user and the campaign-info row", d.at("linkedin_user"), row.at("linkedin_user").without("status"))
}
