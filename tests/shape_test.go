package tests

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// shapeViolations compares an answer with a doc example: every key the doc
// shows must be in the answer, with the same JSON type, nested. Each element
// of an answer's array is compared with the doc's first element; a doc
// array with elements needs at least one in the answer (else nothing would
// be compared), an empty doc array says nothing about elements. mayBeNull
// lists paths ("data.pagination.next_page_url", array elements as "[]")
// where the answer may be null although the doc shows a value: nullable
// fields whose value depends on the data.
func shapeViolations(doc, got any, mayBeNull map[string]bool) []string {
	var out []string
	compareShape(doc, got, "", "", mayBeNull, &out)
	return out
}

func compareShape(doc, got any, where, pattern string, mayBeNull map[string]bool, out *[]string) {
	name := where
	if name == "" {
		name = "(root)"
	}
	dt, gt := jsonType(doc), jsonType(got)
	if dt != gt {
		if gt == "null" && mayBeNull[pattern] {
			return
		}
		*out = append(*out, fmt.Sprintf("%s: the doc shows %s, the answer has %s", name, dt, gt))
		return
	}
	switch d := doc.(type) {
	case map[string]any:
		g := got.(map[string]any)
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, ok := g[k]
			if !ok {
				*out = append(*out, fmt.Sprintf("%s: missing (the doc shows %s)", join(where, k), jsonType(d[k])))
				continue
			}
			compareShape(d[k], v, join(where, k), join(pattern, k), mayBeNull, out)
		}
	case []any:
		g := got.([]any)
		if len(d) == 0 {
			return
		}
		if len(g) == 0 {
			*out = append(*out, fmt.Sprintf("%s: empty, so nothing to compare with the doc's elements", name))
			return
		}
		for i, v := range g {
			compareShape(d[0], v, fmt.Sprintf("%s[%d]", where, i), pattern+"[]", mayBeNull, out)
		}
	}
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// TestShapeComparison proves the comparer catches what it must (a missing
// key, a changed type, nested or in an array element) and lets through
// what it must (extra keys, more elements, allowed nulls).
func TestShapeComparison(t *testing.T) {
	doc := map[string]any{
		"code": 200.0,
		"data": map[string]any{
			"items": []any{map[string]any{"id": "x", "n": 1.0}},
			"next":  "/page/2",
			"none":  []any{},
		},
	}
	for _, tc := range []struct {
		name string
		got  any
		want []string // substrings of the violations, in order
	}{
		{"same shape, more keys and elements", map[string]any{"code": 1.0, "extra": true, "data": map[string]any{
			"items": []any{map[string]any{"id": "a", "n": 2.0, "more": 1.0}, map[string]any{"id": "b", "n": 3.0}},
			"next":  "/p", "none": []any{1.0}}}, nil},
		{"allowed null", map[string]any{"code": 1.0, "data": map[string]any{
			"items": []any{map[string]any{"id": "a", "n": 2.0}}, "next": nil, "none": []any{}}}, nil},
		{"missing key", map[string]any{"data": map[string]any{
			"items": []any{map[string]any{"id": "a", "n": 2.0}}, "next": "/p", "none": []any{}}}, []string{"code: missing"}},
		{"wrong type in an element", map[string]any{"code": 1.0, "data": map[string]any{
			"items": []any{map[string]any{"id": "a", "n": 2.0}, map[string]any{"id": 7.0, "n": 2.0}}, "next": "/p", "none": []any{}}},
			[]string{"data.items[1].id: the doc shows string, the answer has number"}},
		{"empty array", map[string]any{"code": 1.0, "data": map[string]any{"items": []any{}, "next": "/p", "none": []any{}}},
			[]string{"data.items: empty"}},
		{"object for array", map[string]any{"code": 1.0, "data": map[string]any{"items": map[string]any{}, "next": "/p", "none": []any{}}},
			[]string{"data.items: the doc shows array, the answer has object"}},
		{"root type", []any{}, []string{"(root): the doc shows object"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := shapeViolations(doc, tc.got, map[string]bool{"data.next": true})
			if len(got) != len(tc.want) {
				t.Fatalf("violations %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("violation %q, want it to contain %q", got[i], tc.want[i])
				}
			}
		})
	}
}
