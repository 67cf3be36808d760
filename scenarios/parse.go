package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// metaKeys are the keys of a scenario file that are not settings.
var metaKeys = map[string]bool{"name": true, "description": true, "base": true}

// yamlLine splits yaml.v3's "line 3: reason" syntax errors.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// parseFile reads one scenario file: its name, description and optional base,
// and the settings mapping (checked key by key when applied).
func parseFile(source string, data []byte) (*file, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", source, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %s", source, msg)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a scenario file is a mapping of keys (name, description, settings)", source, doc.Line)
	}
	root := doc.Content[0]
	f := &file{source: source, body: &yaml.Node{Kind: yaml.MappingNode, Line: root.Line}}
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
			f.name = v.Value
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
	if len(errs) > 0 {
		return nil, fileErrors(source, errs)
	}
	return f, nil
}

// fileErrors joins key errors into one error, one "file:line: key ..." line each.
func fileErrors(source string, errs []keyError) error {
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		out = append(out, fmt.Errorf("%s:%d: key %q: %s", source, e.Line, e.Key, e.Msg))
	}
	return errors.Join(out...)
}

// locate turns validation errors into "file:line: key ..." lines using where
// each key was last set.
func locate(errs []keyError, lines map[string]string) error {
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		at := lines[e.Key]
		if at == "" {
			at = lines[parentKey(e.Key)]
		}
		if at == "" {
			at = "scenario"
		}
		out = append(out, fmt.Errorf("%s: key %q: %s", at, e.Key, e.Msg))
	}
	return errors.Join(out...)
}

func parentKey(k string) string {
	if i := strings.LastIndexAny(k, ".["); i > 0 {
		return k[:i]
	}
	return k
}
