package mockserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// docRequest is the request part of a doc example in tests/testdata/docs.
type docRequest struct {
	Scenario string `json:"scenario"`
	Request  struct {
		Method string              `json:"method"`
		Path   string              `json:"path"`
		Query  map[string][]string `json:"query"`
		Body   json.RawMessage     `json:"body"`
	} `json:"request"`
}

// addDocSeeds seeds a fuzz target with the vendor docs' example requests:
// method, path, query, headers (the example's scenario) and body.
func addDocSeeds(f *testing.F, vendor string) {
	files, err := filepath.Glob(filepath.Join("..", "tests", "testdata", "docs", vendor, "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no doc examples for %s: %v", vendor, err)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var ex docRequest
		if err := json.Unmarshal(raw, &ex); err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		headers := ""
		if ex.Scenario != "" && ex.Scenario != "default" {
			headers = "X-Mock-Scenario: " + ex.Scenario
		}
		f.Add(ex.Request.Method, ex.Request.Path, url.Values(ex.Request.Query).Encode(), headers, string(ex.Request.Body))
	}
}

// fuzzServer is shared by every input of a target: state carries over, as it
// would for a long-running mock.
func fuzzServer(f *testing.F) *mockserver.Server {
	s, err := mockserver.New(mockserver.Options{Seed: 1, ClockStart: time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC), ClockFrozen: true, MaxTenants: 8})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// headerName is what a fuzzed header line may name (an HTTP token).
