package jsoncheck_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// kinAccepts is kin-openapi's verdict on a body, as the mock server gets
// it: the body decoded by kin-openapi's JSON decoder (encoding/json,
// UseNumber, one Decode), then VisitJSON with the direction and
// MultiErrors, the options the server's request and response validation
// pass (SkipSettingDefaults: no defaults are written).
func kinAccepts(s *openapi3.Schema, dir jsoncheck.Direction, body []byte) bool {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return false
	}
	opt := openapi3.VisitAsRequest()
	if dir == jsoncheck.Response {
		opt = openapi3.VisitAsResponse()
	}
	return s.VisitJSON(v, opt, openapi3.MultiErrors()) == nil
}

// trailingData tells whether body is a well-formed first JSON value (as
// kin-openapi's decoder reads it) followed by more than whitespace: the
// bodies jsoncheck answers with a TrailingDataError.
func trailingData(body []byte) bool {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	return dec.Decode(&v) == nil && !json.Valid(body)
}

// tally counts the verdicts of a differential run.
type tally struct{ accepted, rejected, undecided, trailing int }

func (t tally) String() string {
	return fmt.Sprintf("%d inputs: %d accepted, %d rejected (both agree), %d undecided, %d with data after the value",
		t.accepted+t.rejected+t.undecided+t.trailing, t.accepted, t.rejected, t.undecided, t.trailing)
}

// add counts another tally in.
func (t *tally) add(o tally) {
	t.accepted += o.accepted
	t.rejected += o.rejected
	t.undecided += o.undecided
	t.trailing += o.trailing
}

// agree checks that jsoncheck and kin-openapi give the same verdict, and
// that jsoncheck reports exactly the bodies with data after their value.
func agree(t testing.TB, name string, s *openapi3.Schema, dir jsoncheck.Direction, v *jsoncheck.Validator, body []byte, n *tally) {
	t.Helper()
	err := v.Validate(body)
	var td *jsoncheck.TrailingDataError
	switch trailing := trailingData(body); {
	case errors.As(err, &td) && trailing:
		if td.Offset <= 0 || td.Offset >= len(body) {
			t.Errorf("%s: data after the value reported at byte %d of %d: %s", name, td.Offset, len(body), clip(body))
		}
		n.trailing++
		return
	case td != nil:
		t.Errorf("%s (%s): jsoncheck reports data after the value (%v) where there is none: %s", name, dir, err, clip(body))
		return
	case trailing:
		t.Errorf("%s (%s): jsoncheck misses the data after the value (%v): %s", name, dir, err, clip(body))
		return
	}
	if errors.Is(err, jsoncheck.ErrUndecided) {
		n.undecided++
		return
	}
	var inv *jsoncheck.InvalidError
	if err != nil && !errors.As(err, &inv) {
		t.Fatalf("%s: unexpected error type %T: %v", name, err, err)
	}
	kin := kinAccepts(s, dir, body)
	switch {
	case kin && err != nil:
		t.Errorf("%s (%s): kin accepts, jsoncheck rejects (%v): %s", name, dir, err, clip(body))
	case !kin && err == nil:
		t.Errorf("%s (%s): kin rejects, jsoncheck accepts: %s", name, dir, clip(body))
	case kin:
		n.accepted++
	default:
		n.rejected++
	}
}

func clip(b []byte) string {
	if len(b) > 300 {
		return strconv.Quote(string(b[:300])) + "..."
	}
	return strconv.Quote(string(b))
}

// target is a schema of the specs with the examples that belong to it.
type target struct {
	name     string // spec operation status, or spec component
	spec     string
	body     bool // a request or response body schema (not a component)
	schema   *openapi3.Schema
	dir      jsoncheck.Direction
	examples [][]byte
}

// specs loads both specs once per test binary run.
func specs(t testing.TB) map[string]*openapi3.T {
	t.Helper()
	out := map[string]*openapi3.T{}
	for _, name := range openapi.Names() {
		doc, err := openapi.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = doc
	}
	return out
}

