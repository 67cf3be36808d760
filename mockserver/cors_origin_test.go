package mockserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// TestCORSThroughTheServer: preflights are answered before authentication;
// an origin that is not allowed is refused with 403 naming --cors-origins
// (not a 401 about keys); the headers a preflight asks for, and those of
// --cors-headers, are allowed.
func TestCORSThroughTheServer(t *testing.T) {
	srv := mocktest.Start(t, mockserver.Options{CORSOrigins: []string{"http://localhost:3000"}, CORSHeaders: []string{"X-Tenant"}})
	send := func(t *testing.T, method, path string, header ...string) (*http.Response, map[string]any) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		require.NoError(t, err)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		return resp, body
	}

	t.Run("allowed origin: asked headers echoed, --cors-headers added", func(t *testing.T) {
		resp, _ := send(t, "OPTIONS", "/api/v1/linkedin/overview", "Origin", "http://localhost:3000",
			"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-api-key,x-requested-with,sentry-trace,baggage")
		require.Equal(t, 204, resp.StatusCode)
		require.Equal(t, "http://localhost:3000", resp.Header.Get("Access-Control-Allow-Origin"))
		require.Equal(t, "Authorization, X-Api-Key, Content-Type, X-Request-Id, X-Mock-Scenario, X-Mock-Status, X-Mock-Latency, X-Tenant, x-requested-with, sentry-trace, baggage",
			resp.Header.Get("Access-Control-Allow-Headers"))
		require.ElementsMatch(t, []string{"Origin", "Access-Control-Request-Headers"}, resp.Header.Values("Vary"))
	})

	t.Run("origin not allowed: 403 naming the flag, on both APIs", func(t *testing.T) {
		for _, path := range []string{"/api/v1/linkedin/overview", "/social_app/api/v1/third_party/user-campaign-filters"} {
			resp, body := send(t, "OPTIONS", path, "Origin", "https://other.example", "Access-Control-Request-Method", "GET")
			require.Equal(t, 403, resp.StatusCode, path)
			require.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
			require.Contains(t, body["message"], `origin "https://other.example" is not allowed by --cors-origins (allowed: http://localhost:3000)`)
		}
	})

	t.Run("a real request from an allowed origin reads the exposed headers", func(t *testing.T) {
		resp, _ := send(t, "GET", "/social_app/api/v1/third_party/user-campaign-filters", "Origin", "http://localhost:3000", "Authorization", "cors-key")
		require.Equal(t, 200, resp.StatusCode)
		require.Equal(t, "http://localhost:3000", resp.Header.Get("Access-Control-Allow-Origin"))
		require.Contains(t, resp.Header.Get("Access-Control-Expose-Headers"), "X-Request-Id")
	})
}
