package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseScenario feeds any bytes to the scenario loader: it must return a
// scenario or an error, never panic, and an accepted file must resolve.
func FuzzParseScenario(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	builtins, _ := filepath.Glob("*.yaml")
	for _, path := range append(seeds, builtins...) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("name: x\ndescription: y\nfaults: [{rate: .5, kind: status, status: 503}]\nbase: default,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := Builtin()
		if err != nil {
			t.Fatal(err)
		}
		file, err := reg.check("fuzz.yaml", data)
		if err != nil {
			return
		}
		reg.files[file.name] = file
		sc, err := reg.Resolve(file.name)
		if err != nil {
			return
		}
		if errs := validate(&sc.Settings); len(errs) > 0 {
			t.Fatalf("a resolved scenario must be valid: %v", errs)
		}
	})
}
