package mockserver_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// TestCreatedKeysAreNewAcrossScenariosAndEvictions is the regression test of
// an API key handed out twice: the count of an organisation's keys lived in
// its tenant's world, so the same administrator creating a key under another
// scenario (another world of the same organisation), or after its tenant was
// evicted, got a key it had already been given.
func TestCreatedKeysAreNewAcrossScenariosAndEvictions(t *testing.T) {
	srv := mocktest.Start(t, mockserver.Options{Seed: 1, ScenariosDir: scenarioDir(t), MaxTenants: 2})
	org := identifiers(t, srv, adminKey).id
	issued := map[string]string{}
	for _, step := range []struct {
		name   string
		header []string
		evict  bool
	}{
		{name: "default"},
		{name: "another scenario", header: []string{"X-Mock-Scenario", "unlimited"}},
		{name: "default again"},
		{name: "after the tenant was evicted", evict: true},
		{name: "another scenario, after evictions", header: []string{"X-Mock-Scenario", "unlimited"}, evict: true},
	} {
		if step.evict {
			for i := range 3 { // MaxTenants is 2: the administrator's tenants go
				call(t, srv, fmt.Sprintf("evicting-%d", i), http.MethodGet, "/user-campaign-filters", nil, http.StatusOK)
			}
		}
		d := data(call(t, srv, adminKey, http.MethodPost, "/create-api-key", nil, http.StatusOK, step.header...))
		k := str(d["api_key"])
		require.Empty(t, issued[k], "%s: the key was already issued (%s)", step.name, issued[k])
		issued[k] = step.name
		require.Equal(t, float64(org), d["organisation_id"], step.name)
		require.Equal(t, org, identifiers(t, srv, k).id, "%s: the new key opens its organisation", step.name)
	}
}

func TestKonnectorAuthentication(t *testing.T) {
	srv := start(t, 1, "")
	tests := []struct {
		name   string
		header []string
	}{
		{"missing key", nil},
		{"bearer scheme", []string{"Authorization", "Bearer " + key}},
		{"bearer scheme in X-API-KEY", []string{"X-API-KEY", "Bearer " + key}},
		{"empty X-API-KEY", []string{"X-API-KEY", " "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, "", http.MethodGet, "/user-campaign-filters", nil, http.StatusUnauthorized, tc.header...)
			requireError(t, r, http.StatusUnauthorized, "INVALID_API_KEY", "Unauthorized access")
			require.Equal(t, "100", r.Header.Get("X-RateLimit-Limit-Minute"))
			if len(tc.header) > 0 && strings.HasPrefix(tc.header[1], "Bearer") {
				require.Contains(t, data(r)["error"], "send the raw key in the "+tc.header[0]+" header")
			}
		})
	}
}

// TestKonnectorXAPIKeyIsTheSameTenant: the published write-ups' X-API-KEY
// header opens the organisation the base page's Authorization header opens,
// with the same rate-limit budget.
func TestKonnectorXAPIKeyIsTheSameTenant(t *testing.T) {
	srv := start(t, 1, "")
	byAuthorization := identifiers(t, srv, key)
	byXAPIKey := identifiers(t, srv, "", "X-API-KEY", key)
	require.Equal(t, byAuthorization, byXAPIKey)
	r := call(t, srv, "", http.MethodGet, "/dashboard-info", nil, http.StatusOK, "x-api-key", key)
	_, rm, _, _ := limitHeaders(t, r)
	require.Equal(t, 97, rm, "one budget for both headers")
	// Both sent: Authorization names the tenant.
	other := identifiers(t, srv, "another-key", "X-API-KEY", key)
	require.NotEqual(t, byAuthorization.id, other.id)
}

func TestCreatedKeySharesTheTenantAndOpensTheOrganisationEverywhere(t *testing.T) {
	srv := start(t, 2, "")
	admin := identifiers(t, srv, adminKey)
	newKey := str(data(call(t, srv, adminKey, http.MethodPost, "/create-api-key", nil, http.StatusOK))["api_key"])

	// Same tenant: the rate-limit counters are shared.
	before := call(t, srv, adminKey, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK).Header.Get("X-RateLimit-Remaining-Minute")
	after := call(t, srv, newKey, http.MethodGet, "/user-campaign-filters", nil, http.StatusOK).Header.Get("X-RateLimit-Remaining-Minute")
	require.Equal(t, "97", before)
	require.Equal(t, "96", after)

	// Another scenario, and after a reset of every tenant: still the same
	// organisation, since the key itself names it.
	require.Equal(t, admin.routines, identifiers(t, srv, newKey, "X-Mock-Scenario", "unlimited").routines)
	require.Equal(t, http.StatusOK, srv.Admin(http.MethodPost, "/reset", map[string]string{}).Status)
	require.Equal(t, admin.users, identifiers(t, srv, newKey).users)

	// A tampered key is just another key: another organisation.
	tampered := newKey[:63] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", newKey[63])+1)%16])
	require.NotEqual(t, admin.id, identifiers(t, srv, tampered).id)
}

func TestCreatedKeysAreDeterministicAndNeverJournaled(t *testing.T) {
	keys := make([][]string, 2)
	for i := range keys {
		srv := start(t, 9, "")
		for range 3 {
			keys[i] = append(keys[i], str(data(call(t, srv, adminKey, http.MethodPost, "/create-api-key", nil, http.StatusOK))["api_key"]))
		}
		journal := srv.Admin(http.MethodGet, "/requests", nil)
		require.Equal(t, http.StatusOK, journal.Status)
		for _, k := range keys[i] {
			require.NotContains(t, string(journal.Raw), k, "an issued key never reaches the journal")
		}
	}
	require.Equal(t, keys[0], keys[1], "same seed, same requests: same keys")

	other := start(t, 10, "")
	k := str(data(call(t, other, adminKey, http.MethodPost, "/create-api-key", nil, http.StatusOK))["api_key"])
	require.NotEqual(t, keys[0][0], k, "another seed issues other keys")
}
