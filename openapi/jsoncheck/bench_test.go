package jsoncheck_test

import (
	"testing"

	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// BenchmarkValidate compares jsoncheck with kin-openapi (decode with
// UseNumber, then VisitJSON) on the biggest example body of the specs.
func BenchmarkValidate(b *testing.B) {
	var big *target
	var body []byte
	for _, tg := range targets(b) {
		for _, ex := range tg.examples {
			if tg.body && len(ex) > len(body) {
				big, body = tg, ex
			}
		}
	}
	v := compile(b, big)
	if err := v.Validate(body); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d bytes", big.name, len(body))
	b.Run("jsoncheck", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for i := 0; i < b.N; i++ {
			if err := v.Validate(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kin", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for i := 0; i < b.N; i++ {
			if !kinAccepts(big.schema, big.dir, body) {
				b.Fatal("rejected")
			}
		}
	})
}

// BenchmarkCompileSpecBodies compiles every request and response body
// schema of both specs, as the mock server does at startup.
func BenchmarkCompileSpecBodies(b *testing.B) {
	var bodies []*target
	for _, tg := range targets(b) {
		if tg.body {
			bodies = append(bodies, tg)
		}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		perSpec := map[string]*jsoncheck.Compiler{}
		for _, tg := range bodies {
			c := perSpec[tg.spec]
			if c == nil {
				c = jsoncheck.NewCompiler()
				perSpec[tg.spec] = c
			}
			if _, err := c.Compile(tg.schema, tg.dir); err != nil {
				b.Fatal(err)
			}
		}
	}
}
