package mockserver

import (
	"net/http"
	"strings"
)

// exposedHeaders are readable by browser code: the request id and the
// rate-limit headers.
const exposedHeaders = "X-Request-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-RateLimit-Limit-Minute, X-RateLimit-Remaining-Minute, X-RateLimit-Limit-Day, X-RateLimit-Remaining-Day"

// allowCORS writes what the CORS policy decides for each request (see
// corsPolicy.decide) and answers preflight requests itself, before
// authentication and validation: 204 for an allowed origin, 403 naming
// --cors-origins for another.
func allowCORS(p corsPolicy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !corsAnswered(p, w, r) {
				next.ServeHTTP(w, r)
			}
		})
	}
}

// corsAnswered adds the CORS headers and reports whether the request was a
// preflight, answered.
func corsAnswered(p corsPolicy, w http.ResponseWriter, r *http.Request) bool {
	a := p.decide(r.Header.Get("Origin"), r.Method,
		r.Header.Get("Access-Control-Request-Method"), strings.Join(r.Header.Values("Access-Control-Request-Headers"), ","))
	h := w.Header()
	for _, v := range a.vary {
		h.Add("Vary", v)
	}
	if a.refusal != "" {
		writePlainError(w, http.StatusForbidden, a.refusal)
		return true
	}
	if a.allowOrigin == "" {
		return false
	}
	h.Set("Access-Control-Allow-Origin", a.allowOrigin)
	h.Set("Access-Control-Expose-Headers", exposedHeaders)
	if !a.preflight {
		return false
	}
	h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
	h.Set("Access-Control-Allow-Headers", a.allowHeaders)
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}
