package tests

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
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

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/internal/longtest"
	"github.com/linkedin-mock/linkedin-mock/tests/load/driver"
)

// hostPort is the address of a started mock.
func (p *mockProcess) hostPort() string { return strings.TrimPrefix(p.URL, "http://") }

// pid is the mock's process id.
func (p *mockProcess) pid() int { return p.cmd.Process.Pid }

// proc samples the mock's RSS, threads and descriptors.
func (p *mockProcess) proc(t testing.TB) driver.ProcSample {
	t.Helper()
	s, err := driver.ReadProc(p.pid())
	require.NoError(t, err)
	return s
}

// getJSON GETs a path of the mock with headers and decodes the answer.
func (p *mockProcess) getJSON(t testing.TB, path string, v any, header ...string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, p.URL+path, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := p.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	if v != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
	}
	return resp.StatusCode
}

// TestSlowlorisCannotExhaustServer opens 200 connections (20 without
// LINKEDIN_MOCK_LONG=1) that send their headers a byte at a time: other
// clients are served meanwhile, every slow connection is closed by
// --read-header-timeout, and the descriptors come back. A header block over
// --max-header-bytes is refused with 431.
func TestSlowlorisCannotExhaustServer(t *testing.T) {
	t.Parallel()
	slow := longtest.Size(t, 20, 200)
	p := startMock(t, serverFlags{extra: []string{"--read-header-timeout", "1s", "--max-header-bytes", "8192"}})
	idle := p.proc(t)

	closed := make(chan time.Duration, slow)
	stop := make(chan struct{})
	defer close(stop)
	for i := range slow {
		conn, err := net.Dial("tcp", p.hostPort())
		require.NoError(t, err)
		defer conn.Close()
		opened := time.Now()
		_, err = conn.Write([]byte(fmt.Sprintf("GET /api/v1/account/subscription HTTP/1.1\r\nHost: mock\r\nX-Api-Key: slow-%d\r\nX-Slow: ", i)))
		require.NoError(t, err)
		go func() { // one more header byte every 100ms, never the end
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
				}
				if _, err := conn.Write([]byte("a")); err != nil {
					return
				}
			}
		}()
		go func() { // the server's close ends the read
			_, _ = io.Copy(io.Discard, conn)
			closed <- time.Since(opened)
		}()
	}
	// Every slow connection is accepted and held by the server.
	held := p.proc(t)
	for deadline := time.Now().Add(5 * time.Second); held.FDs < idle.FDs+slow && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		held = p.proc(t)
	}
	require.GreaterOrEqual(t, held.FDs, idle.FDs+slow*9/10, "the server holds the slow connections")

	// Other clients are served meanwhile, promptly.
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for i := range 20 {
		start := time.Now()
		req, _ := http.NewRequest(http.MethodGet, p.URL+"/api/v1/channels/linkedin/status", nil)
		req.Header.Set("X-Api-Key", "patient")
		resp, err := client.Do(req)
		require.NoError(t, err, "request %d during the slowloris", i)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Less(t, time.Since(start), time.Second)
	}

	// Each slow connection is closed about a second after it opened.
	for range slow {
		select {
		case took := <-closed:
			require.Less(t, took, 3*time.Second)
		case <-time.After(5 * time.Second):
			t.Fatal("a slow connection outlived --read-header-timeout")
		}
	}
	after, err := driver.SettleFDs(p.pid(), idle.FDs, 5*time.Second)
	require.NoError(t, err)
	require.LessOrEqual(t, after.FDs, idle.FDs, "descriptors after the slowloris")

	// A header block over the limit is refused.
	conn, err := net.Dial("tcp", p.hostPort())
	require.NoError(t, err)
	defer conn.Close()
	_, _ = conn.Write([]byte("GET /api/v1/account/subscription HTTP/1.1\r\nHost: mock\r\nX-Api-Key: big\r\nX-Big: " + strings.Repeat("b", 64<<10) + "\r\n\r\n"))
	status, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	require.Contains(t, status, "431")
}

