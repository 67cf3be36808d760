package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// badCase is one bad request of the matrix and what its answer must be.
type badCase struct {
	name string // "<operationId>/<case>", the subtest's name
	op   *verify.Operation
	call call
	// status is the exact status required (0: any 4xx).
	status int
	// documented requires a status the operation documents (validation and
	// authentication failures are documented per operation).
	documented bool
	// allow, when set, must be listed in the Allow header (405).
	allow string
}

// matrixKey is the API key of an operation's bad requests: one tenant per
// operation keeps every case under the vendors' rate limits.
func matrixKey(op verify.Operation) string { return "matrix-" + op.ID }

// oversized is how many times the server's body limit the oversized body is.
const oversized = 4

// badCases generates the matrix for every operation of a vendor's spec, so
// it grows with the spec: no key, empty key, malformed JSON, a wrong type in
// each body field and each typed parameter, each missing required field and
// parameter, an oversized body, a wrong method; and unknown paths under the
// base path.
func badCases(v *vendor, maxBody int64) []badCase {
	var out []badCase
	for i := range v.ops {
		op := &v.ops[i]
		g := &caseGen{v: v, op: op, path: v.base + fillPath(op), query: validQuery(op)}
		g.body, g.hasBody = op.BodyExample()
		g.auth()
		g.bodies()
		g.params()
		g.oversize(maxBody)
		g.wrongMethod()
		out = append(out, g.cases...)
	}
	return append(out, unknownPaths(v)...)
}

// caseGen builds one operation's cases from a valid request: path parameters
// filled with valid values, required query parameters from the spec's
// examples, the body from its example.
type caseGen struct {
	v       *vendor
	op      *verify.Operation
	path    string
	query   url.Values
	body    any
	hasBody bool
	cases   []badCase
}

// add records a case sent with the operation's matrix key unless header
// says otherwise.
func (g *caseGen) add(name string, c call, status int, documented bool) {
	if c.method == "" {
		c.method = g.op.Method
	}
	if c.path == "" {
		c.path = g.path
	}
	if c.query == nil {
		c.query = g.query
	}
	if c.header == nil {
		c.header = http.Header{}
		c.header.Set(g.v.authHeader, matrixKey(*g.op))
	}
	if c.body != nil {
		c.header.Set("Content-Type", "application/json")
	}
	g.cases = append(g.cases, badCase{name: g.op.ID + "/" + name, op: g.op, call: c, status: status, documented: documented})
}

// validBody is the example body, encoded, or nil for an operation without one.
func (g *caseGen) validBody() []byte {
	if !g.hasBody {
		return nil
	}
	b, _ := json.Marshal(g.body)
	return b
}

func (g *caseGen) auth() {
	g.add("no-key", call{header: http.Header{}, body: g.validBody()}, http.StatusUnauthorized, true)
	empty := http.Header{}
	empty[http.CanonicalHeaderKey(g.v.authHeader)] = []string{""}
	g.add("empty-key", call{header: empty, body: g.validBody()}, http.StatusUnauthorized, true)
}

// bodies: malformed JSON, no body when one is required, a wrong type in each
// top-level field, each required field missing, and {} against an anyOf.
func (g *caseGen) bodies() {
	mt := g.op.BodyMedia()
	if mt == nil {
		return
	}
	g.add("malformed-json", call{body: []byte(`{"broken": `)}, 0, true)
	if g.op.BodyRequired() {
		g.add("no-body", call{}, 0, true)
	}
	schema := mt.Schema.Value
	obj, _ := g.body.(map[string]any)
	for _, field := range sortedKeys(schema.Properties) {
		wrong, ok := wrongValue(schema.Properties[field].Value)
		if !ok {
			continue
		}
		g.add("wrong-type/body."+field, call{body: withField(obj, field, wrong)}, 0, true)
	}
	for _, field := range schema.Required {
		g.add("missing/body."+field, call{body: withoutField(obj, field)}, 0, true)
	}
	if len(schema.AnyOf) > 0 {
		g.add("empty-object/body (anyOf)", call{body: []byte(`{}`)}, 0, true)
	}
}

// params: a wrong type in each typed path and query parameter, an invalid
// value in each constrained string one, each required query one missing.
func (g *caseGen) params() {
	for _, p := range g.op.Parameters() {
		pv := p.Value
		bad, label, ok := badParamValue(pv)
		switch {
		case pv.In == "path" && ok:
			g.add(label+"/path."+pv.Name, call{path: g.v.base + fillPathWith(g.op, pv.Name, bad), body: g.validBody()}, 0, true)
		case pv.In == "query" && ok:
			q := cloneValues(g.query)
			q.Set(pv.Name, bad)
			g.add(label+"/query."+pv.Name, call{query: q, body: g.validBody()}, 0, true)
		}
		if pv.In == "query" && pv.Required {
			q := cloneValues(g.query)
			q.Del(pv.Name)
			g.add("missing/query."+pv.Name, call{query: q, body: g.validBody()}, 0, true)
		}
	}
}

// oversize sends a valid JSON body larger than the server's limit.
func (g *caseGen) oversize(maxBody int64) {
	pad := strings.Repeat("x", int(maxBody)*oversized)
	g.add("oversized-body", call{body: []byte(`{"padding":"` + pad + `"}`)}, http.StatusRequestEntityTooLarge, false)
}

