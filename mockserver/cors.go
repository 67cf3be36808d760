package mockserver

import (
	"net/http"
	"strings"
)

// exposedHeaders are readable by browser code: the request id and the
// rate-limit headers.
const exposedHeaders = "X-Request-Id, Retry-After, X-RateLimit-Limit-Minute, X-RateLimit-Remaining-Minute, X-RateLimit-Limit-Day, X-RateLimit-Remaining-Day"

// cors writes what the CORS policy decides for the request (see
// corsPolicy.decide) and answers preflight requests itself, before
// authentication and validation: 204 for an allowed origin, 403 naming
// --cors-origins for another. It reports whether the request was answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	p := corsPolicy{origins: s.opts.CORSOrigins, headers: s.opts.CORSHeaders}
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
