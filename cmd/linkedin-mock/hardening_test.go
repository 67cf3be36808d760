package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// serveInProcess runs `serve` with args on a free port in this process and
// returns its base URL; the server is shut down (and must return no error)
// when the test ends.
func serveInProcess(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &lineWriter{first: make(chan string, 1)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"--addr", "127.0.0.1:0", "--log-level", "error"}, args...), noEnv, stdout, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(15 * time.Second):
			t.Error("server did not shut down")
		}
	})
	select {
	case line := <-stdout.first:
		base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
		require.NotEmpty(t, base, line)
		return base
	case err := <-done:
		t.Fatalf("run ended early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

// waitGoroutines waits up to timeout for the goroutine count to fall to at
// most want, and returns the last count.
func waitGoroutines(want int, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// settledGoroutines waits (at most timeout) until the goroutine count stops
// falling, and returns it.
func settledGoroutines(timeout time.Duration) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			return n
		}
		n = m
	}
	return n
}

// TestClientDisconnectLeaksNoGoroutine: clients that give up during a
// scenario's latency, hang up half-way through a body, or never finish
// their headers leave no goroutine behind, and the latency is abandoned,
// not waited out.
func TestClientDisconnectLeaksNoGoroutine(t *testing.T) {
	dir := t.TempDir()
	slow := "name: slow\ndescription: Every request waits three seconds.\nlatency: {fixed: 3s}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "slow.yaml"), []byte(slow), 0o600))
	base := serveInProcess(t, "--scenarios-dir", dir)
	addr := strings.TrimPrefix(base, "http://")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	leave := func() {
		var wg sync.WaitGroup
		for i := range 30 {
			wg.Add(3)
			go func() { // gives up during the latency
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
				defer cancel()
				req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/account/subscription", nil)
				req.Header.Set("X-Api-Key", fmt.Sprintf("leaver-%d", i%3))
				req.Header.Set("X-Mock-Scenario", "slow")
				if resp, err := client.Do(req); err == nil {
					resp.Body.Close()
					t.Errorf("a request under 3s of latency answered within 100ms: %d", resp.StatusCode)
				}
			}()
			go func() { // promises 100 bytes of body, sends 10, hangs up
				defer wg.Done()
				rawRequest(t, addr, "POST /api/v1/messages/send HTTP/1.1\r\nHost: mock\r\nX-Api-Key: leaver\r\n"+
					"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"contact_")
			}()
			go func() { // hangs up in the middle of its headers
				defer wg.Done()
				rawRequest(t, addr, "GET /api/v1/account/subscription HTTP/1.1\r\nHost: mock\r\nX-Api-")
			}()
		}
		wg.Wait()
	}
	// A first round creates the tenants (a world is memory, not
	// goroutines; its generation cannot be interrupted) and warms up.
	leave()
	idle := settledGoroutines(10 * time.Second)

	leave()
	start := time.Now()
	n := waitGoroutines(idle, 2*time.Second)
	require.LessOrEqual(t, n, idle, "goroutines: %d after the clients left, %d before", n, idle)
	require.Less(t, time.Since(start), 2*time.Second, "well before the 3s latency would have ended")
}

// rawRequest writes a partial request on a fresh connection and closes it.
func rawRequest(t *testing.T, addr, partial string) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Errorf("dial: %v", err)
		return
	}
	_, _ = conn.Write([]byte(partial))
	time.Sleep(20 * time.Millisecond)
	_ = conn.Close()
}
