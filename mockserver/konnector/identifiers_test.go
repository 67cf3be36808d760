package konnector_test

import (
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

var opaqueID = regexp.MustCompile(`^[A-Za-z0-9_-]{28}$`)

func TestUserCampaignFiltersListsTheOrganisation(t *testing.T) {
	srv := start(t, 1, "")
	o := identifiers(t, srv, key)
	require.Len(t, o.users, 4, "world.users of the default scenario")
	require.Len(t, o.routines, 20, "world.routines of the default scenario")

	organisation := obj(o.raw["organisation"])
	require.NotEqual(t, 123, o.id, "the doc's placeholder organisation id is never ours")
	require.GreaterOrEqual(t, o.id, 100000)
	require.NotEmpty(t, organisation["name"])
	require.Equal(t, "active", organisation["subscription_status"])

	seen := map[string]bool{}
	for _, id := range append(append([]string{}, o.users...), o.routines...) {
		require.Regexp(t, opaqueID, id, "ids are opaque url-safe strings")
		_, err := strconv.Atoi(id)
		require.Error(t, err, "an id is not a visible integer")
		require.False(t, seen[id], "ids are unique")
		seen[id] = true
	}

	types, statuses := map[string]int{}, map[string]int{}
	var created []string
	for _, r := range arr(o.raw["campaign_routines"]) {
		m := obj(r)
		types[str(m["campaign_type"])]++
		statuses[str(m["campaign_status"])]++
		created = append(created, str(m["created_at"]))
		require.Regexp(t, `Z$`, m["created_at"], "resource times are UTC")
	}
	for _, ty := range []string{"smart_campaign", "friend_campaign", "connector_campaign", "friend_request_follow_message", "shared_campaign"} {
		require.Positive(t, types[ty], "every campaign type appears: %s", ty)
	}
	for _, st := range []string{"active", "inactive", "completed", "draft"} {
		require.Positive(t, statuses[st], "every campaign status appears: %s", st)
	}
	require.True(t, sort.StringsAreSorted(created), "routines are listed oldest first")
	inactive := 0
	for _, u := range arr(o.raw["linkedin_users"]) {
		if obj(u)["status"] == "inactive" {
			inactive++
		}
	}
	require.Positive(t, inactive, "an inactive user, as in the 2025-05-11 draft's example")
	for _, u := range arr(o.raw["linkedin_users"]) {
		require.Regexp(t, `^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$`, obj(u)["email"])
	}
}

func TestUserCampaignFiltersIsExactlyWhatOtherEndpointsReport(t *testing.T) {
	srv := start(t, 3, "")
	o := identifiers(t, srv, key)
	d := data(call(t, srv, key, http.MethodGet, "/campaign-info?limit=100", nil, http.StatusOK))
	var listed []string
	users := map[string]bool{}
	for _, item := range arr(d["campaign_info"]) {
		listed = append(listed, str(obj(obj(item)["linkedin_campaign_routine"])["id"]))
		users[str(obj(obj(item)["linkedin_user"])["linkedin_user_information_id"])] = true
	}
	require.ElementsMatch(t, o.routines, listed, "campaign-info lists every routine, no other")
	for u := range users {
		require.Contains(t, o.users, u, "every routine's user is listed")
	}
	perf := arr(data(call(t, srv, key, http.MethodGet, "/dashboard-info", nil, http.StatusOK))["user_performance"])
	require.Len(t, perf, len(o.users))
	for i, p := range perf {
		require.Equal(t, o.users[i], obj(p)["linkedin_user_information_id"], "user_performance follows linkedin_users")
	}
}

func TestSmallAndLargeWorlds(t *testing.T) {
	srv := start(t, 5, "")
	tests := []struct {
		scenario         string
		users, routines  int
		everyTypeRoutine bool
	}{
		{"empty-org", 1, 0, false},
		{"tiny-history", 4, 12, true},
		{"big-org", 30, 300, true},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			h := []string{"X-Mock-Scenario", tc.scenario}
			o := identifiers(t, srv, key, h...)
			require.Len(t, o.users, tc.users)
			require.Len(t, o.routines, tc.routines)
			dash := data(call(t, srv, key, http.MethodGet, "/dashboard-info?start_date=2024-05-11&end_date=2025-05-11", nil, http.StatusOK, h...))
			require.Equal(t, tc.routines, num(obj(dash["campaign_count_info"])["total"]))
			info := data(call(t, srv, key, http.MethodGet, "/campaign-info?limit=100&sort_by=response_rate", nil, http.StatusOK, h...))
			require.Equal(t, tc.routines, num(info["total_campaign_routines_count"]))
			if tc.everyTypeRoutine {
				types := obj(dash["campaign_types"])
				for ty, n := range types {
					require.Positive(t, num(n), "type %s", ty)
				}
			}
		})
	}
}
