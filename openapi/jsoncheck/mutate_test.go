package jsoncheck_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// bounds are the numeric limits the specs use, so that mutations land on,
// just inside and just outside each of them.
type bounds struct {
	lengths []int    // string lengths and item counts
	numbers []string // number literals
}

// collectBounds walks schemas for minLength/maxLength, minItems/maxItems
// and minimum/maximum.
func collectBounds(schemas []*openapi3.Schema) bounds {
	lens := map[int]bool{0: true, 1: true, 2: true}
	nums := map[string]bool{}
	for _, n := range []string{"0", "-0", "1", "-1", "0.5", "1.0", "1e2", "1E+2", "-1.5e-3", "1e400", "-1e400", "1e-400",
		"2147483647", "2147483648", "-2147483649", "9007199254740993", "9223372036854775807", "9223372036854775808",
		"18446744073709551616", "123456789012345678901234567890", "0.1e1", "100000000000000000000000"} {
		nums[n] = true
	}
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		addLen := func(n uint64) {
			for _, d := range []int{-1, 0, 1} {
				if int(n)+d >= 0 {
					lens[int(n)+d] = true
				}
			}
		}
		if s.MinLength > 0 {
			addLen(s.MinLength)
		}
		if s.MaxLength != nil {
			addLen(*s.MaxLength)
		}
		if s.MinItems > 0 {
			addLen(s.MinItems)
		}
		if s.MaxItems != nil {
			addLen(*s.MaxItems)
		}
		for _, f := range []*float64{s.Min, s.Max} {
			if f != nil {
				for _, d := range []float64{-1, -0.5, 0, 0.5, 1} {
					nums[strconv.FormatFloat(*f+d, 'g', -1, 64)] = true
				}
			}
		}
		for _, r := range append(append(append(openapi3.SchemaRefs{s.Items, s.Not}, s.AllOf...), s.AnyOf...), s.OneOf...) {
			if r != nil {
				walk(r.Value)
			}
		}
		for _, p := range s.Properties {
			walk(p.Value)
		}
		if s.AdditionalProperties.Schema != nil {
			walk(s.AdditionalProperties.Schema.Value)
		}
	}
	for _, s := range schemas {
		walk(s)
	}
	b := bounds{}
	for l := range lens {
		b.lengths = append(b.lengths, l)
	}
	sort.Ints(b.lengths)
	for n := range nums {
		b.numbers = append(b.numbers, n)
	}
	sort.Strings(b.numbers)
	return b
}

// fixedStrings are string values every string is replaced with: bad enum
// values, bad and good dates, pattern edges, escapes.
var fixedStrings = []string{"", "zzz_not_in_enum", " ", "SA", "sa", "S", "SAU", "482913", "48291", "4829134",
	"req_abc_123", "req_", "req-abc",
	"2025-05-11", "2025-13-01", "2025-02-30", "2025-00-10", "2025-05-32", "25-05-11", "2025-5-11",
	"2025-05-11T09:00:00Z", "2025-05-11T09:00:00+05:30", "2025-05-11T09:00:00.123Z", "2025-05-11T24:00:00Z",
	"2025-05-11T23:59:60Z", "2025-05-11T09:00:00", "2025-05-11 09:00:00Z", "2025-05-11t09:00:00z",
	"2025-05-11T09:00:00.Z", "2025-05-11T09:00:00+0530", "2025-05-11T14:30:45+05:30", "2025-05-11T09:00:00Z\n",
	"https://example.com", "user@example.com", "ACTIVE", "active", "PAUSED", "true", "1", "null"}

// mixed are the characters of generated unicode strings: two bytes, a
// character outside the BMP (four bytes, two UTF-16 units), one byte.
var mixed = []rune{'ع', '😀', 'a', 'é'}

// unicodeString returns n runes cycling through mixed.
func unicodeString(n int) string {
	r := make([]rune, n)
	for i := range r {
		r[i] = mixed[i%len(mixed)]
	}
	return string(r)
}

