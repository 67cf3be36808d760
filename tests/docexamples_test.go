package tests

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docExample is one example of a vendor doc, as stored in
// tests/testdata/docs/<vendor>/<name>.json: the request exactly as the doc
// shows it, and the doc's response when it shows one.
type docExample struct {
	name   string // "<vendor>/<file>", the subtest's name
	vendor string

	Section string `json:"section"`
	// Source is the address of the published page the example comes from
	// (required for Konnector's: the base page or the fuller 2025-05-11 draft).
	Source      string `json:"source"`
	OperationID string `json:"operation_id"`
	Scenario    string `json:"scenario"`
	Request     struct {
		Method  string            `json:"method"`
		Path    string            `json:"path"`
		Query   url.Values        `json:"query"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"request"`
	Response *struct {
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	} `json:"response"`
}

// loadDocExamples reads every doc example of both vendors.
func loadDocExamples(t testing.TB) []docExample {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "docs", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []docExample
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ex docExample
		if err := json.Unmarshal(raw, &ex); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ex.vendor = filepath.Base(filepath.Dir(f))
		ex.name = ex.vendor + "/" + filepath.Base(f)
		if ex.Request.Method == "" || ex.Request.Path == "" || ex.OperationID == "" || ex.Scenario == "" {
			t.Fatalf("%s: method, path, operation_id and scenario are required", f)
		}
		if ex.vendor == "konnector" && !strings.HasPrefix(ex.Source, "https://") {
			t.Fatalf("%s: a Konnector example names its source address", f)
		}
		out = append(out, ex)
	}
	for _, v := range []string{"skylight", "konnector"} {
		if !slices.ContainsFunc(out, func(ex docExample) bool { return ex.vendor == v }) {
			t.Fatalf("no doc examples for %s in testdata/docs", v)
		}
	}
	return out
}

// target is the example's path with its query.
func (ex *docExample) target() string {
	if len(ex.Request.Query) == 0 {
		return ex.Request.Path
	}
	return ex.Request.Path + "?" + ex.Request.Query.Encode()
}

// body is the doc's request body, verbatim, or nil.
func (ex *docExample) body() any {
	if len(ex.Request.Body) == 0 {
		return nil
	}
	return []byte(ex.Request.Body)
}

// docBody is the doc's response body, decoded.
func (ex *docExample) docBody(t testing.TB) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(ex.Response.Body, &v); err != nil {
		t.Fatalf("%s: response body: %v", ex.name, err)
	}
	return v
}

// usesPlaceholders reports whether a Konnector example names the doc's
// placeholder ids (encrypted_id_string...) or organisation 123.
func (ex *docExample) usesPlaceholders() bool {
	if strings.Contains(string(ex.Request.Body)+ex.Request.Query.Encode(), "encrypted_id_string") {
		return true
	}
	var b struct {
		OrganisationID *float64 `json:"organisation_id"`
	}
	_ = json.Unmarshal(ex.Request.Body, &b)
	return b.OrganisationID != nil && *b.OrganisationID == 123
}

// mayBeNull are the doc values the mock may answer with null: nullable
// fields whose value depends on the data.
var mayBeNull = map[string]bool{
	// null on the last page: the real ids' answer fits on one page.
	"data.pagination.next_page_url": true,
	// SkyLight's published contact list shows a phone; LinkedIn contacts have none.
	"data[].phone": true,
}

// docPromises are what the doc's prose promises about an answer it does not
// show, checked besides the spec.
var docPromises = map[string]func(t *testing.T, ex *docExample, r *reply){
	"skylight/connect-2fa.json": func(t *testing.T, _ *docExample, r *reply) {
		// "If 2FA is required, the response includes requires_2fa: true and an account_id."
		if !r.body.at("requires_2fa").bool() || r.body.at("account_id").str() == "" || r.body.at("is_connected").bool() {
			t.Errorf("under 2fa-required the connect asks for a code, with an account_id, not connected yet: %s", clip(r.raw))
		}
	},
	"skylight/connect.json": func(t *testing.T, ex *docExample, r *reply) {
		if r.body.at("requires_2fa").bool() || r.body.at("username").str() != requestField(t, ex, "username") || !r.body.at("is_connected").bool() {
			t.Errorf("without 2FA the doc's login connects at once: %s", clip(r.raw))
		}
	},
	"skylight/search.json": func(t *testing.T, _ *docExample, r *reply) {
		// "Response includes items[] with provider_id, name, headline, location, company, and
		// profile_url, plus next_cursor for pagination."
		items := r.body.at("items").list()
		if len(items) == 0 || !r.body.has("next_cursor") {
			t.Fatalf("the doc's search finds people and pages with next_cursor: %s", clip(r.raw))
		}
		for _, it := range items {
			for _, k := range []string{"provider_id", "name", "headline", "location", "company", "profile_url"} {
				it.at(k).str()
			}
		}
	},
	"skylight/launch-campaign.json": func(t *testing.T, ex *docExample, r *reply) {
		c := r.body
		if c.at("name").str() != requestField(t, ex, "name") || c.at("campaign_type").str() != "sequence" ||
			c.at("contacts_count").int() != 2 || c.at("status").str() != "active" {
			t.Errorf("the doc's campaign launches as sent, with its two people: %s", clip(r.raw))
		}
	},
	"skylight/create-job.json": func(t *testing.T, ex *docExample, r *reply) {
		j := r.body
		if j.at("title").str() != requestField(t, ex, "title") || j.at("status").str() != "published" {
			t.Errorf("publish_now true publishes the doc's job: %s", clip(r.raw))
		}
	},
	"skylight/send-message.json": func(t *testing.T, ex *docExample, r *reply) {
		m := r.body
		if m.at("contact_id").int() != 418 || m.at("content").str() != requestField(t, ex, "message") ||
			m.at("channel").str() != "linkedin" || m.at("direction").str() != "outbound" {
			t.Errorf("the doc's DM goes to contact 418 on LinkedIn, as written: %s", clip(r.raw))
		}
	},
}

// requestField is a string field of the example's request body.
func requestField(t *testing.T, ex *docExample, name string) string {
	t.Helper()
	s, _ := requestBody(t, ex)[name].(string)
	return s
}

// successStatus is the first 2xx status an operation documents.
func successStatus(v *vendor, method, path string) int {
	op := v.operation(method, path)
	for code := http.StatusOK; code < 300; code++ {
		if op != nil && op.Op.Responses.Status(code) != nil {
			return code
		}
	}
	return http.StatusOK
}
