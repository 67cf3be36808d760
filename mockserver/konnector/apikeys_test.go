package konnector_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCreateAPIKeyErrors(t *testing.T) {
	srv := start(t, 1, "")
	own := identifiers(t, srv, adminKey).id
	tests := []struct {
		name    string
		key     string
		body    any
		header  []string
		status  int
		code    string
		message string
	}{
		{"not an admin key", key, nil, nil, 401, "UNAUTHORIZED_ACCESS", "Only organization administrators can create API keys"},
		{"not an admin key, own organisation", key, map[string]any{"organisation_id": own}, nil, 401, "UNAUTHORIZED_ACCESS", "Only organization administrators can create API keys"},
		{"the doc's organisation 123", adminKey, map[string]any{"organisation_id": 123, "description": "CRM"}, nil, 401, "UNAUTHORIZED_ACCESS", "API keys can only be created for your own organization"},
		{"another organisation", adminKey, map[string]any{"organisation_id": own + 1}, nil, 401, "UNAUTHORIZED_ACCESS", "API keys can only be created for your own organization"},
		{"organisation_id not an integer", adminKey, map[string]any{"organisation_id": "x"}, nil, 400, "INVALID_REQUEST", ""},
		{"prefix admin key disabled by the scenario", adminKey, nil, []string{"X-Mock-Scenario", "boss-key"}, 401, "UNAUTHORIZED_ACCESS", "Only organization administrators can create API keys"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, tc.key, http.MethodPost, "/create-api-key", tc.body, tc.status, tc.header...)
			requireError(t, r, tc.status, tc.code, "")
			if tc.message != "" {
				require.Equal(t, tc.message, data(r)["error"])
				require.Equal(t, "Unauthorized access", r.Map()["message"])
			}
		})
	}
}

func TestCreateAPIKey(t *testing.T) {
	srv := start(t, 1, "")
	admin := identifiers(t, srv, adminKey)
	tests := []struct {
		name, key   string
		body        any
		header      []string
		description string
	}{
		{"no body", adminKey, nil, nil, "API key created on 2025-05-11 09:00:00 UTC"},
		{"own organisation and description", adminKey, map[string]any{"organisation_id": admin.id, "description": "CRM sync"}, nil, "CRM sync"},
		{"blank description", adminKey, map[string]any{"description": "  "}, nil, "API key created on 2025-05-11 09:00:00 UTC"},
		{"exact admin key of a scenario", "boss-key", map[string]any{}, []string{"X-Mock-Scenario", "boss-key"}, "API key created on 2025-05-11 09:00:00 UTC"},
	}
	issued := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, tc.key, http.MethodPost, "/create-api-key", tc.body, http.StatusOK, tc.header...)
			d := data(r)
			require.Equal(t, "API key created successfully", r.Map()["message"])
			newKey := str(d["api_key"])
			require.Regexp(t, `^[0-9a-f]{64}$`, newKey)
			require.False(t, issued[newKey], "every key is new")
			issued[newKey] = true
			require.Equal(t, tc.description, d["description"])
			require.Equal(t, "2025-05-11T09:00:00Z", d["created_at"])
			require.Equal(t, "2026-05-11T09:00:00Z", d["expires_at"], "a year on")
			require.Equal(t, []any{"read", "write"}, d["permissions"])
			require.Regexp(t, `^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$`, d["created_by"])

			// The key works at once, on the same organisation.
			creator := identifiers(t, srv, tc.key, tc.header...)
			require.Equal(t, float64(creator.id), d["organisation_id"])
			require.Equal(t, obj(creator.raw["organisation"])["name"], d["organisation_name"])
			mine := identifiers(t, srv, newKey, tc.header...)
			require.Equal(t, creator.raw["linkedin_users"], mine.raw["linkedin_users"])
			require.Equal(t, creator.raw["campaign_routines"], mine.raw["campaign_routines"])

			// It is not an administrator's key.
			r = call(t, srv, newKey, http.MethodPost, "/create-api-key", nil, http.StatusUnauthorized, tc.header...)
			require.Equal(t, "Only organization administrators can create API keys", data(r)["error"])
		})
	}
}

func TestCreateAPIKeyDefaultDescriptionNamesTheTime(t *testing.T) {
	srv := start(t, 1, "")
	_, err := srv.clock.Advance(5*time.Hour + 30*time.Minute + 45*time.Second)
	require.NoError(t, err)
	d := data(call(t, srv, adminKey, http.MethodPost, "/create-api-key", nil, http.StatusOK))
	require.Equal(t, "API key created on 2025-05-11 14:30:45 UTC", d["description"])
	require.Equal(t, "2025-05-11T20:00:45+05:30", d["timestamp"])
}
