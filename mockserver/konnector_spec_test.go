package mockserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestKonnectorSpecRefusals: what Konnector's spec refuses before any
// operation runs, in Konnector's envelope (the operations' own checks are
// tested in the konnector package, calling them directly).
func TestKonnectorSpecRefusals(t *testing.T) {
	srv := start(t, 1, "unlimited")
	long := strings.Repeat("x", 201)
	tests := []struct {
		name, method, path string
		body               any
		reason             string
	}{
		{"create-api-key: unknown field", http.MethodPost, "/create-api-key", map[string]any{"org": 1}, "org: is not an allowed field"},
		{"create-api-key: description too long", http.MethodPost, "/create-api-key", map[string]any{"description": strings.Repeat("d", 256)}, "description"},
		{"campaign-info: limit not a number (GET)", http.MethodGet, "/campaign-info?limit=ten", nil, "limit"},
		{"campaign-info: limit not a number (POST)", http.MethodPost, "/campaign-info", map[string]any{"limit": "ten"}, "limit"},
		{"campaign-info: term too long (GET)", http.MethodGet, "/campaign-info?term=" + long, nil, "term"},
		{"campaign-info: term too long (POST)", http.MethodPost, "/campaign-info", map[string]any{"term": long}, "term"},
		{"dashboard-info: unknown field", http.MethodPost, "/dashboard-info", map[string]any{"user_ids": []string{"x"}}, "user_ids: is not an allowed field"},
		{"optimized_routine_data: empty id", http.MethodGet, "/optimized_routine_data?linkedin_campaign_routine_id=", nil, "linkedin_campaign_routine_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, adminKey, tc.method, tc.path, tc.body, http.StatusBadRequest)
			requireError(t, r, http.StatusBadRequest, "INVALID_REQUEST", "Invalid request")
			require.Contains(t, data(r)["error"], tc.reason)
		})
	}
}
