package mockserver

import (
	"fmt"
	"slices"
	"strings"
)

// builtinCORSHeaders are the request headers browser code may always send:
// both vendors' keys, JSON bodies and the mock's own per-request headers.
var builtinCORSHeaders = []string{"Authorization", "X-Api-Key", "Content-Type", "X-Request-Id",
	"X-Mock-Scenario", "X-Mock-Status", "X-Mock-Latency"}

// corsPolicy is what --cors-origins and --cors-headers allow.
type corsPolicy struct {
	origins []string // allowed origins; "*" allows any
	headers []string // request headers allowed beside the built-ins
}

// corsAnswer is what the policy decides for one request; the middleware only
// writes it.
type corsAnswer struct {
	// allowOrigin is the Access-Control-Allow-Origin value; empty when the
	// request is not a CORS request or its origin is not allowed.
	allowOrigin string
	// vary lists the request headers the answer depends on.
	vary []string
	// preflight: the request is a preflight, answered by the middleware.
	preflight bool
	// refusal, for a preflight from an origin that is not allowed, says why
	// (answered 403).
	refusal string
	// allowHeaders is the preflight's Access-Control-Allow-Headers.
	allowHeaders string
}

// decide applies the policy to a request's Origin, method and, for a
// preflight, Access-Control-Request-Method and -Headers.
func (p corsPolicy) decide(origin, method, requestMethod, requestHeaders string) corsAnswer {
	var a corsAnswer
	if origin == "" {
		return a
	}
	a.preflight = method == "OPTIONS" && requestMethod != ""
	anyOrigin := slices.Contains(p.origins, "*")
	switch {
	case anyOrigin:
		a.allowOrigin = "*"
	case slices.Contains(p.origins, origin):
		a.allowOrigin = origin
		a.vary = append(a.vary, "Origin")
	default:
		a.vary = append(a.vary, "Origin")
		if a.preflight {
			a.refusal = fmt.Sprintf("origin %q is not allowed by --cors-origins (allowed: %s); "+
				"start the mock with --cors-origins %s (or *)", origin, strings.Join(p.origins, ", "), origin)
		}
		return a
	}
	if a.preflight {
		a.allowHeaders = strings.Join(mergeHeaderNames(builtinCORSHeaders, p.headers, splitHeaderList(requestHeaders)), ", ")
		if requestHeaders != "" {
			a.vary = append(a.vary, "Access-Control-Request-Headers")
		}
	}
	return a
}

// splitHeaderList reads a comma-separated list of header names, keeping only
// valid names (RFC 9110 tokens), so nothing else is echoed back.
func splitHeaderList(list string) []string {
	var out []string
	for _, h := range strings.Split(list, ",") {
		if h = strings.TrimSpace(h); h != "" && isToken(h) {
			out = append(out, h)
		}
	}
	return out
}

func isToken(s string) bool {
	for _, c := range s {
		if c > 0x7e || c <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, c) {
			return false
		}
	}
	return true
}

// mergeHeaderNames joins lists of header names, the first spelling of each
// name (compared case-insensitively) winning.
func mergeHeaderNames(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, h := range l {
			if k := strings.ToLower(h); !seen[k] {
				seen[k] = true
				out = append(out, h)
			}
		}
	}
	return out
}
