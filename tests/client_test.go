package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// specs are both vendors as the suite sees them.
type specs struct{ sky, kon *vendor }

// loadSpecs loads both specs once for a test.
func loadSpecs(t testing.TB) specs {
	t.Helper()
	var s specs
	for _, v := range loadVendors(t) {
		switch v.name {
		case "skylight":
			s.sky = v
		case "konnector":
			s.kon = v
		}
	}
	if s.sky == nil || s.kon == nil {
		t.Fatal("loadVendors lost a vendor")
	}
	return s
}

// client is one tenant of a started server, as an outside client sees it: a
// vendor, an API key and a scenario. Every answer it receives is checked
// against its operation's contract in the spec (a documented status, the
// documented headers, the body's schema); a violation fails the test.
type client struct {
	tb       testing.TB
	srv      *mockProcess
	v        *vendor
	key      string
	scenario string // sent as X-Mock-Scenario unless empty
}

// newClient returns the tenant (v, key, scenario) of srv.
func newClient(tb testing.TB, srv *mockProcess, v *vendor, key, scenario string) *client {
	return &client{tb: tb, srv: srv, v: v, key: key, scenario: scenario}
}

// sentScenario is the X-Mock-Scenario the client sends. SkyLight's
// published 120 requests a minute would stop the suite on its frozen clock
// (it reads far more per key than a client would): the limit is off unless
// the client's scenario is about rate limits.
func (c *client) sentScenario() string {
	switch {
	case c.v.name != "skylight" || strings.Contains(c.scenario, "rate-limited"):
		return c.scenario
	case c.scenario == "":
		return "no-rate-limit"
	}
	return c.scenario + ",no-rate-limit"
}

// with returns the same tenant seen from another test (a subtest).
func (c *client) with(tb testing.TB) *client {
	cp := *c
	cp.tb = tb
	return &cp
}

// reply is a checked answer.
type reply struct {
	status int
	header http.Header
	raw    []byte
	body   jv // the decoded JSON body (null when the body is not JSON); a SkyLight success's `data`
	// envelope is the whole decoded body: for a SkyLight success, the
	// published envelope around body (success, data, meta, message).
	envelope jv
	where    string
}

// do sends a request under the vendor's base path (path may carry a query)
// and checks the answer against the spec. body is nil (no body), raw bytes
// (sent verbatim) or a value encoded as JSON. hdr are more header pairs; an
// empty value sends the header empty.
func (c *client) do(method, path string, body any, hdr ...string) *reply {
	c.tb.Helper()
	h := http.Header{}
	h[http.CanonicalHeaderKey(c.v.authHeader)] = []string{c.key}
	if sc := c.sentScenario(); sc != "" {
		h.Set("X-Mock-Scenario", sc)
	}
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	case json.RawMessage:
		raw = b
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			c.tb.Fatalf("encode the body of %s %s: %v", method, path, err)
		}
		raw = enc
	}
	if raw != nil {
		h.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		h[http.CanonicalHeaderKey(hdr[i])] = []string{hdr[i+1]}
	}
	p, q, _ := strings.Cut(path, "?")
	query, err := url.ParseQuery(q)
	if err != nil {
		c.tb.Fatalf("bad query in %s: %v", path, err)
	}
	where := method + " " + c.v.name + " " + path
	a, err := c.srv.send(call{method: method, path: c.v.base + p, query: query, header: h, body: raw})
	if err != nil {
		c.tb.Fatalf("%s: no answer: %v", where, err)
	}
	r := &reply{status: a.status, header: a.header, raw: a.body, where: where}
	var v any
	if json.Unmarshal(a.body, &v) == nil {
		r.body = jv{tb: c.tb, v: v, path: "body"}
	} else {
		r.body = jv{tb: c.tb, path: "body"}
	}
	r.envelope = r.body
	if m, isObj := v.(map[string]any); isObj && c.v.name == "skylight" && a.status < 300 {
		if m["success"] != true || !hasKey(m, "data") {
			c.tb.Errorf("%s: not the published success envelope: %s", where, clip(a.body))
		} else {
			r.body = jv{tb: c.tb, v: m["data"], path: "body.data"}
		}
	}
	op := c.v.operation(method, p)
	if op == nil {
		c.tb.Fatalf("%s: no operation of the %s spec matches", where, c.v.name)
	}
	for _, problem := range verify.CheckResponse(op.Op, a.status, a.header, a.body) {
		c.tb.Errorf("%s answered %d against the %s contract: %s\n%s", where, a.status, op.ID, problem, clip(a.body))
	}
	return r
}

// expect is do, failing the test unless the status is want.
func (c *client) expect(want int, method, path string, body any, hdr ...string) *reply {
	c.tb.Helper()
	r := c.do(method, path, body, hdr...)
	if r.status != want {
		c.tb.Fatalf("%s answered %d, want %d:\n%s", r.where, r.status, want, clip(r.raw))
	}
	return r
}

// fails expects an error answer with the status and the vendor's
// machine-readable code (SkyLight `error`, Konnector `data.error_code`).
func (c *client) fails(status int, code, method, path string, body any, hdr ...string) *reply {
	c.tb.Helper()
	r := c.expect(status, method, path, body, hdr...)
	if got := errorCode(r.body.v); got != code {
		c.tb.Fatalf("%s: error code %q, want %q:\n%s", r.where, got, code, clip(r.raw))
	}
	return r
}

// errorCode is the machine-readable code of an error body of either vendor.
func errorCode(body any) string {
	m, _ := body.(map[string]any)
	if code, ok := m["error"].(string); ok {
		return code // SkyLight
	}
	data, _ := m["data"].(map[string]any)
	code, _ := data["error_code"].(string)
	return code // Konnector
}

// operation finds the spec operation of a request path (relative to the base
// path): the template with the most literal segments wins.
func (v *vendor) operation(method, path string) *verify.Operation {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *verify.Operation
	bestLiterals := -1
	for i := range v.ops {
		op := &v.ops[i]
		tpl := strings.Split(strings.Trim(op.Path, "/"), "/")
		if op.Method != method || len(tpl) != len(segs) {
			continue
		}
		literals, match := 0, true
		for k := range tpl {
			switch {
			case strings.HasPrefix(tpl[k], "{"):
			case tpl[k] == segs[k]:
				literals++
			default:
				match = false
			}
		}
		if match && literals > bestLiterals {
			best, bestLiterals = op, literals
		}
	}
	return best
}

// admin calls the control API.
func (p *mockProcess) admin(tb testing.TB, method, path string, body any) jv {
	tb.Helper()
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	a, err := p.send(call{method: method, path: "/__admin" + path, body: raw,
		header: http.Header{"Content-Type": {"application/json"}}})
	if err != nil || a.status != http.StatusOK {
		tb.Fatalf("admin %s %s: %v %v", method, path, err, a)
	}
	var v any
	if err := json.Unmarshal(a.body, &v); err != nil {
		tb.Fatalf("admin %s %s: %v", method, path, err)
	}
	return jv{tb: tb, v: v, path: "admin"}
}

// advance moves the server's virtual clock.
func (p *mockProcess) advance(tb testing.TB, d string) {
	tb.Helper()
	p.admin(tb, http.MethodPost, "/clock/advance", map[string]string{"duration": d})
}

// clip shortens a body for a failure message.
func clip(b []byte) string {
	const most = 2000
	if len(b) > most {
		return string(b[:most]) + fmt.Sprintf("... (%d bytes)", len(b))
	}
	return string(b)
}

// compact is the JSON text of v, for failure messages.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(b)
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }
