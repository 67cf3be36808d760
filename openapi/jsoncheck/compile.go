package jsoncheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxNodes bounds a compiled schema: a spec whose $refs would expand beyond
// it is left to kin-openapi.
const maxNodes = 1 << 16

// compiler turns one schema into nodes.
type compiler struct {
	dir     Direction
	shared  *Compiler
	parents []*openapi3.Schema // schemas whose members or items are being compiled
	nodes   int
}

// schema compiles s for a value that the schemas in chain already apply to
// (through not/allOf/anyOf/oneOf): kin-openapi accepts a value at once when
// a schema comes back to it, and the chain decides which required names
// readOnly/writeOnly excuse.
func (c *compiler) schema(s *openapi3.Schema, chain []*openapi3.Schema, path string) (*node, error) {
	if s == nil {
		return nil, fmt.Errorf("%s: unresolved schema", path)
	}
	if slices.Contains(chain, s) {
		return &node{anyValue: true}, nil
	}
	if err := unsupported(s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if c.nodes++; c.nodes > maxNodes {
		return nil, fmt.Errorf("%s: more than %d schema nodes", path, maxNodes)
	}
	chain = append(chain[:len(chain):len(chain)], s)
	n := &node{nullable: s.Nullable || s.Type.IncludesNull()}
	if s.IsEmpty() {
		n.empty = true
		return n, nil
	}
	if err := c.combinators(n, s, chain, path); err != nil {
		return nil, err
	}
	var err error
	if n.types, err = types(s.Type); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	n.requireInteger = n.types&tInteger != 0 && n.types&tNumber == 0
	if n.enum, err = enum(s.Enum); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if n.types&(tInteger|tNumber) != 0 {
		n.num = numberChecks(s, n.requireInteger)
	}
	if n.types&tString != 0 {
		if n.str, err = c.stringChecks(s); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if n.types&tArray != 0 {
		if n.arr, err = c.arrayChecks(s, path); err != nil {
			return nil, err
		}
	}
	if n.types&tObject != 0 {
		if n.obj, err = c.objectChecks(s, chain, path); err != nil {
			return nil, err
		}
	}
	n.trivial = n.types == tAll && n.enum == nil && n.num == nil && n.str == nil && n.arr == nil && n.obj == nil
	return n, nil
}

// unsupported names a keyword that kin-openapi's 3.0 validator applies and
// jsoncheck does not.
func unsupported(s *openapi3.Schema) error {
	switch {
	case s.Always != nil:
		return errors.New("boolean schema")
	case s.Discriminator != nil:
		return errors.New("discriminator")
	case s.MultipleOf != nil:
		return errors.New("multipleOf")
	case len(s.PrefixItems) > 0:
		return errors.New("prefixItems")
	case s.Const != nil:
		return errors.New("const")
	}
	return nil
}

// combinators compiles not, oneOf, anyOf and allOf, which apply to the same
// value.
func (c *compiler) combinators(n *node, s *openapi3.Schema, chain []*openapi3.Schema, path string) error {
	var err error
	if s.Not != nil {
		if n.not, err = c.ref(s.Not, chain, path+"/not"); err != nil {
			return err
		}
	}
	lists := []struct {
		refs openapi3.SchemaRefs
		name string
		out  *[]*node
	}{{s.OneOf, "oneOf", &n.oneOf}, {s.AnyOf, "anyOf", &n.anyOf}, {s.AllOf, "allOf", &n.allOf}}
	for _, l := range lists {
		for i, r := range l.refs {
			m, err := c.ref(r, chain, fmt.Sprintf("%s/%s/%d", path, l.name, i))
			if err != nil {
				return err
			}
			*l.out = append(*l.out, m)
		}
	}
	n.xOf = len(n.oneOf)+len(n.anyOf)+len(n.allOf) > 0
	n.combined = n.xOf || n.not != nil
	return nil
}

func (c *compiler) ref(r *openapi3.SchemaRef, chain []*openapi3.Schema, path string) (*node, error) {
	if r == nil || r.Value == nil {
		return nil, fmt.Errorf("%s: unresolved schema", path)
	}
	return c.schema(r.Value, chain, path)
}

// child compiles the schema of a member or item of a value of parent. Such
// a node depends on the schema and direction only, and is shared: a schema
// that compiled has no recursion through it, whatever its parents.
func (c *compiler) child(parent *openapi3.Schema, r *openapi3.SchemaRef, path string) (*node, error) {
	if slices.Contains(c.parents, parent) {
		return nil, fmt.Errorf("%s: recursive schema", path)
	}
	if r != nil && r.Value != nil {
		if n, ok := c.shared.memo[memoKey{r.Value, c.dir}]; ok {
			return n, nil
		}
	}
	c.parents = append(c.parents, parent)
	defer func() { c.parents = c.parents[:len(c.parents)-1] }()
	n, err := c.ref(r, nil, path)
	if err == nil {
		c.shared.memo[memoKey{r.Value, c.dir}] = n
	}
	return n, err
}

func types(t *openapi3.Types) (typeSet, error) {
	if t == nil {
		return tAll, nil
	}
	var ts typeSet
	for _, name := range *t {
		switch name {
		case openapi3.TypeBoolean:
			ts |= tBoolean
		case openapi3.TypeInteger:
			ts |= tInteger
		case openapi3.TypeNumber:
			ts |= tNumber
		case openapi3.TypeString:
			ts |= tString
		case openapi3.TypeArray:
			ts |= tArray
		case openapi3.TypeObject:
			ts |= tObject
		case openapi3.TypeNull: // nullable
		default:
			return 0, fmt.Errorf("unknown type %q", name)
		}
	}
	return ts, nil
}

// enum compiles scalar enum values; kin-openapi compares numbers as
// float64 and other values by deep equality.
func enum(values []any) (*enumSet, error) {
	if len(values) == 0 {
		return nil, nil
	}
	e := &enumSet{strs: map[string]struct{}{}}
	for _, v := range values {
		if f, ok, err := enumNumber(v); err != nil {
			return nil, err
		} else if ok {
			e.nums = append(e.nums, f)
			continue
		}
		switch x := v.(type) {
		case string:
			e.strs[x] = struct{}{}
		case bool:
			e.true, e.false = e.true || x, e.false || !x
		case nil:
			// A null only reaches the enum when the schema is not
			// nullable, and is then rejected whatever the enum says.
		default:
			return nil, fmt.Errorf("enum value of type %T", v)
		}
	}
	return e, nil
}

func enumNumber(v any) (float64, bool, error) {
	switch x := v.(type) {
	case float64:
		return x, true, nil
	case float32:
		return float64(x), true, nil
	case int:
		return float64(x), true, nil
	case int32:
		return float64(x), true, nil
	case int64:
		return float64(x), true, nil
	case uint64:
		return float64(x), true, nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return 0, false, fmt.Errorf("enum number %q", x)
		}
		return f, true, nil
	}
	return 0, false, nil
}

func numberChecks(s *openapi3.Schema, requireInteger bool) *numChecks {
	m := &numChecks{}
	if s.Min != nil {
		m.min, m.hasMin = *s.Min, true
	}
	if s.Max != nil {
		m.max, m.hasMax = *s.Max, true
	}
	if eb := s.ExclusiveMin; eb.Value != nil {
		m.exclMin, m.hasExMin = *eb.Value, true
	} else if eb.IsTrue() && s.Min != nil {
		m.exclMin, m.hasExMin = *s.Min, true
	}
	if eb := s.ExclusiveMax; eb.Value != nil {
		m.exclMax, m.hasExM = *eb.Value, true
	} else if eb.IsTrue() && s.Max != nil {
		m.exclMax, m.hasExM = *s.Max, true
	}
	if s.Format != "" {
		if requireInteger {
			if f, ok := openapi3.SchemaIntegerFormats[s.Format]; ok {
				m.format = integerFormat(f)
			}
		} else if f, ok := openapi3.SchemaNumberFormats[s.Format]; ok {
			m.format = func(x float64) bool { return f.Validate(x) == nil }
		}
	}
	if !m.hasMin && !m.hasMax && !m.hasExMin && !m.hasExM && m.format == nil {
		return nil
	}
	return m
}

// integerFormat applies an integer format as kin-openapi does: a float64
// outside int64's range fails, 2^63 is taken as MaxInt64.
func integerFormat(f openapi3.IntegerFormatValidator) func(float64) bool {
	return func(x float64) bool {
		switch {
		case x == float64(math.MaxInt64):
			return f.Validate(math.MaxInt64) == nil
		case x >= float64(math.MinInt64) && x < float64(math.MaxInt64):
			return f.Validate(int64(x)) == nil
		}
		return false
	}
}

// goRegexp rewrites \uXXXX escapes of a pattern as kin-openapi does.
var goRegexp = regexp.MustCompile(`(?P<replaced_with_slash_x>\\u)(?P<code>[0-9A-F]{4})`)

func (c *compiler) stringChecks(s *openapi3.Schema) (*strChecks, error) {
	sc := &strChecks{minLen: clamp(s.MinLength), maxLen: -1}
	sc.counts = s.MinLength != 0 || s.MaxLength != nil
	if s.MaxLength != nil {
		sc.maxLen = clamp(*s.MaxLength)
	}
	if s.Pattern != "" {
		re, ok := c.shared.patterns[s.Pattern]
		if !ok {
			var err error
			if re, err = regexp.Compile(goRegexp.ReplaceAllString(s.Pattern, `\x{${code}}`)); err != nil {
				return nil, fmt.Errorf("pattern: %w", err)
			}
			c.shared.patterns[s.Pattern] = re
		}
		sc.pattern = re
	}
	if s.Format != "" {
		sc.format = c.stringFormat(s.Format)
	}
	if !sc.counts && sc.pattern == nil && sc.format == nil {
		return nil, nil
	}
	return sc, nil
}

func clamp(n uint64) int {
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(n)
}

func (c *compiler) arrayChecks(s *openapi3.Schema, path string) (*arrChecks, error) {
	a := &arrChecks{minItems: clamp(s.MinItems), maxItems: -1, unique: s.UniqueItems}
	if s.MaxItems != nil {
		a.maxItems = clamp(*s.MaxItems)
	}
	if s.Items != nil {
		var err error
		if a.items, err = c.child(s, s.Items, path+"/items"); err != nil {
			return nil, err
		}
	}
	if a.items == nil && a.minItems == 0 && a.maxItems < 0 && !a.unique {
		return nil, nil
	}
	return a, nil
}

func (c *compiler) objectChecks(s *openapi3.Schema, chain []*openapi3.Schema, path string) (*objChecks, error) {
	o := &objChecks{minProps: clamp(s.MinProps), maxProps: -1}
	if s.MaxProps != nil {
		o.maxProps = clamp(*s.MaxProps)
	}
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := s.Properties[name]
		m, err := c.child(s, p, path+"/properties/"+name)
		if err != nil {
			return nil, err
		}
		o.names = append(o.names, name)
		o.slots = append(o.slots, slot{node: m, forbidden: c.excused(p.Value)})
	}
	for _, k := range s.Required {
		if c.notRequired(s, chain, k) {
			continue
		}
		i := slices.Index(o.names, k)
		if i < 0 {
			i = len(o.names)
			o.names = append(o.names, k)
			o.slots = append(o.slots, slot{})
		}
		if i < 64 {
			o.required |= 1 << i
		}
	}
	if len(o.names) > 64 {
		return nil, fmt.Errorf("%s: more than 64 properties and required names", path)
	}
	if err := c.additional(o, s, path); err != nil {
		return nil, err
	}
	o.buildTable()
	if len(o.names) == 0 && o.additional == addAny && o.minProps == 0 && o.maxProps < 0 {
		return nil, nil
	}
	return o, nil
}

