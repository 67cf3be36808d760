// Command bare is bench/run.sh's reference server: it asks the mock once for
// each endpoint of a list, keeps the exact status, headers and body bytes the
// mock answered, then serves them from a plain net/http server. The mock's
// throughput divided by this one's is what the simulation, the validation and
// the pipeline cost on top of net/http writing the same bytes.
//
// Usage:
//
//	bare -addr 127.0.0.1:18083 -mock http://127.0.0.1:18080 -endpoints FILE
//
// FILE has one endpoint a line, tab-separated: method, path, key header,
// body (may be empty). The same key ("bench-key") is sent on every fetch.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}

// endpoint is one line of the endpoint file.
type endpoint struct {
	method, path, keyHeader, body string
}

// answer is what the mock sent for one endpoint.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bare", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:18083", "listen address")
	mock := fs.String("mock", "http://127.0.0.1:18080", "base URL of the running mock")
	list := fs.String("endpoints", "", "endpoint file (method, path, key header, body; tab-separated)")
	key := fs.String("key", "bench-key", "API key sent to the mock")
	if err := fs.Parse(args); err != nil {
		return err
	}
	eps, err := readEndpoints(*list)
	if err != nil {
		return err
	}
	answers := map[string]answer{}
	for _, e := range eps {
		a, err := fetch(*mock, *key, e)
		if err != nil {
			return fmt.Errorf("fetching %s %s from the mock: %w", e.method, e.path, err)
		}
		answers[e.method+" "+e.path] = a
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	fmt.Fprintf(stdout, "bare: serving %d endpoints on http://%s\n", len(answers), ln.Addr())
	srv := &http.Server{Handler: serve(answers), ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}

// readEndpoints parses the endpoint file.
func readEndpoints(path string) ([]endpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the endpoint list: %w", err)
	}
	defer f.Close()
	var out []endpoint
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, "\t", 4)
		if len(parts) < 3 {
			return nil, fmt.Errorf("%s:%d: want method, path, key header[, body] separated by tabs", path, n)
		}
		e := endpoint{method: parts[0], path: parts[1], keyHeader: parts[2]}
		if len(parts) == 4 {
			e.body = parts[3]
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s lists no endpoint", path)
	}
	return out, nil
}

// fetch asks the mock for e once and keeps its answer.
func fetch(base, key string, e endpoint) (answer, error) {
	req, err := http.NewRequest(e.method, base+e.path, strings.NewReader(e.body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set(e.keyHeader, key)
	if e.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, fmt.Errorf("reading the body: %w", err)
	}
	if resp.StatusCode >= 300 {
		return answer{}, fmt.Errorf("status %d: %s", resp.StatusCode, bytes.TrimSpace(body))
	}
	h := resp.Header.Clone()
	for _, k := range []string{"Date", "Content-Length", "Connection", "Keep-Alive"} {
		h.Del(k) // net/http writes its own
	}
	return answer{status: resp.StatusCode, header: h, body: body}, nil
}

// serve answers each known method and path (the query is ignored) with the
// mock's bytes, after reading the request body as any server must.
func serve(answers map[string]answer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		a, ok := answers[r.Method+" "+r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range a.header {
			w.Header()[k] = v
		}
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	})
}
