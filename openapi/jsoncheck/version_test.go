package jsoncheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kinModule is the module whose verdicts jsoncheck reproduces.
const kinModule = "github.com/getkin/kin-openapi"

// TestKinOpenAPIVersionIsTheDifferentialOne fails when the kin-openapi in
// this build is not the version the differential suite last passed
// against (testdata/kin-openapi-version). A new kin-openapi may change a
// verdict that jsoncheck copies, so a bump must re-run the whole
// differential corpus on purpose, then record the version:
//
//	LINKEDIN_MOCK_LONG=1 go test -count=1 ./openapi/jsoncheck
//	go test -run '^$' -fuzz FuzzAgreesWithKin -fuzztime 60s ./openapi/jsoncheck
//	echo v0.X.Y > openapi/jsoncheck/testdata/kin-openapi-version
//
// and update the version named in the package doc (jsoncheck.go).
func TestKinOpenAPIVersionIsTheDifferentialOne(t *testing.T) {
	raw, err := os.ReadFile("testdata/kin-openapi-version")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(raw))
	got := buildVersion(t, kinModule)
	if got != want {
		t.Fatalf("this build uses %s %s, but the differential suite last passed against %s: "+
			"run it in full (see this test's doc) and record %s in testdata/kin-openapi-version", kinModule, got, want, got)
	}
	src, err := os.ReadFile("jsoncheck.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "kin-openapi "+want+" does") {
		t.Errorf("the package doc in jsoncheck.go does not name kin-openapi %s", want)
	}
}

// buildVersion is the version of module path that builds this module: its
// requirement in go.mod, or what a replace directive puts in its place.
// (Test binaries carry no dependency list in runtime/debug's build
// information, so go.mod is read; the main module's go.mod lists every
// module of the build, with the version the build selects.)
func buildVersion(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	version := ""
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		for _, directive := range []string{"require ", "replace "} {
			line = strings.TrimPrefix(line, directive)
		}
		f := strings.Fields(line)
		switch {
		case len(f) < 2 || f[0] != path:
		case strings.Contains(line, "=>"):
			return "replaced (" + line + ")"
		default:
			version = f[1]
		}
	}
	if version == "" {
		t.Fatalf("%s is not required in go.mod", path)
	}
	return version
}
