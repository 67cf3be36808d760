package tests

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// jv is a decoded JSON value and where it was found, so that reading a field
// that is missing or of the wrong type fails the test naming it.
type jv struct {
	tb   testing.TB
	v    any
	path string
}

// at walks a dotted path: object keys and array indexes ("data.items.0.id").
func (j jv) at(path string) jv {
	j.tb.Helper()
	cur := j
	for _, part := range strings.Split(path, ".") {
		next := jv{tb: j.tb, path: cur.path + "." + part}
		switch x := cur.v.(type) {
		case map[string]any:
			v, ok := x[part]
			if !ok {
				j.tb.Fatalf("%s: no such key", next.path)
			}
			next.v = v
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				j.tb.Fatalf("%s: no such element (%d elements)", next.path, len(x))
			}
			next.v = x[i]
		default:
			j.tb.Fatalf("%s: %s is %s, not an object or array", next.path, cur.path, jsonType(cur.v))
		}
		cur = next
	}
	return cur
}

// has reports whether the object has the key.
func (j jv) has(key string) bool {
	m, ok := j.v.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[key]
	return ok
}

// num is a number.
func (j jv) num() float64 {
	j.tb.Helper()
	n, ok := j.v.(float64)
	if !ok {
		j.tb.Fatalf("%s: want a number, got %s", j.path, compact(j.v))
	}
	return n
}

// int is an integral number.
func (j jv) int() int {
	j.tb.Helper()
	n := j.num()
	if n != math.Trunc(n) {
		j.tb.Fatalf("%s: want an integer, got %v", j.path, n)
	}
	return int(n)
}

// str is a string.
func (j jv) str() string {
	j.tb.Helper()
	s, ok := j.v.(string)
	if !ok {
		j.tb.Fatalf("%s: want a string, got %s", j.path, compact(j.v))
	}
	return s
}

// strOrNull is a string, or "" for null.
func (j jv) strOrNull() string {
	j.tb.Helper()
	if j.v == nil {
		return ""
	}
	return j.str()
}

// bool is a boolean.
func (j jv) bool() bool {
	j.tb.Helper()
	b, ok := j.v.(bool)
	if !ok {
		j.tb.Fatalf("%s: want a boolean, got %s", j.path, compact(j.v))
	}
	return b
}

// list is an array's elements.
func (j jv) list() []jv {
	j.tb.Helper()
	a, ok := j.v.([]any)
	if !ok {
		j.tb.Fatalf("%s: want an array, got %s", j.path, compact(j.v))
	}
	out := make([]jv, len(a))
	for i, v := range a {
		out[i] = jv{tb: j.tb, v: v, path: j.path + "." + strconv.Itoa(i)}
	}
	return out
}

// without is a copy of an object without some keys (shallow).
func (j jv) without(keys ...string) map[string]any {
	j.tb.Helper()
	m, ok := j.v.(map[string]any)
	if !ok {
		j.tb.Fatalf("%s: want an object, got %s", j.path, compact(j.v))
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// sameAs fails the test unless the two values are equal JSON.
func sameAs(tb testing.TB, what string, got, want any) {
	tb.Helper()
	if g, ok := got.(jv); ok {
		got = g.v
	}
	if w, ok := want.(jv); ok {
		want = w.v
	}
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("%s disagree:\n got: %s\nwant: %s", what, compact(got), compact(want))
	}
}

// equalInt fails the test unless got == want.
func equalInt(tb testing.TB, what string, got, want int) {
	tb.Helper()
	if got != want {
		tb.Errorf("%s: %d, want %d", what, got, want)
	}
}

// percent is Konnector's and SkyLight's rate: part/whole in percent with one
// decimal, 0 for an empty whole.
func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)*1000/float64(whole)) / 10
}

// jsonType names a decoded JSON value's type.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "a non-JSON value"
}
