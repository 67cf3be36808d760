package tests

import (
	"net/http"
	"strings"
	"testing"
)

// sampleDoc has every kind of marker, and a marker shown as text inside a
// fenced block (not a marker).
const sampleDoc = "# A walkthrough\n" +
	"<!-- doctest-server: --scenario no-recruiter -->\n" +
	"```md\n<!-- doctest: GET /ignored -->\n```\n" +
	"<!-- doctest-run: POST /__admin/clock/advance -d '{\"duration\": \"3m\"}' -->\n" +
	"Some text.\n" +
	"<!-- doctest: POST /api/v1/x \\\n  -H 'X-Api-Key: demo-key' -d '{\"a\": \"b c\"}'\n  --status 201 --at data.items -->\n" +
	"\n" +
	"```json\n[{\"id\": 1}]\n```\n" +
	"<!-- doctest: GET /social_app/api/v1/third_party/y -H \"Authorization: k\" -->\n" +
	"````\nHTTP/1.1 200 OK\nX-Ratelimit-Limit-Day: 5000\nX-Request-Id: req_anything\n\n{\"message\": \"ok\"}\n````\n"

// TestParseDocChecks reads the sample's markers.
func TestParseDocChecks(t *testing.T) {
	doc, err := parseDocChecks("sample.md", sampleDoc)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.serverFlags, " ") != "--scenario no-recruiter" {
		t.Errorf("server flags %q", doc.serverFlags)
	}
	if len(doc.checks) != 3 {
		t.Fatalf("%d checks, want 3: %+v", len(doc.checks), doc.checks)
	}
	run, post, get := doc.checks[0], doc.checks[1], doc.checks[2]
	if run.block != nil || run.call.method != http.MethodPost || string(run.call.body) != `{"duration": "3m"}` ||
		run.call.header.Get("Content-Type") != "application/json" {
		t.Errorf("doctest-run: %+v", run)
	}
	if post.line != 8 || strings.Contains(post.request, "\\") || post.call.path != "/api/v1/x" || post.call.header.Get("X-Api-Key") != "demo-key" ||
		string(post.call.body) != `{"a": "b c"}` || post.status != 201 || post.at != "data.items" ||
		post.block == nil || *post.block != `[{"id": 1}]` {
		t.Errorf("doctest with options: %+v (block %q)", post, deref(post.block))
	}
	if get.call.header.Get("Authorization") != "k" || get.block == nil || !strings.HasPrefix(*get.block, "HTTP/1.1 200 OK") {
		t.Errorf("doctest with a header block: %+v", get)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestParseDocChecksRefusesBadMarkers: a mistake in a marker fails the doc
// test with its line, rather than skipping the example.
func TestParseDocChecksRefusesBadMarkers(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"no block", "<!-- doctest: GET /a -->\ntext\n", "sample.md:1: a doctest marker must be followed by the fenced block"},
		{"no path", "<!-- doctest: GET -->\n```\n{}\n```\n", "starts with METHOD /path"},
		{"unknown option", "<!-- doctest-run: GET /a --jq .x -->\n", `unknown option "--jq"`},
		{"unclosed quote", "<!-- doctest-run: GET /a -d '{ -->\n", "unclosed ' quote"},
		{"unclosed comment", "text\n<!-- doctest-run: GET /a\n", "sample.md:2: a doctest marker without its closing -->"},
		{"unknown marker", "<!-- doctest-skip: GET /a -->\n", `unknown marker "doctest-skip"`},
		{"late server flags", "<!-- doctest-run: GET /a -->\n<!-- doctest-server: --seed 2 -->\n", "doctest-server must come once"},
		{"bad status", "<!-- doctest-run: GET /a --status ok -->\n", `--status "ok"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseDocChecks("sample.md", tc.doc)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestDocCheckCompare: what the docs show must be in the answer.
func TestDocCheckCompare(t *testing.T) {
	answer := &answer{status: 200, header: http.Header{"X-Ratelimit-Limit-Day": {"5000"}, "X-Request-Id": {"req_1"}},
		body: []byte(`{"data": {"items": [{"id": 1, "name": "Sara"}, {"id": 2, "name": "Khalid"}], "total": 2.50}}`)}
	for _, tc := range []struct{ name, at, block, want string }{
		{"a subset", "", `{"data": {"items": [{"name": "Sara"}]}}`, ""},
		{"at a path", "data.items.1", `{"id": 2}`, ""},
		{"a number as written", "", `{"data": {"total": 2.50}}`, ""},
		{"headers and body", "", "HTTP/1.1 200 OK\nX-RateLimit-Limit-Day: 5000\nX-Request-Id: req_other\nDate: x\n\n{\"data\": {}}", ""},
		{"headers only", "", "HTTP/1.1 200 OK\nX-Ratelimit-Limit-Day: 5000", ""},
		{"another value", "", `{"data": {"items": [{"name": "Sarah"}]}}`, `answer.data.items.0.name: the docs show "Sarah", the mock answered "Sara"`},
		{"another number literal", "", `{"data": {"total": 2.5}}`, "answer.data.total: the docs show 2.5, the mock answered 2.50"},
		{"a member the answer lacks", "", `{"data": {"count": 2}}`, "answer.data.count: shown in the docs, absent"},
		{"more items than answered", "data.items", `[{}, {}, {}]`, "data.items: the docs show 3 items"},
		{"an object for a list", "", `{"data": {"items": {}}}`, "answer.data.items: the docs show an object"},
		{"another status", "", "HTTP/1.1 201 Created", `the docs show "HTTP/1.1 201 Created", the mock answered 200`},
		{"another header", "", "HTTP/1.1 200 OK\nX-Ratelimit-Limit-Day: 100", "header X-Ratelimit-Limit-Day"},
		{"not JSON", "", `{"data": `, "the block the docs show is not JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			block := tc.block
			got := docCheck{at: tc.at, block: &block}.compare(answer)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("compare = %q, want %q", got, tc.want)
			}
		})
	}
}
