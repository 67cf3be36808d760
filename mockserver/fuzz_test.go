package mockserver_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// docRequest is the request part of a doc example in tests/testdata/docs.
type docRequest struct {
	Request struct {
		Method string          `json:"method"`
		Path   string          `json:"path"`
		Body   json.RawMessage `json:"body"`
	} `json:"request"`
}

// addDocSeeds seeds a fuzz target with the vendor docs' example requests.
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
		f.Add(ex.Request.Method, ex.Request.Path, string(ex.Request.Body), "")
	}
}

// fuzzServer is shared by every input of a target: state carries over, as it
// would for a long-running mock.
func fuzzServer(f *testing.F) http.Handler {
	s, err := mockserver.New(mockserver.Options{Seed: 1, ClockStart: time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC), ClockFrozen: true, MaxTenants: 8})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// checkFuzzAnswer holds the properties every answer must have: no panic (the
// server recovers, but a recovered panic answers 500), no 5xx, always valid
// JSON in the vendor's envelope on errors.
func checkFuzzAnswer(t *testing.T, vendor string, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code >= 500 && w.Code != http.StatusNotImplemented {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		if w.Code < 300 && ct == "application/pdf" {
			return
		}
		t.Fatalf("status %d with Content-Type %q", w.Code, ct)
	}
	var body map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("status %d, body is not a JSON object: %v: %q", w.Code, err, w.Body.String())
	}
	if w.Code < 400 {
		return
	}
	switch vendor {
	case "skylight":
		if body["success"] != false || body["error"] == nil || body["message"] == nil {
			t.Fatalf("status %d, not SkyLight's envelope: %s", w.Code, w.Body.String())
		}
	case "konnector":
		data, _ := body["data"].(map[string]any)
		if body["status"] != false || data == nil || data["error_code"] == nil || data["request_id"] == nil {
			t.Fatalf("status %d, not Konnector's envelope: %s", w.Code, w.Body.String())
		}
	}
}

func fuzzVendor(f *testing.F, vendor, base, keyHeader string) {
	addDocSeeds(f, vendor)
	f.Add("GET", "/../../__admin/health", "", "")
	f.Add("POST", "/%zz", "{", "nope")
	f.Add("DELETE", "/linkedin/outreach/campaigns/1", "", "2fa-required,quota-exhausted")
	srv := fuzzServer(f)
	f.Fuzz(func(t *testing.T, method, path, body, scenario string) {
		if !validMethod(method) || strings.ContainsAny(path, " \t\r\n#?") {
			t.Skip()
		}
		req, err := http.NewRequest(method, "http://mock"+base+"/"+strings.TrimPrefix(path, "/"), strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.Header.Set(keyHeader, "fuzz-key")
		req.Header.Set("Content-Type", "application/json")
		if scenario != "" && !strings.ContainsAny(scenario, "\r\n") {
			req.Header.Set("X-Mock-Scenario", scenario)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		checkFuzzAnswer(t, vendor, w)
	})
}

func validMethod(m string) bool {
	switch m {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD":
		return true
	}
	return false
}

// FuzzSkyLight sends any method, path, body and scenario header into the
// full handler under SkyLight's base path.
func FuzzSkyLight(f *testing.F) { fuzzVendor(f, "skylight", "/api/v1", "X-Api-Key") }

// FuzzKonnector does the same under Konnector's base path.
func FuzzKonnector(f *testing.F) {
	fuzzVendor(f, "konnector", "/social_app/api/v1/third_party", "Authorization")
}
