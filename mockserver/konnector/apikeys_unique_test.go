package konnector_test

import (
	"fmt"
	"net/http"
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
