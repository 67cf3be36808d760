package jsoncheck_test

import (
	"errors"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// fuzzSchema is one schema the fuzz target picks by index.
type fuzzSchema struct {
	name   string
	schema *openapi3.Schema
	dir    jsoncheck.Direction
	v      *jsoncheck.Validator
}

// fuzzSchemas are the body schemas of both specs, then the unit schemas in
// both directions, in a fixed order.
func fuzzSchemas(t testing.TB, seed func(i int, body []byte)) []fuzzSchema {
	var out []fuzzSchema
	for _, tg := range targets(t) {
		if !tg.body {
			continue
		}
		for _, ex := range tg.examples {
			seed(len(out), ex)
		}
		out = append(out, fuzzSchema{name: tg.name, schema: tg.schema, dir: tg.dir, v: compile(t, tg)})
	}
	unit := unitSchemas(t)
	names := make([]string, 0, len(unit))
	for n := range unit {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, dir := range []jsoncheck.Direction{jsoncheck.Request, jsoncheck.Response} {
			v, err := jsoncheck.Compile(unit[n], dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range unitInputs {
				seed(len(out), []byte(in))
			}
			out = append(out, fuzzSchema{name: n, schema: unit[n], dir: dir, v: v})
		}
	}
	return out
}

// FuzzAgreesWithKin: for any schema (by index) and any bytes, jsoncheck
// reports data after a well-formed value exactly when there is some, and
// otherwise either cannot decide or gives kin-openapi's verdict.
func FuzzAgreesWithKin(f *testing.F) {
	schemas := fuzzSchemas(f, func(i int, body []byte) { f.Add(uint16(i), body) })
	f.Fuzz(func(t *testing.T, i uint16, body []byte) {
		s := schemas[int(i)%len(schemas)]
		err := s.v.Validate(body)
		var td *jsoncheck.TrailingDataError
		if trailing := trailingData(body); errors.As(err, &td) != trailing {
			t.Fatalf("%s (%s): data after the value: %v, jsoncheck: %v: %s", s.name, s.dir, trailing, err, clip(body))
		}
		if td != nil || errors.Is(err, jsoncheck.ErrUndecided) {
			return
		}
		if kin := kinAccepts(s.schema, s.dir, body); kin != (err == nil) {
			t.Fatalf("%s (%s): kin accepts=%v, jsoncheck: %v: %s", s.name, s.dir, kin, err, clip(body))
		}
	})
}
