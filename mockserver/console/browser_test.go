package console_test

// The console tested in a real browser: Debian's Chromium, headless, driven
// with chromedp. One browser serves the whole test binary; each test opens
// its own tab on its own mock server.

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "write the console's screenshots to docs/img")

// browser is the one Chromium of this test binary, started on first use.
var browser struct {
	once   sync.Once
	ctx    context.Context // a browser context: tabs are opened from it
	cancel func()
	dir    string // the fresh profile directory
	err    error
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
		_ = os.RemoveAll(browser.dir)
	}
	os.Exit(code)
}

// chromiumPath finds Chromium: Debian's package, or another on PATH.
func chromiumPath() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// needBrowser skips the test (fails it under CI=true) when there is no
// Chromium, and otherwise starts the browser in the background, so that it
// starts while the test starts its mock server.
func needBrowser(t *testing.T) {
	t.Helper()
	if chromiumPath() == "" {
		msg := "no Chromium found for the console's browser tests; install it with `sudo apt-get install -y chromium` (Debian/Ubuntu)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	go browser.once.Do(launchBrowser)
}

// launchBrowser starts the one Chromium of the test binary.
func launchBrowser() {
	browser.dir, browser.err = os.MkdirTemp("", "console-chromium-")
	if browser.err != nil {
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath()),
		chromedp.NoSandbox, // root in containers and CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(browser.dir),
		chromedp.WindowSize(1280, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	browser.ctx = ctx
	browser.cancel = func() { cancelCtx(); cancelAlloc() }
	browser.err = chromedp.Do(ctx) // launches the browser
}

// startBrowser returns the browser context, once Chromium runs.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	needBrowser(t)
	browser.once.Do(launchBrowser)
	if browser.err != nil {
		t.Fatalf("starting Chromium at %s: %v", chromiumPath(), browser.err)
	}
	return browser.ctx
}

// tab is one browser tab with what went wrong in it.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex // guards problems and allowed
	problems []string   // JavaScript errors and failed requests
	allowed  func(url string, status int) bool
}

// openTab opens a tab that records JavaScript errors and failed requests.
func openTab(t *testing.T) *tab {
	t.Helper()
	tb := &tab{t: t, allowed: func(string, int) bool { return false }}
	urls := map[network.RequestID]string{}
	ctx, cancel := chromedp.NewContext(startBrowser(t), chromedp.WithListener(func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			tb.problems = append(tb.problems, fmt.Sprintf("JavaScript error: %s at %s:%d", describe(d), d.URL, d.LineNumber+1))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				tb.problems = append(tb.problems, fmt.Sprintf("console.error with %d argument(s)", len(ev.Args)))
			}
		case *cdplog.EventEntryAdded: // the browser's own errors, e.g. a Content-Security-Policy violation
			if e := ev.Entry; e.Level == cdplog.EntryLevelError && e.Source != cdplog.EntrySourceNetwork {
				tb.problems = append(tb.problems, fmt.Sprintf("browser error (%s): %s", e.Source, e.Text))
			}
		case *network.EventRequestWillBeSent:
			urls[ev.RequestID] = ev.Request.URL
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 && !tb.allowed(ev.Response.URL, int(ev.Response.Status)) {
				tb.problems = append(tb.problems, fmt.Sprintf("request failed: %d %s", ev.Response.Status, ev.Response.URL))
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled { // a stream aborted by leaving the page is not a failure
				tb.problems = append(tb.problems, fmt.Sprintf("request failed: %s %s", ev.ErrorText, urls[ev.RequestID]))
			}
		}
	}))
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	tb.ctx = ctx
	return tb
}

// allow sets which failed responses are expected.
func (tb *tab) allow(fn func(url string, status int) bool) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.allowed = fn
}

// describe names an exception: its object's description, else its text.
func describe(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

// run runs actions in the tab, failing the test on an error.
func (tb *tab) run(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("browser: %v (problems so far: %v)", err, tb.seen())
	}
}

func (tb *tab) seen() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.problems...)
}

// noProblems fails the test if the page threw or a request failed.
func (tb *tab) noProblems() {
	tb.t.Helper()
	if p := tb.seen(); len(p) > 0 {
		tb.t.Fatalf("the console had problems:\n%s", strings.Join(p, "\n"))
	}
}

// text reads an element's text content.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		tb.t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return s
}

// waitJS waits until a JavaScript expression is true.
func (tb *tab) waitJS(expr string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		tb.t.Fatalf("browser: waiting for %s: %v (problems so far: %v)", expr, err, tb.seen())
	}
}

// screenshot writes the viewport (or the whole page) to docs/img/name as a
// PNG when -update is given.
func (tb *tab) screenshot(name string, fullPage bool) {
	tb.t.Helper()
	if !*update {
		return
	}
	shot := chromedp.CaptureScreenshot()
	if fullPage {
		shot = chromedp.FullScreenshot(100) // quality 100 is PNG
	}
	png, err := chromedp.Run(tb.ctx, shot)
	if err != nil {
		tb.t.Fatalf("browser: screenshot: %v", err)
	}
	path := filepath.Join("..", "..", "docs", "img", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("wrote %s (%d bytes)", path, len(png))
}