// TestSlowBodyIsCutByReadTimeout: a client that dribbles its body is
// answered (or dropped) once --read-timeout passes, and its descriptor is
// released.
func TestSlowBodyIsCutByReadTimeout(t *testing.T) {
	t.Parallel()
	p := startMock(t, serverFlags{extra: []string{"--read-timeout", "1s"}})
	idle := p.proc(t)
	conn, err := net.Dial("tcp", p.hostPort())
	require.NoError(t, err)
	defer conn.Close()
	start := time.Now()
	_, err = conn.Write([]byte("POST /api/v1/messages/send HTTP/1.1\r\nHost: mock\r\nX-Api-Key: dribble\r\n" +
		"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"))
	require.NoError(t, err)
	go func() {
		for range 100 {
			time.Sleep(100 * time.Millisecond)
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	answer, _ := io.ReadAll(conn)
	require.Less(t, time.Since(start), 4*time.Second, "the connection ends soon after the read timeout")
	if len(answer) > 0 {
		require.Regexp(t, `^HTTP/1\.1 400 `, string(answer), "a body cut by the timeout is a 400 in the envelope")
	}
	after, err := driver.SettleFDs(p.pid(), idle.FDs, 5*time.Second)
	require.NoError(t, err)
	require.LessOrEqual(t, after.FDs, idle.FDs)
}

// launch starts the binary like startMock but leaves stopping it to the
// test; it is killed when the test ends if it is still running.
func launch(t *testing.T, args ...string) *mockProcess {
	t.Helper()
	args = append([]string{"--addr", "127.0.0.1:0", "--seed", "1", "--clock-start", clockStart, "--log-level", "warn"}, args...)
	cmd := exec.Command(binary, args...)
	cmd.Env = cleanEnv()
	setProcAttr(cmd)
	first := &firstLine{line: make(chan string, 1)}
	p := &mockProcess{cmd: cmd, stderr: &syncBuffer{}, done: make(chan struct{}), client: &http.Client{Timeout: 10 * time.Second}}
	cmd.Stdout, cmd.Stderr = first, p.stderr
	require.NoError(t, cmd.Start())
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = cmd.Process.Kill()
			<-p.done
		}
	})
	select {
	case line := <-first.line:
		p.URL = regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
	case <-p.done:
		t.Fatalf("linkedin-mock exited at start: %v\n%s", p.err, p.stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("linkedin-mock printed no address")
	}
	p.waitHealthy(t)
	return p
}

// slowScenarios writes a scenario whose requests all wait the latency.
func slowScenarios(t *testing.T, latency string) string {
	dir := t.TempDir()
	body := fmt.Sprintf("name: slow\ndescription: Every request waits %s.\nlatency: {fixed: %s}\n", latency, latency)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "slow.yaml"), []byte(body), 0o600))
	return dir
}

