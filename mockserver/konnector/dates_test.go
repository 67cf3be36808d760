package konnector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// dateEndpoint sends dates to one of the operations that take a range.
type dateEndpoint struct {
	name string
	send func(t *testing.T, srv *server, dates map[string]string, status int) *response
}

func dateEndpoints(routine string) []dateEndpoint {
	get := func(path string, extra ...string) func(*testing.T, *server, map[string]string, int) *response {
		return func(t *testing.T, srv *server, dates map[string]string, status int) *response {
			kv := append([]string{}, extra...)
			for k, v := range dates {
				kv = append(kv, k, v)
			}
			return call(t, srv, key, http.MethodGet, path+queryOf(nil, kv...), nil, status)
		}
	}
	post := func(path string) func(*testing.T, *server, map[string]string, int) *response {
		return func(t *testing.T, srv *server, dates map[string]string, status int) *response {
			return call(t, srv, key, http.MethodPost, path, dates, status)
		}
	}
	return []dateEndpoint{
		{"GET dashboard-info", get("/dashboard-info")},
		{"POST dashboard-info", post("/dashboard-info")},
		{"GET campaign-info", get("/campaign-info")},
		{"POST campaign-info", post("/campaign-info")},
		{"GET optimized_routine_data", get("/optimized_routine_data", "linkedin_campaign_routine_id", routine)},
	}
}

func TestDateErrors(t *testing.T) {
	srv := start(t, 1, "unlimited")
	routine := identifiers(t, srv, key).routines[0]
	tests := []struct {
		name    string
		dates   map[string]string
		code    string
		summary string
		error   string
	}{
		{"end before start", map[string]string{"start_date": "2025-05-10", "end_date": "2025-05-01"},
			"INVALID_DATE_RANGE", "Invalid date range", "End date cannot be before start date"},
		{"start after today, end defaulted", map[string]string{"start_date": "2025-05-12"},
			"INVALID_DATE_RANGE", "Invalid date range", "End date cannot be before start date"},
		{"367 dates", map[string]string{"start_date": "2024-05-10", "end_date": "2025-05-11"},
			"INVALID_DATE_RANGE", "Invalid date range", "Date range cannot exceed 366 days"},
		{"no such day", map[string]string{"start_date": "2025-02-30"},
			"INVALID_REQUEST", "Invalid request", `start_date: "2025-02-30" is not a calendar date (YYYY-MM-DD)`},
		{"no such leap day", map[string]string{"start_date": "2025-01-01", "end_date": "2025-02-29"},
			"INVALID_REQUEST", "Invalid request", `end_date: "2025-02-29" is not a calendar date (YYYY-MM-DD)`},
		{"malformed", map[string]string{"start_date": "2025-5-1"}, "INVALID_REQUEST", "Invalid request", ""},
		{"not a date", map[string]string{"end_date": "yesterday"}, "INVALID_REQUEST", "Invalid request", ""},
	}
	for _, ep := range dateEndpoints(routine) {
		for _, tc := range tests {
			t.Run(ep.name+"/"+tc.name, func(t *testing.T) {
				r := ep.send(t, srv, tc.dates, http.StatusBadRequest)
				requireError(t, r, http.StatusBadRequest, tc.code, tc.summary)
				if tc.error != "" {
					require.Equal(t, tc.error, data(r)["error"])
				}
			})
		}
	}
}

func TestDateDefaultsAndAcceptedRanges(t *testing.T) {
	srv := start(t, 1, "unlimited")
	tests := []struct {
		name        string
		query       string
		first, last string
		points      int
	}{
		{"no range: the last 30 days", "", "2025-04-12", "2025-05-11", 30},
		{"end only: 29 days before it", "?end_date=2025-05-01", "2025-04-02", "2025-05-01", 30},
		{"start only: up to today", "?start_date=2025-05-09", "2025-05-09", "2025-05-11", 3},
		{"one day", "?start_date=2025-05-11&end_date=2025-05-11", "2025-05-11", "2025-05-11", 1},
		{"366 dates", "?start_date=2024-05-11&end_date=2025-05-11", "2024-05-11", "2025-05-11", 366},
		{"leap day", "?start_date=2024-02-29&end_date=2024-03-01", "2024-02-29", "2024-03-01", 2},
		{"future dates", "?start_date=2025-05-10&end_date=2025-05-20", "2025-05-10", "2025-05-20", 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := data(call(t, srv, key, http.MethodGet, "/dashboard-info"+tc.query, nil, http.StatusOK))
			points := arr(obj(d["campaign_member_info"])["data"])
			require.Len(t, points, tc.points)
			require.Equal(t, tc.first, obj(points[0])["date"])
			require.Equal(t, tc.last, obj(points[len(points)-1])["date"])
			for _, p := range arr(obj(d["connection_graph"])["request"]) {
				if str(obj(p)["date"]) > "2025-05-11" {
					require.Zero(t, num(obj(p)["count"]), "nothing happens after today")
				}
			}
		})
	}
}
