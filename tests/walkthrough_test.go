package tests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestDocsShowWhatTheMockAnswers keeps the walkthroughs true: every marked
// example in README.md and docs/*.md is sent to a fresh mock (one per file,
// seed 1, frozen clock at 2025-05-11T09:00:00Z unless the file says
// otherwise), in the order of the file, and the block the docs show must be
// what the mock answers. The markers are HTML comments, invisible on a
// rendered page (docs/checked-examples.md describes them):
//
//	<!-- doctest-server: --scenario no-recruiter -->       flags for the file's server
//	<!-- doctest: GET /api/v1/linkedin/overview -H 'X-Api-Key: demo-key' -->
//	```json                                                the next fenced block is checked
//	{"success": true}
//	```
//	<!-- doctest-run: POST /__admin/clock/advance -d '{"duration": "3m"}' -->
//
// A JSON block must be contained in the answer (every member it shows, with
// the same value; an array it shows is the answer's first items), so docs
// may trim what they show. A block that starts with a status line
// ("HTTP/1.1 200 OK") checks the status, the headers it lists (Date and
// X-Request-Id excepted: they change on every request) and the JSON after
// a blank line.
func TestDocsShowWhatTheMockAnswers(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{filepath.Join("..", "README.md")}, files...)
	checked := 0
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(filepath.ToSlash(path), "../")
		doc, err := parseDocChecks(name, string(raw))
		if err != nil {
			t.Error(err)
			continue
		}
		if len(doc.checks) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := startMock(t, serverFlags{extra: doc.serverFlags})
			for _, c := range doc.checks {
				if problem := c.check(srv); problem != "" {
					t.Errorf("%s:%d: %s: %s", c.file, c.line, c.request, problem)
				}
			}
		})
		checked += len(doc.checks)
	}
	if checked == 0 {
		t.Fatal("no marked example in README.md or docs/*.md")
	}
}

// docFile is the marked examples of one Markdown file.
type docFile struct {
	serverFlags []string
	checks      []docCheck
}

// docCheck is one marked request with the block the docs show for it.
type docCheck struct {
	file    string
	line    int    // of the marker
	request string // the marker's text after "doctest:" or "doctest-run:"
	call    call
	status  int     // the expected status; 0: any 2xx
	at      string  // dotted path of the answer's JSON the block shows; "": all of it
	block   *string // the fenced block's text; nil for doctest-run
}

// parseDocChecks reads the markers of a Markdown file (those inside fenced
// blocks are text, not markers).
func parseDocChecks(file, text string) (docFile, error) {
	var doc docFile
	lines := strings.Split(text, "\n")
	fence := ""
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimSpace(lines[i])
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" {
			fence = f
			continue
		}
		if !strings.HasPrefix(trimmed, "<!-- doctest") {
			continue
		}
		start := i
		comment := trimmed
		for !strings.Contains(comment, "-->") && i+1 < len(lines) {
			i++
			comment += "\n" + lines[i]
		}
		comment, _, closed := strings.Cut(strings.TrimPrefix(comment, "<!--"), "-->")
		if !closed {
			return doc, fmt.Errorf("%s:%d: a doctest marker without its closing -->", file, start+1)
		}
		kind, rest, _ := strings.Cut(strings.TrimSpace(comment), ":")
		words, err := shellWords(rest)
		if err != nil {
			return doc, fmt.Errorf("%s:%d: %v", file, start+1, err)
		}
		switch kind {
		case "doctest-server":
			if len(doc.checks) > 0 || doc.serverFlags != nil {
				return doc, fmt.Errorf("%s:%d: doctest-server must come once, before the first doctest", file, start+1)
			}
			doc.serverFlags = append([]string{}, words...)
		case "doctest", "doctest-run":
			c, err := newDocCheck(words)
			if err != nil {
				return doc, fmt.Errorf("%s:%d: %v", file, start+1, err)
			}
			c.file, c.line, c.request = file, start+1, strings.Join(strings.Fields(strings.ReplaceAll(rest, "\\\n", " ")), " ")
			if kind == "doctest" {
				j := i + 1
				for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
					j++
				}
				f := ""
				if j < len(lines) {
					f = fenceOf(strings.TrimSpace(lines[j]))
				}
				if f == "" {
					return doc, fmt.Errorf("%s:%d: a doctest marker must be followed by the fenced block it checks", file, start+1)
				}
				end := j + 1
				for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), f) {
					end++
				}
				block := strings.Join(lines[j+1:min(end, len(lines))], "\n")
				c.block = &block
				i = end
			}
			doc.checks = append(doc.checks, c)
		default:
			return doc, fmt.Errorf("%s:%d: unknown marker %q (doctest, doctest-run, doctest-server)", file, start+1, kind)
		}
	}
	return doc, nil
}

// fenceOf returns the fence that a line opens (``` or ~~~, possibly
// longer), or "".
func fenceOf(line string) string {
	for _, c := range []string{"`", "~"} {
		if strings.HasPrefix(line, c+c+c) {
			return line[:len(line)-len(strings.TrimLeft(line, c))]
		}
	}
	return ""
}

