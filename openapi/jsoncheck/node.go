package jsoncheck

import (
	"math"
	"regexp"
	"unicode/utf8"
)

// typeSet is the set of JSON types a schema's `type` permits.
type typeSet uint8

const (
	tBoolean typeSet = 1 << iota
	tInteger
	tNumber
	tString
	tArray
	tObject
	tAll = tBoolean | tInteger | tNumber | tString | tArray | tObject
)

// node is one compiled schema, for values reached in one way (the same
// schema compiles to different nodes where readOnly/writeOnly context or a
// cycle makes kin-openapi treat it differently).
type node struct {
	anyValue bool // a schema already applied to this value: kin-openapi accepts
	empty    bool // the empty schema: any value but null
	nullable bool
	combined bool // has not, allOf, anyOf or oneOf
	xOf      bool // has allOf, anyOf or oneOf (a null passing them is valid)
	trivial  bool // its own keywords accept any non-null value (a number, if float64 can hold it)

	not                 *node
	allOf, anyOf, oneOf []*node

	types          typeSet
	requireInteger bool // integer permitted, number not
	enum           *enumSet
	num            *numChecks
	str            *strChecks
	arr            *arrChecks
	obj            *objChecks
}

// enumSet holds the scalar values of an enum.
type enumSet struct {
	strs        map[string]struct{}
	nums        []float64
	true, false bool
}

func (e *enumSet) hasNum(f float64) bool {
	for _, x := range e.nums {
		if x == f {
			return true
		}
	}
	return false
}

// numChecks are the keywords of a number or integer.
type numChecks struct {
	min, max         float64
	hasMin, hasMax   bool
	exclMin, exclMax float64 // strict bounds
	hasExMin, hasExM bool
	format           func(float64) bool // nil: none
}

// strChecks are the keywords of a string.
type strChecks struct {
	minLen, maxLen int // maxLen < 0: none
	counts         bool
	pattern        *regexp.Regexp
	format         stringFormat // nil: none
}

// arrChecks are the keywords of an array.
type arrChecks struct {
	items              *node // nil: any items
	minItems, maxItems int   // maxItems < 0: none
	unique             bool
}

// objChecks are the keywords of an object.
type objChecks struct {
	names      []string // property names, then required names that are not properties
	slots      []slot   // by index into names
	table      []uint8  // open addressing by nameHash: index into names + 1, 0 when free
	required   uint64   // slots that must be present
	additional int      // addAny, addNone or addSchema
	addNode    *node
	minProps   int
	maxProps   int // < 0: none
}

// slot is a known name of an object.
type slot struct {
	node      *node // nil: not a property (a required name the additional rules judge)
	forbidden bool  // readOnly in a request, writeOnly in a response: must be absent or null
}

const (
	addAny = iota
	addNone
	addSchema
)

// lookup finds the slot of a (decoded) name.
func (o *objChecks) lookup(name []byte) (int, bool) {
	if o.table == nil {
		for i, n := range o.names {
			if n == string(name) {
				return i, true
			}
		}
		return 0, false
	}
	mask := uint32(len(o.table) - 1)
	for h := nameHash(name) & mask; ; h = (h + 1) & mask {
		e := o.table[h]
		if e == 0 {
			return 0, false
		}
		if o.names[e-1] == string(name) {
			return int(e - 1), true
		}
	}
}

// nameHash is FNV-1a.
func nameHash[T []byte | string](b T) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(b); i++ {
		h = (h ^ uint32(b[i])) * 16777619
	}
	return h
}

// buildTable fills the lookup table of more than a few names.
func (o *objChecks) buildTable() {
	if len(o.names) <= 6 {
		return
	}
	size := 16
	for size < 2*len(o.names) {
		size *= 2
	}
	o.table = make([]uint8, size)
	mask := uint32(size - 1)
	for i, n := range o.names {
		h := nameHash(n) & mask
		for o.table[h] != 0 {
			h = (h + 1) & mask
		}
		o.table[h] = uint8(i + 1)
	}
}

// number reads a number and checks it.
func (st *state) number(n *node) res {
	start := st.pos
	lit, r := st.num()
	if r != resOK {
		return r
	}
	f, parsed := toFloat(lit)
	switch {
	case n.enum != nil && !(parsed && n.enum.hasNum(f)):
		return st.bad(start, "enum")
	case n.types&(tInteger|tNumber) == 0:
		return st.bad(start, "type")
	case !parsed:
		return st.bad(start, "number out of range")
	case n.requireInteger && f != math.Trunc(f):
		return st.bad(start, "type: not an integer")
	}
	m := n.num
	if m == nil {
		return resOK
	}
	switch {
	case m.format != nil && !m.format(f):
		return st.bad(start, "format")
	case m.hasExMin && !(f > m.exclMin):
		return st.bad(start, "exclusiveMinimum")
	case m.hasExM && !(f < m.exclMax):
		return st.bad(start, "exclusiveMaximum")
	case m.hasMin && !(m.min <= f):
		return st.bad(start, "minimum")
	case m.hasMax && !(m.max >= f):
		return st.bad(start, "maximum")
	}
	return resOK
}

// stringValue reads a string and checks it.
func (st *state) stringValue(n *node) res {
	start := st.pos
	if n.types&tString == 0 {
		return st.bad(start, "type")
	}
	raw, plain, ascii, r := st.strASCII()
	if r != resOK {
		return r
	}
	s := n.str
	if n.enum == nil && s == nil {
		return resOK
	}
	v := raw
	if !plain {
		v = st.decode(raw)
	}
	if n.enum != nil {
		if _, ok := n.enum.strs[string(v)]; !ok {
			return st.bad(start, "enum")
		}
	}
	if s == nil {
		return resOK
	}
	if s.counts {
		// kin-openapi counts runes (its UTF-16 adjustment never fires on
		// a decoded Go string).
		l := len(v)
		if !ascii || !plain { // escapes may decode to any rune
			l = utf8.RuneCount(v)
		}
		if l < s.minLen || (s.maxLen >= 0 && l > s.maxLen) {
			return st.bad(start, "length")
		}
	}
	if s.pattern != nil && !s.pattern.Match(v) {
		return st.bad(start, "pattern")
	}
	if s.format != nil && !s.format(v) {
		return st.bad(start, "format")
	}
	return resOK
}

// boolean reads true or false and checks it.
func (st *state) boolean(n *node) res {
	start := st.pos
	v := st.peek() == 't'
	word := "false"
	if v {
		word = "true"
	}
	if r := st.literal(word); r != resOK {
		return r
	}
	if n.enum != nil && !(v && n.enum.true || !v && n.enum.false) {
		return st.bad(start, "enum")
	}
	if n.types&tBoolean == 0 {
		return st.bad(start, "type")
	}
	return resOK
}
