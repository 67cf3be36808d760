// Package scenarios defines the scenario files that switch the simulated
// vendors into the states their clients must handle: their format, strict
// parsing with file:line:key errors, composition, and the built-in set.
// It is data only: no HTTP and no running state.
package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var builtinFiles embed.FS

// DefaultName is the scenario every other one overlays.
const DefaultName = "default"

// Scenario is a resolved scenario: a name (or comma list of names) and the
// effective settings it produces.
type Scenario struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Settings    Settings `json:"settings"`
}

// file is one parsed scenario file.
type file struct {
	name, description, base string
	baseLine                int        // line of the base key
	source                  string     // path, or "scenarios/<name>.yaml" for built-ins
	builtin                 bool       // embedded in the binary
	body                    *yaml.Node // mapping of the settings keys only
}

// Registry holds the known scenario files by name.
type Registry struct {
	files map[string]*file
}

// Builtin returns a registry of the scenarios embedded in the binary.
func Builtin() (*Registry, error) {
	r := &Registry{files: map[string]*file{}}
	entries, err := builtinFiles.ReadDir(".")
	if err != nil {
		return nil, fmt.Errorf("scenarios: read built-ins: %w", err)
	}
	for _, e := range entries {
		data, err := builtinFiles.ReadFile(e.Name())
		if err != nil {
			return nil, fmt.Errorf("scenarios: read %s: %w", e.Name(), err)
		}
		f, err := parseFile("scenarios/"+e.Name(), data)
		if err != nil {
			return nil, err
		}
		f.builtin = true
		if err := r.add(f); err != nil {
			return nil, err
		}
	}
	if _, ok := r.files[DefaultName]; !ok {
		return nil, errors.New("scenarios: no built-in default scenario")
	}
	for _, name := range r.Names() {
		if _, err := r.Resolve(name); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// AddDir loads every *.yaml and *.yml file of dir, strictly: the first broken
// file stops the load with its error.
func (r *Registry) AddDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("scenarios: read dir: %w", err)
	}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		if _, err := r.AddFile(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// AddFile loads one scenario file, checks that it resolves, and returns its name.
func (r *Registry) AddFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("scenarios: %w", err)
	}
	f, err := parseFile(path, data)
	if err != nil {
		return "", err
	}
	if err := r.add(f); err != nil {
		return "", err
	}
	if _, err := r.Resolve(f.name); err != nil {
		delete(r.files, f.name)
		return "", err
	}
	return f.name, nil
}

func (r *Registry) add(f *file) error {
	if old, ok := r.files[f.name]; ok {
		if old.builtin || f.builtin {
			return fmt.Errorf("%s: scenario name %q is already taken by %s", f.source, f.name, old.source)
		}
		return fmt.Errorf("%s: scenario name %q is already defined in %s", f.source, f.name, old.source)
	}
	r.files[f.name] = f
	return nil
}

// Names returns the known scenario names, default first, then sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.files))
	for n := range r.files {
		if n != DefaultName {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return append([]string{DefaultName}, names...)
}

// Has reports whether name is a known scenario.
func (r *Registry) Has(name string) bool { _, ok := r.files[name]; return ok }

// Describe returns the one-line description of a known scenario.
func (r *Registry) Describe(name string) string {
	if f, ok := r.files[name]; ok {
		return f.description
	}
	return ""
}

// Resolve composes a scenario from a name or a comma list of names: the
// default settings, then each named scenario's overlay (its bases first),
// left to right; spaces around names are ignored, an empty name is an error.
// The result is validated.
func (r *Registry) Resolve(spec string) (*Scenario, error) {
	names := splitList(spec)
	if len(names) == 0 {
		return nil, fmt.Errorf("scenarios: empty scenario name")
	}
	if len(names) != len(strings.Split(spec, ",")) {
		return nil, fmt.Errorf("scenarios: %q has an empty name in its list (names are separated by single commas, e.g. 2fa-required,no-recruiter)", spec)
	}
	var s Settings
	lines := map[string]string{}
	if err := r.applyChain(DefaultName, &s, lines, nil); err != nil {
		return nil, err
	}
	var descs []string
	for _, n := range names {
		f, ok := r.files[n]
		if !ok {
			return nil, &UnknownError{Name: n, Known: r.Names()}
		}
		descs = append(descs, f.description)
		if n == DefaultName {
			continue
		}
		if err := r.applyChain(n, &s, lines, nil); err != nil {
			return nil, err
		}
	}
	if errs := validate(&s); len(errs) > 0 {
		return nil, locate(errs, lines)
	}
	return &Scenario{Name: strings.Join(names, ","), Description: strings.Join(descs, " + "), Settings: s}, nil
}

// applyChain applies the named file's bases, then the file itself, onto s.
func (r *Registry) applyChain(name string, s *Settings, lines map[string]string, stack []string) error {
	f, ok := r.files[name]
	if !ok {
		return &UnknownError{Name: name, Known: r.Names()}
	}
	if slices.Contains(stack, name) {
		return fmt.Errorf("%s: base scenarios form a cycle: %s -> %s", f.source, strings.Join(stack, " -> "), name)
	}
	stack = append(stack, name)
	for _, b := range splitList(f.base) {
		if _, ok := r.files[b]; !ok {
			return fmt.Errorf("%s:%d: key \"base\": unknown base scenario %q (known: %s)",
				f.source, f.baseLine, b, strings.Join(r.Names(), ", "))
		}
		if err := r.applyChain(b, s, lines, stack); err != nil {
			return err
		}
	}
	fileLines := map[string]int{}
	if errs := apply(f.body, reflect.ValueOf(s).Elem(), "", fileLines); len(errs) > 0 {
		return fileErrors(f.source, errs)
	}
	for k, l := range fileLines {
		lines[k] = fmt.Sprintf("%s:%d", f.source, l)
	}
	return nil
}

func splitList(spec string) []string {
	var out []string
	for _, p := range strings.Split(spec, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// UnknownError is returned for a scenario name that is not known.
type UnknownError struct {
	Name  string
	Known []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown scenario %q (known: %s)", e.Name, strings.Join(e.Known, ", "))
}
