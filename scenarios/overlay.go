package scenarios

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// keyError is one problem found in a scenario file, located by line and key.
type keyError struct {
	Line int
	Key  string
	Msg  string
}

// apply decodes the YAML mapping node n onto the struct v points to, field by
// field, so that keys absent from n keep their current values (the overlay).
// Unknown keys, duplicate keys and wrong types are reported with their line
// and dotted key path; apply goes on after an error to report them all.
// lines records the line of every key it sets.
func apply(n *yaml.Node, v reflect.Value, prefix string, lines map[string]int) []keyError {
	if n.Kind != yaml.MappingNode {
		return []keyError{{n.Line, strings.TrimSuffix(prefix, "."), "expected a mapping of keys, got " + kindName(n)}}
	}
	var errs []keyError
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if first, dup := seen[k.Value]; dup {
			errs = append(errs, keyError{k.Line, key, fmt.Sprintf("duplicate key (first on line %d)", first)})
			continue
		}
		seen[k.Value] = k.Line
		f, ok := fieldByTag(v, k.Value)
		if !ok {
			errs = append(errs, keyError{k.Line, key, "unknown key" + suggest(v.Type(), k.Value)})
			continue
		}
		lines[key] = k.Line
		errs = append(errs, applyValue(val, f, key, lines)...)
	}
	return errs
}

// applyValue sets f from the node: structs recurse, slices of structs are
// replaced item by item with strict checks, scalars and plain slices decode.
func applyValue(val *yaml.Node, f reflect.Value, key string, lines map[string]int) []keyError {
	switch {
	case f.Kind() == reflect.Struct && f.Type() != reflect.TypeOf(Duration(0)):
		return apply(val, f, key+".", lines)
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
		if val.Kind != yaml.SequenceNode {
			return []keyError{{val.Line, key, "expected a list, got " + kindName(val)}}
		}
		out := reflect.MakeSlice(f.Type(), len(val.Content), len(val.Content))
		var errs []keyError
		for i, item := range val.Content {
			errs = append(errs, apply(item, out.Index(i), fmt.Sprintf("%s[%d].", key, i), lines)...)
		}
		f.Set(out)
		return errs
	}
	fresh := reflect.New(f.Type())
	if err := val.Decode(fresh.Interface()); err != nil {
		return []keyError{{val.Line, key, typeMessage(f.Type(), val, err)}}
	}
	f.Set(fresh.Elem())
	return nil
}

// fieldByTag finds the struct field whose yaml tag is name.
func fieldByTag(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// suggest lists the keys allowed where an unknown one was found.
func suggest(t reflect.Type, _ string) string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return " (allowed: " + strings.Join(keys, ", ") + ")"
}

func typeMessage(t reflect.Type, n *yaml.Node, err error) string {
	want := t.Kind().String()
	switch {
	case t == reflect.TypeOf(Duration(0)):
		want = `a duration such as "250ms" or "2s"`
	case t.Kind() == reflect.Bool:
		want = "true or false"
	case t.Kind() == reflect.Int:
		want = "an integer"
	case t.Kind() == reflect.Float64:
		want = "a number"
	case t.Kind() == reflect.String:
		want = "a string"
	case t.Kind() == reflect.Slice:
		want = "a list of " + t.Elem().Kind().String()
	}
	if n.Kind == yaml.ScalarNode {
		return fmt.Sprintf("expected %s, got %q", want, n.Value)
	}
	return fmt.Sprintf("expected %s, got %s", want, kindName(n))
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias or document"
}

// UnmarshalYAML reads a Go duration string ("250ms", "72h").
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("not a duration")
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("invalid duration %q", n.Value)
	}
	*d = Duration(v)
	return nil
}
