package konnector_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// optimized fetches /optimized_routine_data of a routine.
func optimized(t *testing.T, srv *server, routine string, status int, kv ...string) *response {
	t.Helper()
	v := url.Values{"linkedin_campaign_routine_id": {routine}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return call(t, srv, key, http.MethodGet, "/optimized_routine_data?"+v.Encode(), nil, status)
}

func TestOptimizedRoutineDataEqualsItsCampaignInfoRow(t *testing.T) {
	srv := start(t, 7, "unlimited")
	ranges := [][]string{nil, {"start_date", "2025-03-01", "end_date", "2025-05-20"}, {"start_date", "2025-05-11"}}
	for _, rg := range ranges {
		body := map[string]any{}
		for i := 0; i+1 < len(rg); i += 2 {
			body[rg[i]] = rg[i+1]
		}
		for _, row := range allRows(t, srv, body) {
			r := optimized(t, srv, str(routineOf(row)["id"]), http.StatusOK, rg...)
			require.Equal(t, "Campaign routine data retrieved successfully", r.Map()["message"])
			requireSameFigures(t, row, data(r))
		}
	}
}

// requireSameFigures checks that an optimized_routine_data answer reports
// the figures of the routine's campaign-info row.
func requireSameFigures(t *testing.T, row, d map[string]any) {
	t.Helper()
	routine := routineOf(row)
	details := obj(d["campaign_details"])
	for _, f := range []string{"id", "campaign_type", "campaign_status", "created_at", "last_activate_time", "max_campaign_days"} {
		require.Equal(t, routine[f], details[f], f)
	}
	require.Equal(t, routine["campaign_name"], details["name"])
	require.Equal(t, row["campaign_duration_days"], details["campaign_duration_days"])

	perf := obj(d["performance_metrics"])
	conn, msgs := obj(perf["connection_metrics"]), obj(perf["message_metrics"])
	require.Equal(t, row["member_count"], perf["member_count"])
	require.Equal(t, row["friend_request_count"], conn["friend_request_count"])
	require.Equal(t, row["friend_accept_count"], conn["friend_accept_count"])
	require.Equal(t, row["connection_percentage"], conn["connection_percentage"])
	require.Equal(t, num(row["friend_request_count"])-num(row["friend_accept_count"]), num(conn["pending_count"]))
	require.Equal(t, row["message_sent_count"], msgs["message_sent_count"])
	require.Equal(t, row["message_replied_count"], msgs["message_replied_count"])
	require.Equal(t, row["response_rate"], msgs["response_rate"])
	daily, connDaily, msgDaily := arr(row["daily_stats"]), arr(conn["daily_metrics"]), arr(msgs["daily_metrics"])
	require.Len(t, connDaily, len(daily))
	require.Len(t, msgDaily, len(daily))
	for i := range daily {
		want := obj(daily[i])
		conn, msgs := obj(want["connections"]), obj(want["messages"])
		require.Equal(t, map[string]any{"date": want["date"], "requests_sent": conn["sent"], "requests_accepted": conn["accepted"]}, connDaily[i])
		require.Equal(t, map[string]any{"date": want["date"], "messages_sent": msgs["sent"], "messages_replied": msgs["replied"]}, msgDaily[i])
	}
	rowSteps, steps := arr(row["campaign_steps"]), arr(d["campaign_steps"])
	require.Len(t, steps, len(rowSteps))
	for i := range steps {
		step := obj(steps[i])
		m := obj(step["metrics"])
		withoutMetrics := map[string]any{}
		for k, v := range step {
			if k != "metrics" {
				withoutMetrics[k] = v
			}
		}
		require.Equal(t, rowSteps[i], withoutMetrics, "the step is the campaign-info row's, plus its metrics")
		total, ok := num(m["total_attempts"]), num(m["successful"])
		require.Equal(t, total-ok, num(m["failed"]))
		require.LessOrEqual(t, ok, total)
		require.Equal(t, pct(ok, total), float(step["completion_rate"]))
		if step["step_type"] == "connection_request" {
			// Over the campaign's life: at least what the range saw.
			require.GreaterOrEqual(t, total, num(row["friend_request_count"]))
			require.GreaterOrEqual(t, ok, num(row["friend_accept_count"]))
		}
	}
	user := obj(row["linkedin_user"])
	require.Equal(t, map[string]any{"name": user["name"], "linkedin_user_information_id": user["linkedin_user_information_id"], "email": user["email"]}, d["linkedin_user"])
}

func TestOptimizedRoutineDataErrors(t *testing.T) {
	srv := start(t, 1, "unlimited")
	o := identifiers(t, srv, key)
	foreign := identifiers(t, srv, "someone-else")
	tampered := []byte(o.routines[3])
	tampered[20] ^= 2
	tests := []struct {
		name    string
		query   string
		header  []string
		status  int
		code    string
		summary string
	}{
		{"missing id", "", nil, 400, "INVALID_REQUEST", "Invalid request"},
		{"the doc's placeholder", "?linkedin_campaign_routine_id=encrypted_id_string", nil, 400, "INVALID_ROUTINE_ID", "Invalid parameters"},
		{"tampered", "?linkedin_campaign_routine_id=" + string(tampered), nil, 400, "INVALID_ROUTINE_ID", "Invalid parameters"},
		{"a user id", "?linkedin_campaign_routine_id=" + o.users[0], nil, 400, "INVALID_ROUTINE_ID", "Invalid parameters"},
		{"another organisation's routine", "?linkedin_campaign_routine_id=" + foreign.routines[0], nil, 400, "INVALID_ROUTINE_ID", "Invalid parameters"},
		{"decrypts, but no such routine in this scenario", "?linkedin_campaign_routine_id=" + o.routines[12],
			[]string{"X-Mock-Scenario", "few-routines"}, 404, "NOT_FOUND", "Resource not found"},
		{"bad date", "?linkedin_campaign_routine_id=" + o.routines[0] + "&end_date=2025-04-31", nil, 400, "INVALID_REQUEST", "Invalid request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, key, http.MethodGet, "/optimized_routine_data"+tc.query, nil, tc.status, tc.header...)
			requireError(t, r, tc.status, tc.code, tc.summary)
		})
	}
	// The same routine id is found under a scenario that has it.
	optimized(t, srv, o.routines[3], http.StatusOK)
	r := call(t, srv, key, http.MethodGet, "/optimized_routine_data?linkedin_campaign_routine_id="+o.routines[4], nil, http.StatusOK, "X-Mock-Scenario", "few-routines")
	require.Equal(t, o.routines[4], obj(data(r)["campaign_details"])["id"])
}
