package tests

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGeneratedClientsAreFresh regenerates both typed clients into a
// temporary directory with the module's pinned oapi-codegen (the go.mod tool
// dependency, exactly what `go generate ./tests/...` runs) and fails when
// the committed output differs: the clients must follow the specs.
func TestGeneratedClientsAreFresh(t *testing.T) {
	tool := oapiCodegen(t)
	for _, v := range []string{"skylight", "konnector"} {
		t.Run(v, func(t *testing.T) {
			pkgDir := filepath.Join("clients", v)
			cfg, err := os.ReadFile(filepath.Join(pkgDir, "cfg.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			tmp := t.TempDir()
			if err := os.WriteFile(filepath.Join(tmp, "cfg.yaml"), cfg, 0o644); err != nil {
				t.Fatal(err)
			}
			spec, err := filepath.Abs(filepath.Join("..", "openapi", v+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(tool, "-config", "cfg.yaml", spec)
			cmd.Dir = tmp
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("oapi-codegen %s: %v\n%s", v, err, out)
			}
			name := v + ".gen.go"
			fresh, err := os.ReadFile(filepath.Join(tmp, name))
			if err != nil {
				t.Fatal(err)
			}
			committed, err := os.ReadFile(filepath.Join(pkgDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fresh, committed) {
				t.Errorf("tests/clients/%s/%s is stale: openapi/%s.yaml changed since it was generated; run `go generate ./tests/...`%s",
					v, name, v, firstDifference(committed, fresh))
			}
		})
	}
}

// oapiCodegen returns the path of the tool's executable, built once and
// cached by the go command (`go tool -n` prints it without running it).
func oapiCodegen(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(goCommand(), "tool", "-n", "oapi-codegen")
	cmd.Dir = ".."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go tool -n oapi-codegen: %v\n%s", err, stderr.String())
	}
	fields := strings.Fields(string(out))
	if len(fields) == 0 {
		t.Fatalf("go tool -n oapi-codegen printed nothing")
	}
	return fields[0]
}

// firstDifference shows the first line that differs.
func firstDifference(old, updated []byte) string {
	a, b := strings.Split(string(old), "\n"), strings.Split(string(updated), "\n")
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return "\nfirst difference at line " + strconv.Itoa(i+1) + ":\n  committed: " + x + "\n  generated: " + y
		}
	}
	return ""
}