func (c *compiler) additional(o *objChecks, s *openapi3.Schema, path string) error {
	ap := s.AdditionalProperties
	switch {
	case ap.Has != nil && !*ap.Has:
		o.additional = addNone
	case ap.Schema != nil:
		m, err := c.child(s, ap.Schema, path+"/additionalProperties")
		if err != nil {
			return err
		}
		o.additional, o.addNode = addSchema, m
	}
	return nil
}

// excused tells whether a property is readOnly in a request or writeOnly in
// a response.
func (c *compiler) excused(p *openapi3.Schema) bool {
	return p != nil && (c.dir == Request && p.ReadOnly || c.dir == Response && p.WriteOnly)
}

// notRequired tells whether kin-openapi lets a required name be absent: its
// property is readOnly (request) or writeOnly (response) in the schema, in
// one of its allOf schemas, or in a schema applied to the same value.
func (c *compiler) notRequired(s *openapi3.Schema, chain []*openapi3.Schema, k string) bool {
	if p := s.Properties[k]; p != nil && c.excused(p.Value) {
		return true
	}
	var seen []*openapi3.Schema
	if c.declares(s, k, &seen) {
		return true
	}
	for _, x := range chain {
		if c.declares(x, k, &seen) {
			return true
		}
	}
	return false
}

func (c *compiler) declares(s *openapi3.Schema, k string, seen *[]*openapi3.Schema) bool {
	if s == nil || slices.Contains(*seen, s) {
		return false
	}
	*seen = append(*seen, s)
	if p := s.Properties[k]; p != nil && c.excused(p.Value) {
		return true
	}
	for _, item := range s.AllOf {
		if c.declares(item.Value, k, seen) {
			return true
		}
	}
	return false
}
