package mockserver

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	sky = "/api/v1"
	kon = "/social_app/api/v1/third_party"
)

func TestPipelineBadInput(t *testing.T) {
	hs := startTest(t, Options{MaxBodyBytes: 2048})
	big := `{"keywords":"` + strings.Repeat("a", 4096) + `"}`
	tests := []struct {
		name               string
		method, path, body string
		headers            []string
		checks             []check
	}{
		{"skylight no key", "GET", sky + "/linkedin/overview", "", nil,
			[]check{hasStatus(401), hasField("success", "false"), noField("error"), hasField("message", "Unauthenticated. Please provide a valid API key."),
				hasHeader("X-RateLimit-Limit", "120")}},
		{"skylight bearer key", "GET", sky + "/account/subscription", "", []string{"Authorization", "Bearer k"},
			[]check{hasStatus(501), hasHeader("X-RateLimit-Remaining", "119")}},
		{"skylight basic scheme", "GET", sky + "/linkedin/overview", "", []string{"Authorization", "Basic k"},
			[]check{hasStatus(401), noField("error")}},
		{"skylight empty key", "GET", sky + "/linkedin/overview", "", []string{"X-Api-Key", "  "},
			[]check{hasStatus(401), noField("error")}},
		{"konnector no key", "GET", kon + "/user-campaign-filters", "", nil,
			[]check{hasStatus(401), hasField("status", "false"), hasField("code", "401"),
				hasField("data.error_code", "INVALID_API_KEY"), hasHeader("X-RateLimit-Limit-Minute", "100")}},
		{"konnector bearer scheme", "GET", kon + "/user-campaign-filters", "", []string{"Authorization", "Bearer abc"},
			[]check{hasStatus(401), hasField("data.error_code", "INVALID_API_KEY"), bodyContains("without a scheme")}},
		{"skylight unknown path", "GET", sky + "/linkedin/nowhere", "", []string{"X-Api-Key", "k"},
			[]check{hasStatus(404), noField("error"), hasField("success", "false")}},
		{"konnector unknown path", "GET", kon + "/nowhere", "", []string{"Authorization", "k"},
			[]check{hasStatus(404), hasField("data.error_code", "NOT_FOUND")}},
		{"outside both APIs", "GET", "/elsewhere", "", nil,
			[]check{hasStatus(404), bodyContains("/api/v1")}},
		{"wrong method", "DELETE", sky + "/linkedin/overview", "", []string{"X-Api-Key", "k"},
			[]check{hasStatus(405), hasHeader("Allow", "GET, OPTIONS"), noField("error")}},
		{"konnector wrong method", "PUT", kon + "/dashboard-info", "", []string{"Authorization", "k"},
			[]check{hasStatus(405), hasHeader("Allow", "GET, POST, OPTIONS"), hasField("data.error_code", "METHOD_NOT_ALLOWED")}},
		{"body too large", "POST", sky + "/linkedin/sourcing/search", big, []string{"X-Api-Key", "k"},
			[]check{hasStatus(413), noField("error")}},
		{"malformed JSON", "POST", sky + "/linkedin/sourcing/search", `{"title": `, []string{"X-Api-Key", "k"},
			[]check{hasStatus(422), noField("error"), hasField("message", "The given data was invalid."), hasField("errors.body", `["malformed JSON: unexpected EOF"]`)}},
		{"malformed JSON names the character", "POST", sky + "/linkedin/sourcing/search", `{"title": "x",}`, []string{"X-Api-Key", "k"},
			[]check{hasStatus(422), hasField("errors.body", `["malformed JSON at byte 15: invalid character '}' looking for beginning of object key string"]`)}},
		{"konnector malformed JSON", "POST", kon + "/dashboard-info", `{"start_date": "2025-05-01" "end_date": 1}`, []string{"Authorization", "k"},
			[]check{hasStatus(400), hasField("data.error_code", "INVALID_REQUEST"),
				bodyContains(`malformed JSON at byte 29: invalid character '\"' after object key:value pair`)}},
		{"data after the JSON value", "POST", sky + "/linkedin/sourcing/launch-campaign", `{"name":"0","campaign_type":"sequence","provider_ids":["0"]}00`, []string{"X-Api-Key", "k"},
			[]check{hasStatus(422), noField("error"),
				hasField("errors.body", `["malformed JSON: data after the JSON value at byte 60; the body must be exactly one JSON value"]`)}},
		{"every field named", "POST", sky + "/linkedin/sourcing/search", `{"limit": 500, "colour": 1}`, []string{"X-Api-Key", "k"},
			[]check{hasStatus(422), hasField("errors.limit", `["number must be at most 100"]`),
				hasField("errors.colour", `["is not an allowed field"]`), bodyContains("at least one filter is required")}},
		{"konnector validation", "GET", kon + "/campaign-info?limit=500&sort_order=up", "", []string{"Authorization", "k"},
			[]check{hasStatus(400), hasField("data.error_code", "INVALID_REQUEST"), bodyContains("limit: "), bodyContains("sort_order: ")}},
		{"unknown scenario header", "GET", sky + "/linkedin/overview", "", []string{"X-Api-Key", "k", "X-Mock-Scenario", "nope"},
			[]check{hasStatus(400), hasField("error", "unknown_scenario"), bodyContains("quota-exhausted")}},
		{"forced documented status", "GET", sky + "/linkedin/recruiter", "", []string{"X-Api-Key", "k", "X-Mock-Status", "429"},
			[]check{hasStatus(429), noField("error"), hasField("message", "Too many requests. Please slow down."), func(t *testing.T, r result) {
				require.NotEmpty(t, r.header.Get("Retry-After"))
			}}},
		{"forced named example", "GET", sky + "/linkedin/recruiter/jobs/1", "", []string{"X-Api-Key", "k", "X-Mock-Status", "403 recruiter_contract_required"},
			[]check{hasStatus(403), hasField("error", "recruiter_contract_required")}},
		{"forced undocumented status", "GET", sky + "/linkedin/recruiter", "", []string{"X-Api-Key", "k", "X-Mock-Status", "418"},
			[]check{hasStatus(400), hasField("error", "unknown_forced_status"), bodyContains("200")}},
		{"konnector forced 500", "GET", kon + "/user-campaign-filters", "", []string{"Authorization", "k", "X-Mock-Status", "500"},
			[]check{hasStatus(500), hasField("status", "false"), hasField("data.error_code", "INTERNAL_ERROR")}},
		{"handler panic", "GET", sky + "/linkedin/overview", "", []string{"X-Api-Key", "k"},
			[]check{hasStatus(500), noField("error"), hasField("message", "An unexpected error occurred. Please try again later.")}},
		{"response breaks the spec", "GET", sky + "/channels/linkedin/status", "", []string{"X-Api-Key", "k"},
			[]check{hasStatus(500), noField("error"), bodyContains("getLinkedInStatus"), bodyContains("success")}},
		{"not implemented", "GET", sky + "/account/subscription", "", []string{"X-Api-Key", "k"},
			[]check{hasStatus(501), noField("error"), bodyContains("getSubscription")}},
		{"old subscription path", "GET", sky + "/subscription", "", []string{"X-Api-Key", "k"},
			[]check{hasStatus(404)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, hs, tc.method, tc.path, tc.body, tc.headers...)
			require.NotEmpty(t, r.header.Get("X-Request-Id"), "every response carries X-Request-Id")
			require.Contains(t, r.header.Get("Content-Type"), "application/json")
			for _, c := range tc.checks {
				c(t, r)
			}
		})
	}
}