// newDocCheck reads a marker's words: METHOD PATH, then -H 'Name: value',
// -d 'body' (sent as application/json unless a -H says otherwise),
// --status N and --at dotted.path.
func newDocCheck(words []string) (docCheck, error) {
	if len(words) < 2 || !strings.HasPrefix(words[1], "/") {
		return docCheck{}, fmt.Errorf("a doctest marker starts with METHOD /path, got %q", words)
	}
	c := docCheck{call: call{method: words[0], path: words[1], header: http.Header{}}}
	for i := 2; i < len(words); i += 2 {
		if i+1 >= len(words) {
			return c, fmt.Errorf("%s needs a value", words[i])
		}
		v := words[i+1]
		switch words[i] {
		case "-H":
			k, val, ok := strings.Cut(v, ":")
			if !ok {
				return c, fmt.Errorf("-H %q is not Name: value", v)
			}
			c.call.header.Add(strings.TrimSpace(k), strings.TrimSpace(val))
		case "-d":
			c.call.body = []byte(v)
		case "--status":
			n, err := strconv.Atoi(v)
			if err != nil {
				return c, fmt.Errorf("--status %q: %v", v, err)
			}
			c.status = n
		case "--at":
			c.at = v
		default:
			return c, fmt.Errorf("unknown option %q (-H, -d, --status, --at)", words[i])
		}
	}
	if c.call.body != nil && c.call.header.Get("Content-Type") == "" {
		c.call.header.Set("Content-Type", "application/json")
	}
	return c, nil
}

// shellWords splits a marker like a shell would split a curl command line:
// on blanks, with '...' and "..." quoting and backslash-newline joining.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("unclosed %c quote", c)
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// check sends the request and compares the answer with the block; it
// returns what differs, or "".
func (c docCheck) check(srv *mockProcess) string {
	a, err := srv.send(c.call)
	if err != nil {
		return "no answer: " + err.Error()
	}
	switch {
	case c.status != 0 && a.status != c.status:
		return fmt.Sprintf("status %d, want %d: %s", a.status, c.status, clip(a.body))
	case c.status == 0 && (a.status < 200 || a.status > 299):
		return fmt.Sprintf("status %d, want 2xx (or say --status): %s", a.status, clip(a.body))
	case c.block == nil:
		return ""
	}
	return c.compare(a)
}

// compare checks a block against an answer.
func (c docCheck) compare(a *answer) string {
	text := strings.TrimSpace(*c.block)
	if strings.HasPrefix(text, "HTTP/") {
		head, body, _ := strings.Cut(text, "\n\n")
		lines := strings.Split(head, "\n")
		if f := strings.Fields(lines[0]); len(f) < 2 || f[1] != strconv.Itoa(a.status) {
			return fmt.Sprintf("the docs show %q, the mock answered %d", lines[0], a.status)
		}
		for _, l := range lines[1:] {
			k, v, _ := strings.Cut(l, ":")
			k, v = http.CanonicalHeaderKey(strings.TrimSpace(k)), strings.TrimSpace(v)
			if k == "Date" || k == "X-Request-Id" {
				continue
			}
			if got := a.header.Values(k); len(got) != 1 || got[0] != v {
				return fmt.Sprintf("header %s: the docs show %q, the mock answered %q", k, v, got)
			}
		}
		if text = strings.TrimSpace(body); text == "" {
			return ""
		}
	}
	want, err := decodeJSONNumbers([]byte(text))
	if err != nil {
		return "the block the docs show is not JSON: " + err.Error()
	}
	got, err := decodeJSONNumbers(a.body)
	if err != nil {
		return "the answer is not JSON: " + err.Error()
	}
	path := "answer"
	if c.at != "" {
		path = c.at
		for _, key := range strings.Split(c.at, ".") {
			got = jsonChild(got, key)
		}
	}
	return contains(path, got, want)
}

// decodeJSONNumbers decodes JSON keeping numbers as their literals.
func decodeJSONNumbers(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// jsonChild is a member (by name) or an item (by index) of v, or nil.
func jsonChild(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		return x[key]
	case []any:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(x) {
			return x[i]
		}
	}
	return nil
}

// contains reports where got does not hold what want shows: every member
// of a wanted object with a contained value, the first items of a wanted
// array, equal scalars (numbers by their literal).
func contains(path string, got, want any) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: the docs show an object, the mock answered %s", path, compactJSON(got))
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, present := g[k]
			if !present {
				return fmt.Sprintf("%s.%s: shown in the docs, absent from the answer", path, k)
			}
			if d := contains(path+"."+k, gv, w[k]); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) < len(w) {
			return fmt.Sprintf("%s: the docs show %d items, the mock answered %s", path, len(w), compactJSON(got))
		}
		for i := range w {
			if d := contains(fmt.Sprintf("%s.%d", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if compactJSON(got) != compactJSON(want) {
		return fmt.Sprintf("%s: the docs show %s, the mock answered %s", path, compactJSON(want), compactJSON(got))
	}
	return ""
}

// compactJSON is v as one line of JSON, for messages and comparisons.
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(b.String())
}
