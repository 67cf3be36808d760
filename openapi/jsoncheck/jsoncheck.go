// Package jsoncheck validates JSON bodies against OpenAPI 3.0 schemas the way
// kin-openapi v0.152.0 does, but fast: a schema is compiled once into a tree
// of small nodes, and a body is checked in one pass over its bytes by a
// hand-written scanner, without decoding it into interface values.
//
// The verdict is kin-openapi's, exactly: the verdict of
// (*openapi3.Schema).VisitJSON, with VisitAsRequest or VisitAsResponse, on
// the value that kin-openapi's JSON body decoder (encoding/json with
// UseNumber) produces from the same bytes. That includes its quirks: string
// lengths count runes, date and date-time formats are checked by regular
// expression only. One addition: kin-openapi ignores the bytes after the
// first complete JSON value, and a server that decodes the whole body
// cannot, so Validate reports them (TrailingDataError) instead of judging
// the first value alone; a body that is exactly one JSON value (whitespace
// around it allowed) gets kin-openapi's verdict. No json.Valid pass is
// needed before or after Validate.
//
// The differential tests (kin_test.go) hold the verdicts identical for the
// kin-openapi version named in testdata/kin-openapi-version; a test fails
// when go.mod moves to another one, so that a bump re-runs them
// deliberately (see TestKinOpenAPIVersionIsTheDifferentialOne).
//
// Correctness never depends on coverage. Compile refuses any construct it
// cannot judge exactly like kin-openapi (the caller keeps kin-openapi for that
// schema), and Validate answers ErrUndecided for input it cannot judge
// exactly (duplicate object names, which kin-openapi's decoder resolves by
// keeping the last value; escaped names in free-form objects; composite items
// of uniqueItems arrays). Only a nil result is an acceptance; a caller that
// needs kin-openapi's own error message runs kin-openapi on any other result.
package jsoncheck

import (
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// Direction says which of readOnly and writeOnly applies, as kin-openapi's
// VisitAsRequest and VisitAsResponse do.
type Direction int

const (
	// Request: a readOnly property must not be sent (unless null) and is
	// not required.
	Request Direction = iota + 1
	// Response: a writeOnly property must not be sent (unless null) and is
	// not required.
	Response
)

// String names the direction.
func (d Direction) String() string {
	switch d {
	case Request:
		return "request"
	case Response:
		return "response"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// ErrUndecided is Validate's answer for a body it cannot judge exactly like
// kin-openapi; the caller must ask kin-openapi.
var ErrUndecided = errors.New("jsoncheck: cannot decide, validate with kin-openapi")

// InvalidError is Validate's answer for a body that kin-openapi rejects:
// malformed JSON, or a value that breaks the schema.
type InvalidError struct {
	// Offset is the byte offset of the offending value in the body.
	Offset int
	// Reason is a short description: ReasonMalformed, or the schema
	// keyword that fails, e.g. "maxLength".
	Reason string
}

// ReasonMalformed is the InvalidError Reason of a body that is not JSON at
// all (broken syntax, too deep), whatever the schema.
const ReasonMalformed = "malformed JSON"

// Error describes the problem.
func (e *InvalidError) Error() string {
	return fmt.Sprintf("jsoncheck: %s at byte %d", e.Reason, e.Offset)
}

// TrailingDataError is Validate's answer for a body whose first JSON value
// is well-formed but followed by more than whitespace ("{}x", "1 2",
// "nullx"). kin-openapi would read the first value alone and judge it; a
// server should refuse the body as malformed JSON, with this message.
type TrailingDataError struct {
	// Offset is the byte offset of the first byte after the value.
	Offset int
}

// Error describes the problem.
func (e *TrailingDataError) Error() string {
	return fmt.Sprintf("jsoncheck: data after the JSON value at byte %d", e.Offset)
}

// Validator checks JSON bodies against one compiled schema. It is safe for
// concurrent use.
type Validator struct {
	root *node
	pool sync.Pool // *state, reused between calls
}

// Compile compiles s (a resolved schema of an OpenAPI 3.0 document that has
// passed validation) for the given direction. It fails when s uses a
// construct that jsoncheck cannot judge exactly like kin-openapi; the error
// names it.
func Compile(s *openapi3.Schema, dir Direction) (*Validator, error) {
	return NewCompiler().Compile(s, dir)
}

// Compiler compiles the schemas of one document, sharing what they have in
// common (patterns, formats, component schemas). It is not safe for
// concurrent use; the Validators it returns are.
type Compiler struct {
	patterns map[string]*regexp.Regexp
	formats  map[string]stringFormat
	memo     map[memoKey]*node // schemas of members and items, compiled
}

type memoKey struct {
	s   *openapi3.Schema
	dir Direction
}

// NewCompiler returns a Compiler with nothing compiled yet.
func NewCompiler() *Compiler {
	return &Compiler{patterns: map[string]*regexp.Regexp{}, formats: map[string]stringFormat{}, memo: map[memoKey]*node{}}
}

// Compile is the package's Compile, reusing what c compiled before.
func (c *Compiler) Compile(s *openapi3.Schema, dir Direction) (*Validator, error) {
	if dir != Request && dir != Response {
		return nil, fmt.Errorf("jsoncheck: unknown direction %v", dir)
	}
	if s != nil && s.Type.Is(openapi3.TypeString) && s.Format == "binary" {
		return nil, errors.New("jsoncheck: a binary body is not JSON")
	}
	cc := &compiler{dir: dir, shared: c}
	root, err := cc.schema(s, nil, "#")
	if err != nil {
		return nil, fmt.Errorf("jsoncheck: %w", err)
	}
	v := &Validator{root: root}
	v.pool.New = func() any { return &state{} }
	return v, nil
}

// Validate checks a JSON body: nil means kin-openapi accepts it, an
// *InvalidError that kin-openapi rejects it, a *TrailingDataError that its
// first value is followed by more data, ErrUndecided that only kin-openapi
// can tell. Malformed JSON is an *InvalidError whatever the schema, data
// after a well-formed value a *TrailingDataError whatever the schema.
func (v *Validator) Validate(body []byte) error {
	st := v.pool.Get().(*state)
	defer func() {
		st.buf = nil
		v.pool.Put(st)
	}()
	st.reset(body)
	r := st.visit(v.root)
	at, why := st.at, st.why
	if r == resBad || r == resUndecided {
		// visit may have stopped inside the value. A schema violation
		// stands unless a duplicate name (later in the body) replaces it in
		// kin-openapi's decoded value; either verdict gives way if the body
		// is not JSON at all. Read it again to know, and to find its end.
		if r2 := st.rescan(body); r2 != resOK {
			r = r2
		}
	}
	if r != resMalformed {
		// The read position is just after the value.
		if st.ws(); st.pos < len(body) {
			return &TrailingDataError{Offset: st.pos}
		}
	}
	switch r {
	case resOK:
		return nil
	case resBad:
		return &InvalidError{Offset: at, Reason: why}
	case resMalformed:
		return &InvalidError{Offset: st.pos, Reason: ReasonMalformed}
	}
	return ErrUndecided
}

// rescan reads the body again from the start, checking its syntax and that
// no object has a name twice (resUndecided if one has). It leaves the read
// position just after the value, unless the body is malformed.
func (st *state) rescan(body []byte) res {
	st.reset(body)
	r := st.skip()
	if r == resUndecided {
		// A repeated name: read the syntax alone, to tell a malformed body
		// and to find where the value ends.
		st.reset(body)
		st.syntaxOnly = true
		if r2 := st.skip(); r2 != resOK {
			r = r2
		}
		st.syntaxOnly = false
	}
	return r
}