func TestKonnectorErrorCarriesRequestID(t *testing.T) {
	hs := startTest(t, Options{})
	r := call(t, hs, "GET", kon+"/nowhere", "", "Authorization", "k")
	require.Equal(t, r.header.Get("X-Request-Id"), toString(r.body["data"].(map[string]any)["request_id"]))
	require.Equal(t, "2025-05-11T14:30:00+05:30", toString(r.body["data"].(map[string]any)["timestamp"]))
}

func TestResponseValidationCanBeTurnedOff(t *testing.T) {
	hs := startTest(t, Options{SkipResponseValidation: true})
	r := call(t, hs, "GET", sky+"/channels/linkedin/status", "", "X-Api-Key", "k")
	require.Equal(t, 200, r.status)
	require.JSONEq(t, `{"success":true,"data":{"success":"yes"}}`, r.raw, "the envelope wraps whatever the operation answers")
}

func TestCORSPreflightBeforeAuth(t *testing.T) {
	hs := startTest(t, Options{CORSOrigins: []string{"http://app.test"}})
	r := call(t, hs, "OPTIONS", sky+"/linkedin/overview", "", "Origin", "http://app.test", "Access-Control-Request-Method", "GET")
	require.Equal(t, 204, r.status)
	require.Equal(t, "http://app.test", r.header.Get("Access-Control-Allow-Origin"))
	require.Contains(t, r.header.Get("Access-Control-Allow-Headers"), "X-Api-Key")

	r = call(t, hs, "GET", kon+"/user-campaign-filters", "", "Origin", "http://app.test")
	require.Equal(t, 401, r.status)
	require.Contains(t, r.header.Get("Access-Control-Expose-Headers"), "X-RateLimit-Remaining-Minute")
	require.Contains(t, r.header.Get("Access-Control-Expose-Headers"), "X-RateLimit-Reset")
	require.Contains(t, r.header.Get("Access-Control-Expose-Headers"), "X-Request-Id")

	r = call(t, hs, "OPTIONS", sky+"/linkedin/overview", "", "Origin", "http://evil.test", "Access-Control-Request-Method", "GET")
	require.Empty(t, r.header.Get("Access-Control-Allow-Origin"), "an origin not in the list gets no CORS headers")
}