// wrongMethod uses a method the path does not define.
func (g *caseGen) wrongMethod() {
	for _, m := range []string{http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if g.op.Item.GetOperation(m) == nil {
			g.add("wrong-method-"+m, call{method: m}, http.StatusMethodNotAllowed, false)
			g.cases[len(g.cases)-1].allow = g.op.Method
			return
		}
	}
}

// unknownPaths are paths under the base path that no template matches: the
// base's own child, and each operation's path with an extra segment.
func unknownPaths(v *vendor) []badCase {
	seen := map[string]bool{}
	var out []badCase
	candidates := []string{"/no-such-endpoint"}
	for i := range v.ops {
		candidates = append(candidates, fillPath(&v.ops[i])+"/no-such-endpoint")
	}
	for _, p := range candidates {
		if seen[p] || matchesTemplate(v, p) {
			continue
		}
		seen[p] = true
		h := http.Header{}
		h.Set(v.authHeader, "matrix-unknown-paths")
		out = append(out, badCase{name: "unknown-path" + p, status: http.StatusNotFound,
			call: call{method: http.MethodGet, path: v.base + p, header: h}})
	}
	return out
}

// matchesTemplate reports whether any path template of the spec matches p.
func matchesTemplate(v *vendor, p string) bool {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for _, op := range v.ops {
		tpl := strings.Split(strings.Trim(op.Path, "/"), "/")
		if len(tpl) != len(segs) {
			continue
		}
		match := true
		for i := range tpl {
			if !strings.HasPrefix(tpl[i], "{") && tpl[i] != segs[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// fillPath fills every path parameter with a valid value.
func fillPath(op *verify.Operation) string { return fillPathWith(op, "", "") }

// fillPathWith fills path parameters with valid values, except name, which
// gets value.
func fillPathWith(op *verify.Operation, name, value string) string {
	path := op.Path
	for _, p := range op.Parameters() {
		if p.Value.In != "path" {
			continue
		}
		v := validParam(p.Value)
		if p.Value.Name == name {
			v = value
		}
		path = strings.ReplaceAll(path, "{"+p.Value.Name+"}", url.PathEscape(v))
	}
	return path
}

// validQuery fills the required query parameters from the spec's examples.
func validQuery(op *verify.Operation) url.Values {
	q := url.Values{}
	for _, p := range op.Parameters() {
		if p.Value.In == "query" && p.Value.Required {
			q.Set(p.Value.Name, validParam(p.Value))
		}
	}
	return q
}

// validParam is a valid value for a parameter: 1 for numbers, else its example.
func validParam(p *openapi3.Parameter) string {
	if s := p.Schema; s != nil && s.Value != nil && (s.Value.Type.Is("integer") || s.Value.Type.Is("number")) {
		return "1"
	}
	if ex, ok := verify.ParamExample(p); ok {
		if s, ok := ex.(string); ok {
			return s
		}
		return fmt.Sprint(ex)
	}
	return "x"
}

// badParamValue is a value that breaks a parameter's schema, and the case's
// label: a wrong type for a typed one, an invalid value for an enum, a date
// or a length-constrained string; ok is false for a free-form string.
func badParamValue(p *openapi3.Parameter) (value, label string, ok bool) {
	if p.Schema == nil || p.Schema.Value == nil {
		return "", "", false
	}
	s := p.Schema.Value
	switch {
	case s.Type.Is("integer") || s.Type.Is("number") || s.Type.Is("boolean"):
		return "not-a-" + s.Type.Slice()[0], "wrong-type", true
	case s.Type.Is("array") && s.Items != nil && s.Items.Value != nil && s.Items.Value.MinLength > 0:
		return "", "invalid-value", true
	case len(s.Enum) > 0:
		return "not-an-allowed-value", "invalid-value", true
	case s.Format == "date" || s.Format == "date-time":
		return "not-a-date", "invalid-value", true
	case s.MinLength > 0:
		return "", "invalid-value", true
	}
	return "", "", false
}

// wrongValue is a JSON value of the wrong type for a schema.
func wrongValue(s *openapi3.Schema) (any, bool) {
	if s == nil {
		return nil, false
	}
	if s.Type == nil && len(s.AllOf) == 1 && s.AllOf[0].Value != nil {
		s = s.AllOf[0].Value
	}
	switch {
	case s.Type.Is("string"):
		return 12345, true
	case s.Type.Is("integer") || s.Type.Is("number"):
		return "not-a-number", true
	case s.Type.Is("boolean"):
		return "yes", true
	case s.Type.Is("array"):
		return "not-an-array", true
	case s.Type.Is("object"):
		return "not-an-object", true
	}
	return nil, false
}

// withField encodes obj with field set to v.
func withField(obj map[string]any, field string, v any) []byte {
	m := map[string]any{}
	for k, x := range obj {
		m[k] = x
	}
	m[field] = v
	b, _ := json.Marshal(m)
	return b
}

// withoutField encodes obj without field.
func withoutField(obj map[string]any, field string) []byte {
	m := map[string]any{}
	for k, x := range obj {
		if k != field {
			m[k] = x
		}
	}
	b, _ := json.Marshal(m)
	return b
}

func sortedKeys(m openapi3.Schemas) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
