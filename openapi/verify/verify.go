// Package verify checks that a server keeps a vendor's OpenAPI contract:
// provider verification. It sends read-only requests (writes only when
// allowed) built from the spec's examples, with real identifiers discovered
// from the server's own list endpoints, validates every answer against the
// spec (status documented, headers, body schema) and reports per operation.
//
// It works against any server that claims to implement the API: the real
// vendor, a staging copy, or linkedin-mock itself. The API key is sent, never
// reported: it is redacted from everything the report holds.
package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi"
)

// Config is one verification run. Vendor, BaseURL and APIKey are required.
type Config struct {
	// Vendor is "skylight" or "konnector" (see Vendors).
	Vendor string
	// BaseURL is the vendor's base URL, path included:
	// http://127.0.0.1:8080/api/v1 or https://dashboard.skylightchat.com/api/v1.
	BaseURL string
	// APIKey is sent in the header the spec's security scheme names.
	APIKey string
	// AllowWrites sends the operations that change state too, built from the
	// spec's examples.
	AllowWrites bool
	// Timeout bounds each request; 0 means 10s.
	Timeout time.Duration
	// MaxRetryWait caps the wait a 429's Retry-After asks for; 0 means 30s.
	MaxRetryWait time.Duration
	// Client sends the requests; nil means a new http.Client.
	Client *http.Client
	// Sleep waits out a 429; nil means a real timer (tests substitute one).
	Sleep func(ctx context.Context, d time.Duration) error
}

// runner holds one run's state; it is used by one goroutine.
type runner struct {
	cfg        Config
	prof       profile
	doc        *openapi3.T
	base       string // the base URL without a trailing slash
	authHeader string
	ops        map[string]Operation
	disc       *discovery
}

// Run verifies every operation of the vendor's spec against the server and
// returns the report. The error is for a run that could not start (unknown
// vendor, bad URL, no key); failed operations are in the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	r, err := newRunner(cfg)
	if err != nil {
		return nil, err
	}
	rep := &Report{Vendor: cfg.Vendor, BaseURL: displayURL(r.base), Spec: r.prof.spec + " " + r.doc.Info.Version}
	for _, op := range r.order() {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("verify: %w", err)
		}
		rep.add(r.verify(ctx, op))
	}
	rep.redact(cfg.APIKey)
	return rep, nil
}

// order lists the operations as they are sent: the reads, then the writes,
// the profile's lastWrites at the very end.
func (r *runner) order() []Operation {
	var reads, writes []Operation
	last := make([]Operation, len(r.prof.lastWrites))
	for _, op := range Operations(r.doc) {
		switch i := slices.Index(r.prof.lastWrites, op.ID); {
		case i >= 0:
			last[i] = op
		case ReadOnly(r.cfg.Vendor, op):
			reads = append(reads, op)
		default:
			writes = append(writes, op)
		}
	}
	for _, op := range last {
		if op.Op != nil {
			writes = append(writes, op)
		}
	}
	return append(reads, writes...)
}

func newRunner(cfg Config) (*runner, error) {
	prof, ok := profiles()[cfg.Vendor]
	if !ok {
		return nil, fmt.Errorf("verify: unknown vendor %q (want %s)", cfg.Vendor, strings.Join(Vendors(), " or "))
	}
	if cfg.APIKey == "" {
		return nil, errors.New("verify: an API key is required")
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("verify: base URL %q: want http(s)://host[:port]/base-path", displayURL(cfg.BaseURL))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("verify: base URL %q: no query or fragment, please", displayURL(cfg.BaseURL))
	}
	doc, err := openapi.Load(prof.spec)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = 30 * time.Second
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{}
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	r := &runner{cfg: cfg, prof: prof, doc: doc, base: strings.TrimRight(u.String(), "/"),
		authHeader: authHeader(doc), ops: map[string]Operation{}}
	for _, op := range Operations(doc) {
		r.ops[op.ID] = op
	}
	r.disc = newDiscovery(r)
	return r, nil
}

// authHeader is the header of the spec's first apiKey-in-header scheme.
func authHeader(doc *openapi3.T) string {
	for _, s := range doc.Components.SecuritySchemes {
		if s.Value != nil && s.Value.Type == "apiKey" && s.Value.In == "header" {
			return s.Value.Name
		}
	}
	return "Authorization"
}

// displayURL drops credentials from a URL before it is shown.
func displayURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}

// verify checks one operation.
func (r *runner) verify(ctx context.Context, op Operation) Result {
	res := Result{OperationID: op.ID, Method: op.Method, Path: op.Path}
	if !ReadOnly(r.cfg.Vendor, op) && !r.cfg.AllowWrites {
		return res.skip("write operation: pass --allow-writes to send it")
	}
	req, why := r.build(ctx, op)
	if req == nil {
		return res.skip(why)
	}
	res.Request = op.Method + " " + withQuery(req.path, req.query)
	ex, err := r.send(ctx, op.Method, req)
	if err != nil {
		return res.fail("request failed: " + err.Error())
	}
	res.Status, res.Notes = ex.status, ex.notes
	v := CheckResponse(op.Op, ex.status, ex.header, ex.body)
	if ex.status >= 500 {
		v = append(v, fmt.Sprintf("server error %d: %s", ex.status, errorSummary(ex.body)))
	}
	switch {
	case len(v) > 0:
		return res.fail(v...)
	case ex.rateLimited:
		return res.skip("still rate limited (429) after waiting and retrying once; not verified")
	}
	res.Outcome = Passed
	return res
}

// errorSummary pulls a short message out of an error body.
func errorSummary(body []byte) string {
	var m struct {
		Message string `json:"message"`
		Data    struct {
			Error string `json:"error"`
		} `json:"data"`
	}
	_ = json.Unmarshal(body, &m)
	msg := m.Message
	if m.Data.Error != "" {
		msg = m.Data.Error
	}
	if msg == "" {
		msg = strings.TrimSpace(string(body))
	}
	if len(msg) > 200 {
		msg = msg[:200] + "..."
	}
	if msg == "" {
		return "(empty body)"
	}
	return msg
}
