package mockserver

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCORSPolicyDecide(t *testing.T) {
	builtins := "Authorization, X-Api-Key, Content-Type, X-Request-Id, X-Mock-Scenario, X-Mock-Status, X-Mock-Latency"
	tests := []struct {
		name                            string
		policy                          corsPolicy
		origin, method, reqMethod, reqH string
		want                            corsAnswer
	}{
		{name: "not a CORS request", policy: corsPolicy{origins: []string{"*"}}, method: "GET"},
		{name: "any origin, simple request", policy: corsPolicy{origins: []string{"*"}},
			origin: "https://app.example", method: "GET",
			want: corsAnswer{allowOrigin: "*"}},
		{name: "any origin, preflight echoes what it asks for",
			policy: corsPolicy{origins: []string{"*"}},
			origin: "https://app.example", method: "OPTIONS", reqMethod: "POST", reqH: "content-type, x-requested-with,sentry-trace, baggage",
			want: corsAnswer{allowOrigin: "*", preflight: true, vary: []string{"Access-Control-Request-Headers"},
				allowHeaders: builtins + ", x-requested-with, sentry-trace, baggage"}},
		{name: "listed origin, preflight with --cors-headers",
			policy: corsPolicy{origins: []string{"http://localhost:3000"}, headers: []string{"X-Tenant"}},
			origin: "http://localhost:3000", method: "OPTIONS", reqMethod: "GET",
			want: corsAnswer{allowOrigin: "http://localhost:3000", preflight: true, vary: []string{"Origin"},
				allowHeaders: builtins + ", X-Tenant"}},
		{name: "asked headers that are not header names are not echoed",
			policy: corsPolicy{origins: []string{"*"}},
			origin: "https://app.example", method: "OPTIONS", reqMethod: "GET", reqH: "x-ok, bad header, x:y, é",
			want: corsAnswer{allowOrigin: "*", preflight: true, vary: []string{"Access-Control-Request-Headers"},
				allowHeaders: builtins + ", x-ok"}},
		{name: "origin not allowed, preflight refused naming the flag",
			policy: corsPolicy{origins: []string{"http://localhost:3000"}},
			origin: "https://evil.example", method: "OPTIONS", reqMethod: "GET",
			want: corsAnswer{preflight: true, vary: []string{"Origin"},
				refusal: `origin "https://evil.example" is not allowed by --cors-origins (allowed: http://localhost:3000); start the mock with --cors-origins https://evil.example (or *)`}},
		{name: "origin not allowed, simple request gets no CORS headers",
			policy: corsPolicy{origins: []string{"http://localhost:3000"}},
			origin: "https://evil.example", method: "GET",
			want: corsAnswer{vary: []string{"Origin"}}},
		{name: "OPTIONS without Access-Control-Request-Method is not a preflight",
			policy: corsPolicy{origins: []string{"*"}},
			origin: "https://app.example", method: "OPTIONS",
			want: corsAnswer{allowOrigin: "*"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.policy.decide(tc.origin, tc.method, tc.reqMethod, tc.reqH))
		})
	}
}