var headerName = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+.^_|~-]+$`)

// parseHeaders reads "Name: value" lines; lines a real server would reject
// before the handler (bad names, framing headers) are left out.
func parseHeaders(s string) http.Header {
	h := http.Header{}
	for _, line := range strings.Split(s, "\n") {
		name, value, ok := strings.Cut(strings.TrimRight(line, "\r"), ":")
		if !ok || !headerName.MatchString(name) || strings.ContainsAny(value, "\r\x00") {
			continue
		}
		switch http.CanonicalHeaderKey(name) {
		case "Content-Length", "Transfer-Encoding", "Host", "Connection":
			continue
		}
		h.Add(name, strings.TrimSpace(value))
	}
	return h
}

// fuzzAnswer is one answer and what the request asked for, for the checks.
type fuzzAnswer struct {
	vendor   string
	header   http.Header // the request's headers
	w        *httptest.ResponseRecorder
	aborted  bool // the handler aborted the connection (an injected drop)
	timedOut bool // the client gave up during an injected latency
}

// allowed5xx tells whether a 5xx was asked for: forced with X-Mock-Status,
// or injected by a scenario's fault.
func (a *fuzzAnswer) allowed5xx(message string) bool {
	forced, _, _ := strings.Cut(strings.TrimSpace(a.header.Get("X-Mock-Status")), " ")
	if forced == strconv.Itoa(a.w.Code) {
		return true
	}
	return strings.Contains(message, "injected fault")
}

// checkFuzzAnswer holds the properties every answer must have: no panic (the
// server recovers, but a recovered panic answers 500), no 5xx unless forced
// or injected, always valid JSON, in the vendor's envelope on errors.
func checkFuzzAnswer(t *testing.T, a *fuzzAnswer) {
	t.Helper()
	w := a.w
	if a.aborted || a.timedOut {
		if !strings.Contains(a.header.Get("X-Mock-Scenario"), "flaky") {
			t.Fatalf("connection dropped or stalled without a flaky scenario (aborted %v, timed out %v)", a.aborted, a.timedOut)
		}
		return
	}
	ct := w.Header().Get("Content-Type")
	if !strings.HasPrefix(ct, "application/json") {
		if w.Code < 300 && ct == "application/pdf" {
			return
		}
		t.Fatalf("status %d with Content-Type %q: %q", w.Code, ct, w.Body.String())
	}
	var body map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("status %d, body is not a JSON object: %v: %q", w.Code, err, w.Body.String())
	}
	if w.Code < 400 {
		return
	}
	var message string
	switch a.vendor {
	case "skylight":
		message, _ = body["message"].(string)
		if body["success"] != false || body["message"] == nil || (body["errors"] != nil && a.w.Code != 422) {
			t.Fatalf("status %d, not SkyLight's envelope: %s", w.Code, w.Body.String())
		}
	case "konnector":
		data, _ := body["data"].(map[string]any)
		if body["status"] != false || data == nil || data["error_code"] == nil || data["request_id"] == nil {
			t.Fatalf("status %d, not Konnector's envelope: %s", w.Code, w.Body.String())
		}
		message, _ = data["error"].(string)
	}
	if w.Code >= 500 && !a.allowed5xx(message) {
		t.Fatalf("status %d neither forced nor injected: %s", w.Code, w.Body.String())
	}
}

// serveFuzz runs one request through the handler; a latency longer than
// a moment counts as the client giving up.
func serveFuzz(h http.Handler, req *http.Request) (w *httptest.ResponseRecorder, aborted, timedOut bool) {
	ctx, cancel := context.WithTimeout(req.Context(), 50*time.Millisecond)
	defer cancel()
	w = httptest.NewRecorder()
	func() {
		defer func() {
			if p := recover(); p != nil {
				if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					aborted = true
					return
				}
				panic(p)
			}
		}()
		h.ServeHTTP(w, req.WithContext(ctx))
	}()
	return w, aborted, ctx.Err() != nil && w.Body.Len() == 0
}

func fuzzVendor(f *testing.F, vendor, base, keyHeader string) {
	addDocSeeds(f, vendor)
	f.Add("GET", "/../../__admin/health", "", "", "")
	f.Add("POST", "/%zz", "a=%zz&b", "X-Mock-Status: 500\nContent-Type: text/plain", "{")
	f.Add("DELETE", "/linkedin/outreach/campaigns/1", "", "X-Mock-Scenario: 2fa-required,quota-exhausted", "")
	f.Add("GET", "/campaign-info", "limit=-1&offset=99999999999&linkedin_user_information_ids=,,", "X-Mock-Status: 503 example=nope", "")
	f.Add("GET", "/contacts", "page=9223372036854775807&per_page=100", keyHeader+": \nX-Mock-Scenario: flaky", "")
	srv := fuzzServer(f)
	f.Fuzz(func(t *testing.T, method, path, query, headers, body string) {
		if !validMethod(method) || strings.ContainsAny(path, " \t\r\n#?") || strings.ContainsAny(query, " \t\r\n#") {
			t.Skip()
		}
		target := "http://mock" + base + "/" + strings.TrimPrefix(path, "/")
		if query != "" {
			target += "?" + query
		}
		req, err := http.NewRequest(method, target, strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.Header.Set(keyHeader, "fuzz-key")
		req.Header.Set("Content-Type", "application/json")
		if vendor == "skylight" {
			// past SkyLight's 120 a minute every input would be a 429
			req.Header.Set("X-Mock-Scenario", "no-rate-limit")
		}
		for k, v := range parseHeaders(headers) {
			req.Header[k] = v
		}
		w, aborted, timedOut := serveFuzz(srv, req)
		checkFuzzAnswer(t, &fuzzAnswer{vendor: vendor, header: req.Header, w: w, aborted: aborted, timedOut: timedOut})
	})
}

func validMethod(m string) bool {
	switch m {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// FuzzSkyLight sends any method, path, query, headers (X-Mock-Status,
// X-Mock-Scenario, the key, ...) and body into the full handler under
// SkyLight's base path.
func FuzzSkyLight(f *testing.F) { fuzzVendor(f, "skylight", "/api/v1", "X-Api-Key") }

// FuzzKonnector does the same under Konnector's base path.
func FuzzKonnector(f *testing.F) {
	fuzzVendor(f, "konnector", "/social_app/api/v1/third_party", "Authorization")
}

// FuzzAdmin sends any method, path and body to the control API: never a
// 5xx, always JSON (YAML for a spec, nothing for a 204 or a redirect to a
// cleaned path), and the virtual clock never moves backward.
func FuzzAdmin(f *testing.F) {
	for _, s := range [][3]string{
		{"GET", "clock", ""}, {"POST", "clock/advance", `{"duration":"72h"}`},
		{"POST", "clock/advance", `{"duration":"2562047h"}`}, {"POST", "clock/advance", `{"duration":"-1s"}`},
		{"PUT", "scenario", `{"scenario":"flaky,quota-exhausted"}`}, {"PUT", "scenario", `{"scenario":"default"}`},
		{"POST", "reset", `{"api_key":"k"}`}, {"GET", "requests", "limit=-1"}, {"GET", "openapi/skylight.yaml", ""},
		{"DELETE", "requests", ""}, {"GET", "tenants", ""}, {"GET", "coverage", ""}, {"GET", "scenarios", ""},
		{"GET", "", ""}, {"GET", "status", ""}, {"GET", "worlds", ""}, {"GET", "worlds/w_0", ""}, {"GET", "ui/app.js", ""},
		{"PUT", "worlds/scenario", `{"api_key":"k","scenario":"disconnected"}`}, {"PUT", "scenario", `{"scenario":"default","in_place":true}`},
	} {
		f.Add(s[0], s[1], s[2])
	}
	srv := fuzzServer(f)
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if !validMethod(method) || strings.ContainsAny(path, " \t\r\n#") {
			t.Skip()
		}
		req, err := http.NewRequest(method, "http://mock/__admin/"+strings.TrimPrefix(path, "/"), strings.NewReader(body))
		if err != nil || req.URL.Path == "/__admin/requests/stream" {
			t.Skip() // the live stream never ends by itself: TestStream covers it
		}
		before := srv.Clock().Now()
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if now := srv.Clock().Now(); now.Before(before) {
			t.Fatalf("the clock moved backward from %s to %s", before, now)
		}
		if w.Code >= 500 {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		ct := w.Header().Get("Content-Type")
		switch {
		case w.Code == http.StatusNoContent || method == http.MethodHead || ct == "application/yaml":
		case w.Code >= 300 && w.Code < 400 && w.Header().Get("Location") != "": // the mux cleaning a path such as /__admin/..
		case strings.HasPrefix(req.URL.Path, "/__admin/ui/") && w.Code < 300: // the console's files
		case !strings.HasPrefix(ct, "application/json"):
			t.Fatalf("status %d with Content-Type %q", w.Code, ct)
		case !json.Valid(w.Body.Bytes()):
			t.Fatalf("status %d, invalid JSON: %q", w.Code, w.Body.String())
		}
	})
}
