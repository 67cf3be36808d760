package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// metaKeys are the keys of a scenario file that are not settings.
var metaKeys = map[string]bool{"name": true, "description": true, "base": true}

// yamlLine splits yaml.v3's "line 3: reason" syntax errors.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// parseFile reads one scenario file: its name, description and optional base,
// and the settings mapping (checked key by key when applied). err is for a
// file that is not a YAML mapping; probs lists what is wrong with its name,
// description and base, while the file is still returned so that its
// settings can be checked too.
func parseFile(source string, data []byte) (f *file, probs []problem, err error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, nil, fmt.Errorf("%s:%s: %s", source, m[1], m[2])
		}
		return nil, nil, fmt.Errorf("%s: %s", source, msg)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s:%d: a scenario file is a mapping of keys (name, description, settings)", source, doc.Line)
	}
	root := doc.Content[0]
	f = &file{source: source, body: &yaml.Node{Kind: yaml.MappingNode, Line: root.Line}}
	var errs []keyError
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			errs = append(errs, keyError{k.Line, k.Value, fmt.Sprintf("duplicate key (first on line %d)", first)})
			continue
		}
		seen[k.Value] = k.Line
		if !metaKeys[k.Value] {
			f.body.Content = append(f.body.Content, k, v)
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			errs = append(errs, keyError{v.Line, k.Value, "expected a string, got " + kindName(v)})
			continue
		}
		switch k.Value {
		case "name":
			f.name, f.nameLine = v.Value, v.Line
			if !namePattern.MatchString(v.Value) {
				errs = append(errs, keyError{v.Line, "name", "must be lower-case letters, digits, - or _ (at most 64)"})
			}
		case "description":
			f.description = strings.TrimSpace(v.Value)
		case "base":
			f.base, f.baseLine = v.Value, v.Line
		}
	}
	if _, ok := seen["name"]; !ok {
		errs = append(errs, keyError{root.Line, "name", "missing: every scenario file needs a name"})
	}
	if f.description == "" {
		errs = append(errs, keyError{root.Line, "description", "missing: every scenario file needs a one-line description"})
	} else if strings.Contains(f.description, "\n") {
		errs = append(errs, keyError{seen["description"], "description", "must be one line"})
	}
	for _, e := range errs {
		probs = append(probs, problem{source, e.Line, e.Key, e.Msg})
	}
	return f, probs, nil
}

// problem is one thing wrong in a scenario, at a file and line.
type problem struct {
	source string
	line   int // 0 when unknown
	key    string
	msg    string
}

func (p problem) Error() string {
	if p.line == 0 {
		return fmt.Sprintf("%s: key %q: %s", p.source, p.key, p.msg)
	}
	return fmt.Sprintf("%s:%d: key %q: %s", p.source, p.line, p.key, p.msg)
}

// joinProblems makes one error of them, a "file:line: key ...: reason" line
// each, in file and line order.
func joinProblems(probs []problem) error {
	sorted := slices.Clone(probs)
	slices.SortStableFunc(sorted, func(a, b problem) int {
		if c := strings.Compare(a.source, b.source); c != 0 {
			return c
		}
		return a.line - b.line
	})
	out := make([]error, len(sorted))
	for i, p := range sorted {
		out[i] = p
	}
	return errors.Join(out...)
}

func parentKey(k string) string {
	if i := strings.LastIndexAny(k, ".["); i > 0 {
		return k[:i]
	}
	return k
}