// TestSIGTERMUnderLoad: with 20 requests in flight (5 without
// LINKEDIN_MOCK_LONG=1; read by the server, each waiting a second of
// latency), SIGTERM closes the listener at once, lets every one of them
// complete with its answer, and the process exits 0 within the shutdown
// timeout.
func TestSIGTERMUnderLoad(t *testing.T) {
	t.Parallel()
	inFlight := longtest.Size(t, 5, 20)
	p := launch(t, "--scenarios-dir", slowScenarios(t, "1s"), "--shutdown-timeout", "5s")

	results := make(chan error, inFlight)
	ports := map[int]bool{}
	for i := range inFlight {
		conn, err := net.Dial("tcp", p.hostPort())
		require.NoError(t, err)
		defer conn.Close()
		ports[conn.LocalAddr().(*net.TCPAddr).Port] = true
		_, err = fmt.Fprintf(conn, "GET /api/v1/account/subscription HTTP/1.1\r\nHost: mock\r\nX-Api-Key: inflight-%d\r\n"+
			"X-Mock-Scenario: slow\r\nConnection: close\r\n\r\n", i%4)
		require.NoError(t, err)
		go func() {
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				results <- err
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil && (resp.StatusCode != http.StatusOK || !json.Valid(body)) {
				err = fmt.Errorf("status %d: %s", resp.StatusCode, body)
			}
			results <- err
		}()
	}
	// Wait until the server has read every request: a connection merely
	// queued in the kernel when SIGTERM comes is closed unanswered (so is
	// one whose request net/http reads after Shutdown began).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if read := requestsRead(t, p, ports); read == inFlight {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("the server read %d of %d requests in 10s", read, inFlight)
		}
	}
	time.Sleep(50 * time.Millisecond) // from the socket into the handler

	signalled := time.Now()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))

	// New connections are refused while the accepted requests finish.
	refused := false
	for deadline := time.Now().Add(500 * time.Millisecond); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", p.hostPort(), 100*time.Millisecond)
		if err != nil {
			// Refused, or reset when the dial raced the listener's close
			// (the kernel had queued it, then dropped it unanswered).
			require.True(t, errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET),
				"dial after SIGTERM: %v", err)
			refused = true
			break
		}
		conn.Close()
	}
	require.True(t, refused, "the listener still accepts 500ms after SIGTERM")
	require.Less(t, time.Since(signalled), 900*time.Millisecond, "refused while requests were still in flight")

	for range inFlight {
		require.NoError(t, <-results, "an accepted request did not complete")
	}
	select {
	case <-p.done:
	case <-time.After(6 * time.Second):
		t.Fatal("the process did not exit within the shutdown timeout")
	}
	took := time.Since(signalled)
	require.NoError(t, p.err, "exit status after SIGTERM\n%s", p.stderr)
	require.Less(t, took, 5*time.Second)
	t.Logf("exited 0 %s after SIGTERM", took.Round(time.Millisecond))
}

// requestsRead counts the server-side sockets of the given client ports
// whose receive queue is empty, i.e. whose request the server has read
// (Linux: /proc/net/tcp).
func requestsRead(t *testing.T, p *mockProcess, clientPorts map[int]bool) int {
	t.Helper()
	raw, err := os.ReadFile("/proc/net/tcp")
	require.NoError(t, err)
	_, portText, _ := net.SplitHostPort(p.hostPort())
	serverPort, _ := strconv.Atoi(portText)
	read := 0
	for _, line := range strings.Split(string(raw), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 5 || f[3] != "01" { // ESTABLISHED
			continue
		}
		local, remote := hexPort(f[1]), hexPort(f[2])
		_, rx, _ := strings.Cut(f[4], ":")
		if local == serverPort && clientPorts[remote] && strings.Trim(rx, "0") == "" {
			read++
		}
	}
	return read
}

// hexPort reads the port of a /proc/net/tcp address (0100007F:A4E3).
func hexPort(addr string) int {
	_, port, _ := strings.Cut(addr, ":")
	n, _ := strconv.ParseInt(port, 16, 32)
	return int(n)
}

// TestShutdownTimeoutBoundsExit: a request longer than --shutdown-timeout
// does not keep the process alive past it.
func TestShutdownTimeoutBoundsExit(t *testing.T) {
	t.Parallel()
	p := launch(t, "--scenarios-dir", slowScenarios(t, "30s"), "--shutdown-timeout", "1s")
	go func() {
		req, _ := http.NewRequest(http.MethodGet, p.URL+"/api/v1/account/subscription", nil)
		req.Header.Set("X-Api-Key", "stuck")
		req.Header.Set("X-Mock-Scenario", "slow")
		if resp, err := p.client.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(300 * time.Millisecond)
	signalled := time.Now()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the process outlived its shutdown timeout")
	}
	require.Less(t, time.Since(signalled), 2500*time.Millisecond)
	var exit *exec.ExitError
	require.ErrorAs(t, p.err, &exit, "a shutdown cut short by its timeout is reported")
	require.Contains(t, p.stderr.String(), "shutdown")
}

