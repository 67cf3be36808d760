package jsoncheck_test

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/internal/longtest"
	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// TestCompilesEverySpecSchema: every JSON request and response body schema
// of both specs, and every component schema in both directions, compiles
// (nothing is left to kin-openapi for lack of coverage).
func TestCompilesEverySpecSchema(t *testing.T) {
	perSpec := map[string][2]int{}
	for _, tg := range targets(t) {
		_, err := jsoncheck.Compile(tg.schema, tg.dir)
		c := perSpec[tg.spec]
		if err == nil {
			c[0]++
		} else {
			c[1]++
			t.Errorf("%s (%s): %v", tg.name, tg.dir, err)
		}
		perSpec[tg.spec] = c
	}
	for spec, c := range perSpec {
		t.Logf("%s: %d schemas compiled, %d refused", spec, c[0], c[1])
	}
}

// TestAgreesWithKinOnExamples: every example of both specs and of the vendor
// docs, against every body schema (its own and all the others), gets
// kin-openapi's verdict. Without LINKEDIN_MOCK_LONG=1 (see internal/longtest),
// and with -short or -race, a fifth of the cross pairs.
func TestAgreesWithKinOnExamples(t *testing.T) {
	crossSample := 5
	if !testing.Short() && !raceEnabled {
		crossSample = longtest.Size(t, 5, 1)
	}
	ts := targets(t)
	var all [][]byte
	for _, tg := range ts {
		all = append(all, tg.examples...)
	}
	vs := compileShared(t, ts)
	var own, cross tally
	for _, tg := range ts {
		v := vs[tg]
		for _, ex := range tg.examples {
			agree(t, tg.name, tg.schema, tg.dir, v, ex, &own)
			if err := v.Validate(ex); err != nil && tg.body {
				t.Errorf("%s: its own example is refused: %v: %s", tg.name, err, clip(ex))
			}
		}
		if !tg.body {
			continue
		}
		for i, ex := range all {
			if i%crossSample != 0 {
				continue // a sample
			}
			agree(t, tg.name, tg.schema, tg.dir, v, ex, &cross)
		}
	}
	t.Logf("own examples: %v", own)
	t.Logf("every example against every body schema: %v", cross)
	if own.accepted == 0 || cross.rejected == 0 {
		t.Fatal("the corpus is empty")
	}
}

// TestAgreesWithKinOnMutations: systematic mutations of every example of
// every body schema — each value dropped, nulled, retyped, emptied, out of
// range, a bad enum value or date, unicode strings at the length bounds,
// unknown properties, duplicate names, other encodings, broken JSON — get
// kin-openapi's verdict. Without LINKEDIN_MOCK_LONG=1 (see
// internal/longtest), and with -short or -race, one in 13 of them.
func TestAgreesWithKinOnMutations(t *testing.T) {
	sample := 13
	if !testing.Short() && !raceEnabled {
		sample = longtest.Size(t, 13, 1)
	}
	ts := targets(t)
	var schemas []*openapi3.Schema
	for _, tg := range ts {
		schemas = append(schemas, tg.schema)
	}
	b := collectBounds(schemas)
	vs := compileShared(t, ts)
	var mu sync.Mutex
	var total tally
	t.Run("targets", func(t *testing.T) {
		for _, tg := range ts {
			t.Run(tg.name+" "+tg.dir.String(), func(t *testing.T) {
				t.Parallel()
				n := mutateTarget(t, b, tg, vs[tg], sample)
				mu.Lock()
				defer mu.Unlock()
				total.add(n)
			})
		}
	})
	t.Logf("mutations (1 in %d): %v", sample, total)
	if total.accepted == 0 || total.rejected == 0 {
		t.Fatal("the mutations are one-sided")
	}
}

// mutateTarget checks the mutations of a target's examples: every value
// mutation of body schemas' examples (one in sample), the text variants of
// all examples, and a seventh of the value mutations escaped and with
// duplicate names.
func mutateTarget(t *testing.T, b bounds, tg *target, v *jsoncheck.Validator, sample int) tally {
	var n tally
	seen := map[string]bool{}
	check := func(body []byte) {
		if !seen[string(body)] {
			seen[string(body)] = true
			agree(t, tg.name, tg.schema, tg.dir, v, body, &n)
		}
	}
	for _, ex := range tg.examples {
		doc := decode(t, ex)
		for _, variant := range textVariants(ex, doc) {
			check(variant)
		}
		if !tg.body {
			continue
		}
		i := 0
		b.mutate(doc, func(d any) {
			if i++; i%sample != 0 {
				return
			}
			check(enc(d, encOpts{}))
			if i%(7*sample) == 0 {
				check(enc(d, encOpts{escapeAll: true}))
				check(enc(d, encOpts{dupLast: true}))
			}
		})
	}
	return n
}

// compileShared compiles the targets with one Compiler per spec, as the
// mock server does, so that shared nodes are checked too.
func compileShared(t testing.TB, ts []*target) map[*target]*jsoncheck.Validator {
	t.Helper()
	compilers := map[string]*jsoncheck.Compiler{}
	out := map[*target]*jsoncheck.Validator{}
	for _, tg := range ts {
		c := compilers[tg.spec]
		if c == nil {
			c = jsoncheck.NewCompiler()
			compilers[tg.spec] = c
		}
		v, err := c.Compile(tg.schema, tg.dir)
		if err != nil {
			t.Fatalf("%s: %v", tg.name, err)
		}
		out[tg] = v
	}
	return out
}

// compile compiles one target on its own.
func compile(t testing.TB, tg *target) *jsoncheck.Validator {
	t.Helper()
	v, err := jsoncheck.Compile(tg.schema, tg.dir)
	if err != nil {
		t.Fatalf("%s: %v", tg.name, err)
	}
	return v
}

func decode(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
