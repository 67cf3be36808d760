package tests

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// update rewrites the golden files instead of comparing against them.
var update = flag.Bool("update", false, "rewrite the golden files in tests/testdata/golden")

// goldenDir holds the answers of the golden run, one file per vendor.
const goldenDir = "testdata/golden"

// goldenSeed is the seed of the golden run (and of TestDeterminism).
const goldenSeed = 42

// TestGolden runs the determinism sequence (reads and writes on both
// vendors, a clock advance, 2FA, a created API key, errors and a 429; see
// determinismSequence) against a fresh server with seed 42 and the frozen
// clock at 2025-05-11T09:00:00Z, and compares every answer with the one
// stored in tests/testdata/golden: status, headers and body, byte for byte,
// except the request ids (the X-Request-Id header, and the same id
// wherever a body repeats it) and the Date header, the only parts that
// differ between runs. JSON bodies are stored indented (json.Indent only
// adds whitespace between tokens; Content-Length keeps the sent size), a
// binary body as its length and SHA-256.
//
// A change that alters generated data, an id, a figure or a message shows
// up here as a diff of these files. When the change is intended, rewrite
// them and commit them with it:
//
//	go test ./tests -run '^TestGolden$' -update
func TestGolden(t *testing.T) {
	t.Parallel()
	r := &recording{t: t, srv: startMock(t, serverFlags{seed: goldenSeed}), sp: loadSpecs(t)}
	determinismSequence(r)
	files := goldenFiles(r.out)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(goldenDir, name), text, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("wrote %d golden files in tests/%s", len(files), goldenDir)
		return
	}
	stored, err := filepath.Glob(filepath.Join(goldenDir, "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range stored {
		if files[filepath.Base(path)] == nil {
			t.Errorf("%s: no longer produced by the golden run; delete it (or run with -update)", path)
		}
	}
	for name, got := range files {
		path := filepath.Join(goldenDir, name)
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v: run `go test ./tests -run '^TestGolden$' -update` and commit the file", err)
			continue
		}
		if diff := goldenDiff(want, got); diff != "" {
			t.Errorf("tests/%s differs from this run (if the change is intended: "+
				"go test ./tests -run '^TestGolden$' -update, then review and commit the diff):\n%s", path, diff)
		}
	}
}

// goldenFiles renders the exchanges, one file per vendor in the order
// they were made; the admin API's answers (the clock advance, which moves
// both vendors) go in both.
func goldenFiles(out []exchange) map[string][]byte {
	files := map[string]*bytes.Buffer{"skylight.golden": {}, "konnector.golden": {}}
	for _, x := range out {
		for name, b := range files {
			vendor := strings.TrimSuffix(name, ".golden")
			_, rest, _ := strings.Cut(x.name, " ")
			if strings.HasPrefix(rest, vendor+" ") || strings.HasPrefix(rest, "/__admin/") {
				renderExchange(b, x)
			}
		}
	}
	text := map[string][]byte{}
	for name, b := range files {
		text[name] = b.Bytes()
	}
	return text
}

// goldenSkippedHeaders differ between runs by design.
var goldenSkippedHeaders = map[string]bool{"Date": true, "X-Request-Id": true}

// renderExchange writes one answer: the request, the status, the headers
// in order, and the body.
func renderExchange(b *bytes.Buffer, x exchange) {
	fmt.Fprintf(b, "### %s\n%d %s\n", x.name, x.status, http.StatusText(x.status))
	keys := make([]string, 0, len(x.header))
	for k := range x.header {
		if !goldenSkippedHeaders[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range x.header[k] {
			fmt.Fprintf(b, "%s: %s\n", k, v)
		}
	}
	b.WriteString("\n")
	body := x.body
	if id := x.header.Get("X-Request-Id"); id != "" {
		body = bytes.ReplaceAll(body, []byte(id), []byte("<request id>"))
	}
	var indented bytes.Buffer
	switch {
	case len(body) == 0:
		b.WriteString("(no body)\n")
	case json.Valid(body) && json.Indent(&indented, body, "", "  ") == nil:
		b.Write(indented.Bytes())
		if !bytes.HasSuffix(indented.Bytes(), []byte("\n")) {
			b.WriteString("\n(no newline at the end of the body)\n")
		}
	default:
		fmt.Fprintf(b, "(%d bytes, sha256 %x)\n", len(body), sha256.Sum256(body))
	}
	b.WriteString("\n")
}

// goldenDiff describes the first line where got differs from want, under
// the heading of its exchange, or returns "" when they are equal.
func goldenDiff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	heading := ""
	for j := min(i, len(g)-1); j >= 0; j-- {
		if strings.HasPrefix(g[j], "### ") {
			heading = g[j] + "\n"
			break
		}
	}
	line := func(lines []string, i int) string {
		if i < len(lines) {
			return clip([]byte(lines[i]))
		}
		return "(end of file)"
	}
	return fmt.Sprintf("%sline %d:\n  stored: %s\n  now:    %s\n(%d lines stored, %d now)",
		heading, i+1, line(w, i), line(g, i), len(w), len(g))
}