// TestTenantCapUnderKeyFlood floods a server capped at 50 tenants with 600
// distinct keys of both vendors: it holds at most 50, evicts the rest, stays
// small, and the evicted client's next request meets a fresh world (its
// campaign is gone).
func TestTenantCapUnderKeyFlood(t *testing.T) {
	t.Parallel()
	p := startMock(t, serverFlags{extra: []string{"--max-tenants", "50"}})

	post := func(path string, body string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, p.URL+"/api/v1"+path, strings.NewReader(body))
		req.Header.Set("X-Api-Key", "victim")
		req.Header.Set("Content-Type", "application/json")
		resp, err := p.client.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return resp.StatusCode, out
	}
	status, created := post("/linkedin/outreach/campaigns", `{"name":"before the flood","campaign_type":"invite","provider_ids":["ACoAABcD1234"]}`)
	require.Equal(t, http.StatusCreated, status, "%v", created)
	id := int(created["data"].(map[string]any)["id"].(float64))
	campaign := "/api/v1/linkedin/outreach/campaigns/" + strconv.Itoa(id)
	require.Equal(t, http.StatusOK, p.getJSON(t, campaign, nil, "X-Api-Key", "victim"))

	var peak driver.ProcSample
	var mu sync.Mutex
	keys := make(chan int)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range keys {
				path, header := "/api/v1/account/subscription", "X-Api-Key"
				if i%2 == 1 {
					path, header = "/social_app/api/v1/third_party/user-campaign-filters", "Authorization"
				}
				if st, err := p.status(path, header, fmt.Sprintf("flood-%d", i)); err != nil || st != http.StatusOK {
					t.Errorf("flood key %d: status %d, %v", i, st, err)
				}
				if i%50 == 0 {
					if s, err := driver.ReadProc(p.pid()); err == nil {
						mu.Lock()
						peak.RSSKiB = max(peak.RSSKiB, s.RSSKiB)
						mu.Unlock()
					}
				}
			}
		}()
	}
	for i := range 600 {
		keys <- i
	}
	close(keys)
	wg.Wait()

	var tenants struct {
		Held    int `json:"held"`
		Evicted int `json:"evicted"`
		Max     int `json:"max"`
	}
	require.Equal(t, http.StatusOK, p.getJSON(t, "/__admin/tenants", &tenants))
	require.Equal(t, 50, tenants.Max)
	require.LessOrEqual(t, tenants.Held, 50)
	require.GreaterOrEqual(t, tenants.Evicted, 551, "600 flood tenants and the victim, 50 held")
	require.Less(t, peak.RSSKiB, int64(100<<10), "RSS during the flood: %d KiB", peak.RSSKiB)
	t.Logf("held %d, evicted %d, RSS peak %.1f MiB", tenants.Held, tenants.Evicted, float64(peak.RSSKiB)/1024)

	// The victim was evicted: a fresh world, without its campaign.
	var gone map[string]any
	require.Equal(t, http.StatusNotFound, p.getJSON(t, campaign, &gone, "X-Api-Key", "victim"), "%v", gone)
	var list struct {
		Meta struct {
			Total int `json:"total"`
		} `json:"meta"`
	}
	require.Equal(t, http.StatusOK, p.getJSON(t, "/api/v1/linkedin/outreach/campaigns", &list, "X-Api-Key", "victim"))
	require.Equal(t, 8, list.Meta.Total, "the generated campaigns only")
}

// status GETs a path with headers and returns the status (safe in any
// goroutine: nothing fails the test).
func (p *mockProcess) status(path string, header ...string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, p.URL+path, nil)
	if err != nil {
		return 0, err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}
