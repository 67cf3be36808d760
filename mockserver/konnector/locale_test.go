package konnector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
)

// TestArabicLocale: under the ar locale (--locale ar, or a scenario's) the organisation's users, company and
// campaigns are Arabic (e-mail addresses stay Latin), drawn from the fixtures
// and deterministic from the seed; the locale changes the words, never the
// figures.
func TestArabicLocale(t *testing.T) {
	ar, again, en := start(t, 4, "arabic"), start(t, 4, "arabic"), start(t, 4, "")
	lists := fixtures.MustLoad().Konnector("ar")

	o := identifiers(t, ar, key)
	require.False(t, fixtures.IsASCII(str(obj(o.raw["organisation"])["name"])), "an Arabic company")
	for _, u := range arr(o.raw["linkedin_users"]) {
		require.False(t, fixtures.IsASCII(str(obj(u)["name"])), "an Arabic name: %v", u)
		require.True(t, fixtures.IsASCII(str(obj(u)["email"])), "a Latin e-mail address: %v", u)
	}
	for _, r := range arr(o.raw["campaign_routines"]) {
		require.False(t, fixtures.IsASCII(str(obj(r)["name"])), "an Arabic campaign name: %v", r)
	}
	info := data(call(t, ar, key, http.MethodGet, "/campaign-info?limit=100", nil, http.StatusOK))
	for _, item := range arr(info["campaign_info"]) {
		meta := obj(routineOf(obj(item))["metadata"])
		require.Contains(t, lists.Industries, meta["target_industry"])
		require.Contains(t, lists.Goals, meta["campaign_goals"])
		for _, p := range arr(meta["target_positions"]) {
			require.Contains(t, lists.Positions, p)
		}
	}

	require.Equal(t, withoutStamp(t, call(t, ar, key, http.MethodGet, "/campaign-info?limit=100", nil, http.StatusOK)),
		withoutStamp(t, call(t, again, key, http.MethodGet, "/campaign-info?limit=100", nil, http.StatusOK)),
		"same seed, same Arabic bytes")

	dashAR := data(call(t, ar, key, http.MethodGet, "/dashboard-info", nil, http.StatusOK))
	dashEN := data(call(t, en, key, http.MethodGet, "/dashboard-info", nil, http.StatusOK))
	require.Equal(t, dashEN["connection_graph"], dashAR["connection_graph"], "the locale changes words, not figures")
	require.Equal(t, dashEN["campaign_types"], dashAR["campaign_types"])
	require.NotEqual(t, identifiers(t, en, key).raw["linkedin_users"], o.raw["linkedin_users"])
}