// valueMutations returns the values that replace a value x.
func (b bounds) valueMutations(x any) []any {
	out := []any{nil, true, false, json.Number("0"), json.Number("1.5"), "s", "", []any{}, map[string]any{},
		[]any{x}, map[string]any{"k": x}}
	switch v := x.(type) {
	case string:
		for _, s := range fixedStrings {
			out = append(out, s)
		}
		out = append(out, strings.ToUpper(v), strings.ToLower(v), v+" ", v+v)
		for _, l := range b.lengths {
			if l > 5000 {
				continue
			}
			out = append(out, strings.Repeat("a", l), strings.Repeat("😀", l), unicodeString(l))
		}
	case json.Number:
		for _, n := range b.numbers {
			out = append(out, json.Number(n))
		}
		if f, err := v.Float64(); err == nil {
			for _, d := range []float64{-1, 1, 0.5} {
				out = append(out, json.Number(strconv.FormatFloat(f+d, 'g', -1, 64)))
			}
			out = append(out, json.Number(strconv.FormatFloat(f*1000, 'g', -1, 64)), json.Number(string(v)+"e0"),
				json.Number(string(v)+".0"))
		}
	case bool:
		out = append(out, !v)
	case []any:
		for _, l := range b.lengths {
			if l > 600 {
				continue
			}
			var fill any = "s"
			if len(v) > 0 {
				fill = v[0]
			}
			arr := make([]any, l)
			for i := range arr {
				arr[i] = fill
			}
			out = append(out, arr)
		}
		if len(v) > 0 {
			out = append(out, append([]any{v[0]}, v...), v[1:], v[:len(v)-1])
		}
	case map[string]any:
		for k := range v {
			m := copyMap(v)
			delete(m, k)
			out = append(out, m)
		}
		m := copyMap(v)
		m["zz_unknown"] = json.Number("1")
		out = append(out, m)
	}
	return out
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// mutate calls emit with every document that replaces one value of doc (at
// any depth) with one of its mutations.
func (b bounds) mutate(doc any, emit func(any)) {
	var walk func(x any, set func(any))
	walk = func(x any, set func(any)) {
		for _, m := range b.valueMutations(x) {
			set(m)
			emit(doc)
		}
		set(x)
		switch v := x.(type) {
		case map[string]any:
			for k, c := range v {
				walk(c, func(n any) { v[k] = n })
			}
		case []any:
			for i, c := range v {
				walk(c, func(n any) { v[i] = n })
			}
		}
	}
	var root any = doc
	walk(doc, func(n any) { root = n })
	_ = root
}

// encOpts select how enc writes a document.
type encOpts struct {
	escapeAll  bool   // every string character as \uXXXX
	dupFirst   bool   // every object repeats its first name first, with null
	dupLast    bool   // every object repeats its first name last, with its value
	rawInvalid bool   // strings end with a byte that is not UTF-8
	indent     string // pretty-print
}

// enc writes v as JSON with the given options (names in sorted order).
func enc(v any, o encOpts) []byte {
	var buf bytes.Buffer
	encValue(&buf, v, o, 0)
	return buf.Bytes()
}

func encValue(buf *bytes.Buffer, v any, o encOpts, depth int) {
	nl := func(d int) {
		if o.indent != "" {
			buf.WriteByte('\n')
			buf.WriteString(strings.Repeat(o.indent, d))
		}
	}
	switch x := v.(type) {
	case nil:
		buf.WriteString("null")
	case bool:
		buf.WriteString(strconv.FormatBool(x))
	case json.Number:
		buf.WriteString(string(x))
	case float64:
		buf.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case string:
		encString(buf, x, o)
	case []any:
		buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			nl(depth + 1)
			encValue(buf, e, o, depth+1)
		}
		nl(depth)
		buf.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf.WriteByte('{')
		first := true
		member := func(k string, val any) {
			if !first {
				buf.WriteByte(',')
			}
			first = false
			nl(depth + 1)
			encString(buf, k, o)
			buf.WriteByte(':')
			encValue(buf, val, o, depth+1)
		}
		if o.dupFirst && len(keys) > 0 {
			member(keys[0], nil)
		}
		for _, k := range keys {
			member(k, x[k])
		}
		if o.dupLast && len(keys) > 0 {
			member(keys[0], x[keys[0]])
		}
		nl(depth)
		buf.WriteByte('}')
	default:
		panic(fmt.Sprintf("enc: %T", v))
	}
}

func encString(buf *bytes.Buffer, s string, o encOpts) {
	if !o.escapeAll {
		b, _ := json.Marshal(s)
		if o.rawInvalid {
			b = append(b[:len(b)-1], 0xff, '"')
		}
		buf.Write(b)
		return
	}
	buf.WriteByte('"')
	for _, r := range s {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(buf, `\u%04x\u%04X`, r1, r2)
			continue
		}
		fmt.Fprintf(buf, `\u%04x`, r)
	}
	buf.WriteByte('"')
}

// textVariants are byte-level variants of a body: other encodings of the
// same value, and broken JSON.
func textVariants(body []byte, doc any) [][]byte {
	out := [][]byte{
		enc(doc, encOpts{}), enc(doc, encOpts{escapeAll: true}), enc(doc, encOpts{indent: "  "}),
		enc(doc, encOpts{dupFirst: true}), enc(doc, encOpts{dupLast: true}), enc(doc, encOpts{rawInvalid: true}),
		append(append([]byte(" \t\r\n"), body...), ' '),
		append(append([]byte{}, body...), "xyz"...), append(append([]byte{}, body...), " {"...),
		append(append([]byte{}, body...), '}'), append(append([]byte{}, body...), ']'),
		[]byte(""), []byte("   "), []byte("\xef\xbb\xbf" + string(body)), []byte("nul"), []byte("null"), []byte("nullx"),
	}
	for _, cut := range []int{1, len(body) / 2, len(body) - 1} {
		if cut > 0 && cut < len(body) {
			out = append(out, body[:cut])
		}
	}
	// A string that holds an escaped lone surrogate, a broken pair, a
	// control character or an invalid escape.
	if i := bytes.IndexByte(body, '"'); i >= 0 {
		for _, ins := range []string{`\ud800`, `\ud83d\u0041`, `\udc00\ud800`, `\ud83d\ude00`, "\x01", `\x`, `\u12`, "\xed\xa0\x80", `\/`} {
			v := append(append(append([]byte{}, body[:i+1]...), ins...), body[i+1:]...)
			if utf8.Valid(v) || strings.Contains(ins, "\xed") {
				out = append(out, v)
			}
		}
	}
	return out
}
