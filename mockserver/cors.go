package mockserver

import (
	"net/http"
	"slices"
)

// exposedHeaders are readable by browser code: the request id and the
// rate-limit headers.
const exposedHeaders = "X-Request-Id, Retry-After, X-RateLimit-Limit-Minute, X-RateLimit-Remaining-Minute, X-RateLimit-Limit-Day, X-RateLimit-Remaining-Day"

// allowedHeaders are what browser code may send.
const allowedHeaders = "Authorization, X-Api-Key, Content-Type, X-Request-Id, X-Mock-Scenario, X-Mock-Status, X-Mock-Latency"

// allowCORS adds CORS headers for an allowed origin ("*" allows any) and
// answers preflight requests itself, before authentication and validation.
func allowCORS(origins []string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !corsPreflight(origins, w, r) {
				next.ServeHTTP(w, r)
			}
		})
	}
}

// corsPreflight adds the CORS headers and reports whether the request was a
// preflight, answered.
func corsPreflight(allowed []string, w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	h := w.Header()
	switch {
	case slices.Contains(allowed, "*"):
		h.Set("Access-Control-Allow-Origin", "*")
	case slices.Contains(allowed, origin):
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	default:
		return false
	}
	h.Set("Access-Control-Expose-Headers", exposedHeaders)
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
	h.Set("Access-Control-Allow-Headers", allowedHeaders)
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}
