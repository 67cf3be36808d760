package konnector_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// script sends a fixed sequence of requests and returns every answer
// without its request id and timestamp, and its rate-limit headers.
func script(t *testing.T, srv *server) []string {
	t.Helper()
	o := identifiers(t, srv, key)
	var out []string
	add := func(r *response) {
		out = append(out, withoutStamp(t, r), r.Header.Get("X-RateLimit-Remaining-Minute"), r.Header.Get("X-RateLimit-Remaining-Day"))
	}
	add(call(t, srv, key, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK))
	add(call(t, srv, key, http.MethodGet, "/dashboard-info"+queryOf(o.users[1:3], "start_date", "2025-04-01"), nil, http.StatusOK))
	add(call(t, srv, key, http.MethodPost, "/campaign-info", map[string]any{"sort_by": "response_rate", "limit": 7, "offset": 3}, http.StatusOK))
	add(call(t, srv, key, http.MethodGet, "/optimized_routine_data?linkedin_campaign_routine_id="+o.routines[5], nil, http.StatusOK))
	add(call(t, srv, adminKey, http.MethodPost, "/create-api-key", map[string]any{"description": "x"}, http.StatusOK))
	add(call(t, srv, key, http.MethodGet, "/dashboard-info?end_date=2025-01-01&start_date=2025-02-01", nil, http.StatusBadRequest))
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	first := script(t, start(t, 42, ""))
	second := script(t, start(t, 42, ""))
	require.Equal(t, first, second, "same seed, clock and requests: same bytes but request ids and timestamps")

	other := script(t, start(t, 43, ""))
	require.NotEqual(t, first[0], other[0], "another seed is another world")
}

func TestWorldsDependOnSeedAndKeyNotOnRequestOrder(t *testing.T) {
	a, b := start(t, 8, ""), start(t, 8, "")
	// b sees other tenants first, and its tenant under another scenario.
	identifiers(t, b, "someone-else")
	identifiers(t, b, key, "X-Mock-Scenario", "unlimited")
	require.Equal(t, identifiers(t, a, key).raw["campaign_routines"], identifiers(t, b, key).raw["campaign_routines"])
	require.NotEqual(t, identifiers(t, a, key).id, identifiers(t, a, "someone-else").id, "each key is its own organisation")
}

func TestAdvancingTheClockRevealsNewDaysDeterministically(t *testing.T) {
	const week = "/dashboard-info?start_date=2025-05-08&end_date=2025-05-16"
	early := start(t, 11, "")
	before := data(call(t, early, key, http.MethodGet, week, nil, http.StatusOK))
	requests := arr(obj(before["connection_graph"])["request"])
	for _, p := range requests[4:] { // 2025-05-12 onwards: the future
		require.Zero(t, num(obj(p)["count_data"]))
	}
	_, err := early.clock.Advance(72 * time.Hour)
	require.NoError(t, err)
	after := call(t, early, key, http.MethodGet, week, nil, http.StatusOK)
	revealed := arr(obj(data(after)["connection_graph"])["request"])
	require.Equal(t, requests[:4], revealed[:4], "the past does not change")
	news := 0
	for _, p := range revealed[4:7] {
		news += num(obj(p)["count_data"])
	}
	require.Positive(t, news, "active campaigns keep working as the clock advances")
	for _, p := range revealed[7:] {
		require.Zero(t, num(obj(p)["count_data"]))
	}

	// A tenant first seen after the advance sees the very same days.
	late := start(t, 11, "")
	_, err = late.clock.Advance(72 * time.Hour)
	require.NoError(t, err)
	require.Equal(t, withoutStamp(t, after), withoutStamp(t, call(t, late, key, http.MethodGet, week, nil, http.StatusOK)))

	// Campaign durations follow the clock too.
	o := identifiers(t, early, key)
	for _, id := range o.routines {
		d := obj(data(call(t, early, key, http.MethodGet, "/optimized_routine_data?linkedin_campaign_routine_id="+id, nil, http.StatusOK))["campaign_details"])
		if d["campaign_status"] == "active" {
			require.Positive(t, num(d["campaign_duration_days"]))
		}
	}
}