// targets walks both specs: every JSON request body schema (Request), every
// JSON response body schema (Response), and every component schema in both
// directions, each with the examples the spec gives for it.
func targets(t testing.TB) []*target {
	t.Helper()
	docs := specs(t)
	var out []*target
	for _, specName := range openapi.Names() {
		doc := docs[specName]
		for _, path := range doc.Paths.InMatchingOrder() {
			for method, op := range doc.Paths.Value(path).Operations() {
				if rb := op.RequestBody; rb != nil && rb.Value != nil {
					if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
						out = append(out, &target{name: specName + " " + op.OperationID + " request", spec: specName, body: true,
							schema: mt.Schema.Value, dir: jsoncheck.Request, examples: mediaExamples(t, mt)})
					}
				}
				_ = method
				for code, ref := range op.Responses.Map() {
					mt := ref.Value.Content.Get("application/json")
					if mt == nil || mt.Schema == nil || ref.Value.Content["application/json"] == nil {
						continue
					}
					out = append(out, &target{name: specName + " " + op.OperationID + " " + code, spec: specName, body: true,
						schema: mt.Schema.Value, dir: jsoncheck.Response, examples: mediaExamples(t, mt)})
				}
			}
		}
		names := make([]string, 0, len(doc.Components.Schemas))
		for n := range doc.Components.Schemas {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			s := doc.Components.Schemas[n].Value
			var exs [][]byte
			if s.Example != nil {
				exs = append(exs, marshal(t, s.Example))
			}
			for _, dir := range []jsoncheck.Direction{jsoncheck.Request, jsoncheck.Response} {
				out = append(out, &target{name: specName + " #/components/schemas/" + n, spec: specName, schema: s, dir: dir, examples: exs})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	addDocExamples(t, docs, out)
	return out
}

func mediaExamples(t testing.TB, mt *openapi3.MediaType) [][]byte {
	var out [][]byte
	if mt.Example != nil {
		out = append(out, marshal(t, mt.Example))
	}
	names := make([]string, 0, len(mt.Examples))
	for n := range mt.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ex := mt.Examples[n]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out = append(out, marshal(t, ex.Value.Value))
		}
	}
	if s := mt.Schema.Value; s.Example != nil {
		out = append(out, marshal(t, s.Example))
	}
	return out
}

func marshal(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// docExample is one file of tests/testdata/docs.
type docExample struct {
	OperationID string `json:"operation_id"`
	// ShapeOnly: a published example of another channel, or with other
	// items (the request may be the invalid one its error answers); it is
	// replayed and shape-checked in tests/, not validated against the spec.
	ShapeOnly bool `json:"shape_only"`
	Request   struct {
		Body json.RawMessage `json:"body"`
	} `json:"request"`
	Response *struct {
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	} `json:"response"`
}

// addDocExamples adds the vendor docs' example bodies to the targets of
// their operations.
func addDocExamples(t testing.TB, docs map[string]*openapi3.T, ts []*target) {
	t.Helper()
	dirs := map[string]string{"skylight": openapi.SkyLight, "konnector": openapi.Konnector}
	for vendor, specName := range dirs {
		files, err := filepath.Glob(filepath.Join("..", "..", "tests", "testdata", "docs", vendor, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no doc examples for %s: %v", vendor, err)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var ex docExample
			if err := json.Unmarshal(raw, &ex); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, tg := range ts {
				switch {
				case ex.ShapeOnly || !tg.body || tg.spec != specName:
				case tg.name == specName+" "+ex.OperationID+" request" && len(ex.Request.Body) > 0:
					tg.examples = append(tg.examples, ex.Request.Body)
				case ex.Response != nil && len(ex.Response.Body) > 0 &&
					tg.name == specName+" "+ex.OperationID+" "+strconv.Itoa(ex.Response.Status):
					tg.examples = append(tg.examples, ex.Response.Body)
				}
			}
		}
	}
}
