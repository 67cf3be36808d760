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
	baseLine, nameLine      int        // lines of the base and name keys
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
		f, probs, err := parseFile("scenarios/"+e.Name(), data)
		if err != nil {
			return nil, err
		}
		if len(probs) > 0 {
			return nil, joinProblems(probs)
		}
		f.builtin = true
		if p := r.nameTaken(f); p != nil {
			return nil, p
		}
		r.files[f.name] = f
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
// file stops the load with its errors.
func (r *Registry) AddDir(dir string) error {
	paths, err := ScenarioFiles(dir)
	if err != nil {
		return err
	}
	for _, path := range paths {
		if _, err := r.AddFile(path); err != nil {
			return err
		}
	}
	return nil
}

// ScenarioFiles lists the *.yaml and *.yml files of dir, sorted.
func ScenarioFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("scenarios: read dir: %w", err)
	}
	var paths []string
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		paths = append(paths, filepath.Join(dir, e.Name()))
	}
	return paths, nil
}

// AddFile loads one scenario file, checks that it resolves, and returns its
// name. A broken file is not added, and its error lists every problem found
// in it (unknown keys, wrong types, out-of-range values), one
// "file:line: key ...: reason" line each.
func (r *Registry) AddFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("scenarios: %w", err)
	}
	return r.AddData(path, data)
}

// AddData is AddFile for a file's content already read; source names it in
// errors.
func (r *Registry) AddData(source string, data []byte) (string, error) {
	f, err := r.check(source, data)
	if err != nil {
		return "", err
	}
	r.files[f.name] = f
	return f.name, nil
}

// check parses a file and composes it over default and its bases, collecting
// every problem before it reports them.
func (r *Registry) check(source string, data []byte) (*file, error) {
	f, probs, err := parseFile(source, data)
	if err != nil {
		return nil, err
	}
	if p := r.nameTaken(f); p != nil {
		probs = append(probs, *p)
	}
	_, more, err := r.compose([]*file{f})
	if err != nil {
		return nil, err
	}
	if probs = append(probs, more...); len(probs) > 0 {
		return nil, joinProblems(probs)
	}
	return f, nil
}

// nameTaken reports a file whose name another file already holds.
func (r *Registry) nameTaken(f *file) *problem {
	old, ok := r.files[f.name]
	if !ok || f.name == "" {
		return nil
	}
	verb := "defined in"
	if old.builtin || f.builtin {
		verb = "taken by"
	}
	return &problem{f.source, f.nameLine, "name", fmt.Sprintf("scenario name %q is already %s %s", f.name, verb, old.source)}
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
	files := make([]*file, len(names))
	descs := make([]string, len(names))
	for i, n := range names {
		f, ok := r.files[n]
		if !ok {
			return nil, &UnknownError{Name: n, Known: r.Names()}
		}
		files[i], descs[i] = f, f.description
	}
	s, probs, err := r.compose(files)
	if err != nil {
		return nil, err
	}
	if len(probs) > 0 {
		return nil, joinProblems(probs)
	}
	return &Scenario{Name: strings.Join(names, ","), Description: strings.Join(descs, " + "), Settings: *s}, nil
}

// compose applies default, then each file with its bases, and validates the
// result. It returns every problem found; err is for what stops composition
// (a cycle of bases).
func (r *Registry) compose(files []*file) (*Settings, []problem, error) {
	var s Settings
	where := map[string]problem{} // key -> where it was last set
	var probs []problem
	def, ok := r.files[DefaultName]
	if !ok {
		return nil, nil, errors.New("scenarios: no default scenario")
	}
	if err := r.applyChain(def, &s, where, &probs, nil); err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		if f.name == DefaultName && f.builtin {
			continue
		}
		if err := r.applyChain(f, &s, where, &probs, nil); err != nil {
			return nil, nil, err
		}
	}
	for _, e := range validate(&s) {
		at, ok := where[e.Key]
		if !ok {
			at, ok = where[parentKey(e.Key)]
		}
		if !ok {
			at.source = "scenario"
		}
		probs = append(probs, problem{at.source, at.line, e.Key, e.Msg})
	}
	return &s, probs, nil
}

// applyChain applies f's bases, then f itself, onto s, adding what is wrong
// to probs and recording in where the file and line that set each key.
func (r *Registry) applyChain(f *file, s *Settings, where map[string]problem, probs *[]problem, stack []string) error {
	if slices.Contains(stack, f.name) {
		return fmt.Errorf("%s: base scenarios form a cycle: %s -> %s", f.source, strings.Join(stack, " -> "), f.name)
	}
	stack = append(stack, f.name)
	for _, b := range splitList(f.base) {
		bf, ok := r.files[b]
		if !ok {
			*probs = append(*probs, problem{f.source, f.baseLine, "base",
				fmt.Sprintf("unknown base scenario %q (known: %s)", b, strings.Join(r.Names(), ", "))})
			continue
		}
		if err := r.applyChain(bf, s, where, probs, stack); err != nil {
			return err
		}
	}
	fileLines := map[string]int{}
	for _, e := range apply(f.body, reflect.ValueOf(s).Elem(), "", fileLines) {
		*probs = append(*probs, problem{f.source, e.Line, e.Key, e.Msg})
	}
	for k, l := range fileLines {
		where[k] = problem{source: f.source, line: l}
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
