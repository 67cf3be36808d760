// Package tests is the black-box suite: it builds the real linkedin-mock
// binary, starts it on a free loopback port, and talks to it only over HTTP,
// as an outside client would.
package tests

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// clockStart pins every started server's virtual clock: the day of the
// vendor docs' examples.
const clockStart = "2025-05-11T09:00:00Z"

// binary is the linkedin-mock executable that TestMain builds once; it is
// set before any test runs and never changed.
var binary string

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "linkedin-mock-tests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "linkedin-mock")
	if err := goBuild(binary, "./cmd/linkedin-mock"); err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		return 1
	}
	return m.Run()
}

// goBuild builds a package of the module (relative to the repository root)
// into out.
func goBuild(out, pkg string) error {
	cmd := exec.Command(goCommand(), "build", "-o", out, pkg)
	cmd.Dir = ".." // the repository root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return nil
}

// goCommand is the go tool running these tests.
func goCommand() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// mockProcess is a running linkedin-mock binary.
type mockProcess struct {
	// URL is the server's root, e.g. http://127.0.0.1:41235.
	URL    string
	client *http.Client
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan struct{} // closed when the process has exited
	err    error         // Wait's result, read after done
}

// serverFlags are the knobs a test turns; the seed, the pinned frozen
// clock and the loopback port are always set.
type serverFlags struct {
	seed         int64    // 0 means 1
	maxBodyBytes int64    // 0 leaves the default
	extra        []string // more flags
}

// startMock starts the binary and waits for its health check. It is
// stopped with SIGTERM when the test ends (killed if it does not exit), and
// the test fails unless it exited 0.
func startMock(t testing.TB, f serverFlags) *mockProcess {
	t.Helper()
	if f.seed == 0 {
		f.seed = 1
	}
	args := []string{"--addr", "127.0.0.1:0", "--seed", strconv.FormatInt(f.seed, 10),
		"--clock-start", clockStart, "--clock-frozen", "--log-level", "warn"}
	if f.maxBodyBytes > 0 {
		args = append(args, "--max-body-bytes", strconv.FormatInt(f.maxBodyBytes, 10))
	}
	args = append(args, f.extra...)
	cmd := exec.Command(binary, args...)
	cmd.Env = cleanEnv()
	setProcAttr(cmd)
	first := &firstLine{line: make(chan string, 1)}
	p := &mockProcess{cmd: cmd, stderr: &syncBuffer{}, done: make(chan struct{}),
		client: &http.Client{Timeout: 10 * time.Second}}
	cmd.Stdout, cmd.Stderr = first, p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start linkedin-mock: %v", err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() { p.stop(t) })

	select {
	case line := <-first.line:
		p.URL = regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
		if p.URL == "" {
			t.Fatalf("unexpected first line from linkedin-mock: %q", line)
		}
	case <-p.done:
		t.Fatalf("linkedin-mock exited at start: %v\n%s", p.err, p.stderr)
	case <-time.After(20 * time.Second):
		t.Fatalf("linkedin-mock printed no address in 20s\n%s", p.stderr)
	}
	p.waitHealthy(t)
	return p
}

// stop sends SIGTERM, waits for a clean exit (status 0), and kills the
// process if it is still running after 15s.
func (p *mockProcess) stop(t testing.TB) {
	select {
	case <-p.done:
		t.Errorf("linkedin-mock exited before the test ended: %v\nstderr:\n%s", p.err, p.stderr)
		return
	default:
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Errorf("SIGTERM linkedin-mock: %v", err)
	}
	select {
	case <-p.done:
		if p.err != nil {
			t.Errorf("linkedin-mock did not exit 0 on SIGTERM: %v\nstderr:\n%s", p.err, p.stderr)
		}
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		t.Errorf("linkedin-mock ignored SIGTERM for 15s and was killed\nstderr:\n%s", p.stderr)
	}
	if t.Failed() && p.stderr.Len() > 0 {
		t.Logf("linkedin-mock stderr:\n%s", p.stderr)
	}
}

// waitHealthy polls GET /__admin/health until it answers 200.
func (p *mockProcess) waitHealthy(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := p.client.Get(p.URL + "/__admin/health")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("linkedin-mock at %s is not healthy after 10s: %v", p.URL, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cleanEnv is the environment without LINKEDIN_MOCK_* variables, so the
// developer's settings cannot change what the suite tests.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LINKEDIN_MOCK_") {
			env = append(env, kv)
		}
	}
	return env
}

// firstLine hands the first line written to it over a channel.
type firstLine struct {
	mu   sync.Mutex // guards buf and sent
	buf  bytes.Buffer
	sent bool
	line chan string
}

func (w *firstLine) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.sent {
		return len(b), nil
	}
	w.buf.Write(b)
	if line, _, ok := strings.Cut(w.buf.String(), "\n"); ok {
		w.sent = true
		w.line <- line
	}
	return len(b), nil
}

// syncBuffer is a bytes.Buffer safe for the process's writer goroutine and
// the test reading it.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}
