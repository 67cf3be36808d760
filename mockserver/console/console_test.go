package console

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// maxBytes is the console's budget: everything it is made of.
const maxBytes = 200 << 10

// TestSize: the console's files stay under 200 KB in all.
func TestSize(t *testing.T) {
	total := 0
	err := fs.WalkDir(files, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(path)
		total += len(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("console files: %d bytes", total)
	if total > maxBytes {
		t.Fatalf("the console's files are %d bytes; the budget is %d", total, maxBytes)
	}
}

// external matches a reference that would make the browser fetch from the
// network: a CDN script, a web font, a remote stylesheet or image.
var external = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|fetch\(\s*["'\x60]https?:`)

// TestOffline: no file refers to anything outside the server.
func TestOffline(t *testing.T) {
	err := fs.WalkDir(files, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(path)
		if m := external.Find(b); m != nil {
			t.Errorf("%s refers to the network: %q", path, m)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(http.StripPrefix("/ui/", Handler()))
	defer srv.Close()
	for _, c := range []struct {
		path, contentType string
		status            int
	}{
		{"/ui/", "text/html", 200},
		{"/ui/app.js", "text/javascript", 200},
		{"/ui/style.css", "text/css", 200},
		{"/ui/nope.js", "application/json", 404},
	} {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.contentType) {
			t.Errorf("%s: %d %s, want %d %s", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.status, c.contentType)
		}
		if c.status == 200 && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("%s: no Content-Security-Policy keeping the console to its own server", c.path)
		}
	}
}
