package mockserver

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/konnector"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
)

// fakeVendor is a real vendor with test operations in place of its own, to
// reach the pipeline's failure paths.
type fakeVendor[W any] struct {
	sim.Vendor[W]
	ops map[string]sim.Operation[W]
}

func (f fakeVendor[W]) Operations() map[string]sim.Operation[W] { return f.ops }

// withTestOperations replaces v's operations with ones that misbehave on
// purpose; every other operation answers 501.
func withTestOperations[W any](v sim.Vendor[W]) sim.Vendor[W] {
	return fakeVendor[W]{Vendor: v, ops: map[string]sim.Operation[W]{
		// panics
		"getLinkedInOverview": func(W, *sim.Call) (sim.Reply, *sim.Error) { panic("boom") },
		// breaks the spec: success must be a boolean, and fields are missing
		"getLinkedInStatus": func(W, *sim.Call) (sim.Reply, *sim.Error) {
			return sim.Reply{Body: map[string]any{"success": "yes"}}, nil
		},
		// echoes the validated body back as a (spec-breaking) 200
		"connectLinkedIn": func(_ W, c *sim.Call) (sim.Reply, *sim.Error) {
			return sim.Reply{Body: json.RawMessage(c.Body)}, nil
		},
	}}
}

// startTest runs a server with the fake SkyLight and the real Konnector.
func startTest(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	if opts.ClockStart.IsZero() {
		opts.ClockStart = time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
		opts.ClockFrozen = true
	}
	s, err := newServer(opts, func(s *Server) []vendorSite {
		return []vendorSite{
			bind(s, withTestOperations(skylight.New(skylight.Deps{Seed: opts.Seed, Clock: s.clock}))),
			bind(s, konnector.New(konnector.Deps{Seed: opts.Seed, Clock: s.clock, Keys: keyAliases{s}})),
		}
	})
	require.NoError(t, err)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return hs
}

type result struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// call sends one request; headers are "Key", "value" pairs.
func call(t *testing.T, hs *httptest.Server, method, path, body string, headers ...string) result {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, hs.URL+path, rd)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := hs.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := result{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

// check is one assertion on a result.
type check func(t *testing.T, r result)

func hasStatus(want int) check {
	return func(t *testing.T, r result) { t.Helper(); require.Equal(t, want, r.status, r.raw) }
}

func hasHeader(k, want string) check {
	return func(t *testing.T, r result) { t.Helper(); require.Equal(t, want, r.header.Get(k), k) }
}

func hasField(path, want string) check {
	return func(t *testing.T, r result) {
		t.Helper()
		var v any = r.body
		for _, p := range strings.Split(path, ".") {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		require.Equal(t, want, toString(v), "field %s in %s", path, r.raw)
	}
}

// noField requires a top-level key to be absent.
func noField(name string) check {
	return func(t *testing.T, r result) {
		t.Helper()
		require.NotContains(t, r.body, name, r.raw)
	}
}

func bodyContains(s string) check {
	return func(t *testing.T, r result) { t.Helper(); require.Contains(t, r.raw, s) }
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(bytes.Trim(b, `"`))
}

func mustRequest(t *testing.T, method, url string, headers ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return req
}
