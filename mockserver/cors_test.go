package mockserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAllowCORS(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	tests := []struct {
		name       string
		origins    []string
		method     string
		headers    map[string]string
		wantStatus int
		wantOrigin string
	}{
		{"no origin passes", []string{"*"}, "GET", nil, 418, ""},
		{"any origin", []string{"*"}, "GET", map[string]string{"Origin": "http://a.test"}, 418, "*"},
		{"listed origin", []string{"http://a.test"}, "GET", map[string]string{"Origin": "http://a.test"}, 418, "http://a.test"},
		{"unlisted origin", []string{"http://a.test"}, "GET", map[string]string{"Origin": "http://b.test"}, 418, ""},
		{"preflight answered", []string{"*"}, "OPTIONS",
			map[string]string{"Origin": "http://a.test", "Access-Control-Request-Method": "POST"}, 204, "*"},
		{"OPTIONS without preflight passes", []string{"*"}, "OPTIONS", map[string]string{"Origin": "http://a.test"}, 418, "*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "/api/v1/x", nil)
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			allowCORS(corsPolicy{origins: tc.origins})(next).ServeHTTP(rec, req)
			require.Equal(t, tc.wantStatus, rec.Code)
			require.Equal(t, tc.wantOrigin, rec.Header().Get("Access-Control-Allow-Origin"))
		})
	}
}
