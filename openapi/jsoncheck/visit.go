package jsoncheck

import (
	"bytes"
	"math/bits"
	"unicode/utf8"
)

// visit reads the value at the read position and checks it against n, in
// kin-openapi's order: a nullable null passes, a cycle passes, the empty
// schema passes anything but null, then not, oneOf, anyOf, allOf (a null
// that passes them is valid), then the schema's own keywords. On resOK the
// read position is just after the value.
//
// An early resBad may leave the rest of the value unread: whoever goes on
// after it (sub, Validate) checks that the value is well-formed and has no
// repeated name, which could replace the offending part in kin-openapi's
// decoded value.
func (st *state) visit(n *node) res {
	if n.anyValue {
		return st.skip()
	}
	start := st.pos
	if st.peek() == 'n' {
		if r := st.literal("null"); r != resOK {
			return r
		}
		switch {
		case n.nullable:
			return resOK
		case !n.xOf:
			// the empty schema, or not alone, or the type: null is not
			// nullable (a null passing `not` goes on to the type check).
			return st.bad(start, "not nullable")
		}
		r, _ := st.combine(n, start, st.pos)
		st.pos = start + len("null")
		return r
	}
	if n.empty {
		return st.skip()
	}
	if !n.combined {
		return st.own(n)
	}
	r, end := st.combine(n, start, -1)
	if r != resOK {
		return r
	}
	if c := st.buf[start]; n.trivial && c != '-' && (c < '0' || c > '9') {
		// (kin-openapi converts a number to float64 whatever the type:
		// one out of range fails even then.)
		st.pos = end
		return resOK
	}
	st.pos = start
	return st.own(n)
}

// combine checks the value at start against n's not, oneOf, anyOf and
// allOf. end is where the value ends, or -1 when that is not known yet;
// combine returns it as soon as it is known.
func (st *state) combine(n *node, start, end int) (res, int) {
	if n.not != nil {
		r, e := st.sub(n.not, start, end)
		switch r {
		case resOK:
			return st.bad(start, "not"), e
		case resBad:
			end = e
		default:
			return r, end
		}
	}
	if len(n.oneOf) > 0 {
		matches := 0
		for _, alt := range n.oneOf {
			r, e := st.sub(alt, start, end)
			switch r {
			case resOK:
				matches++
			case resBad:
			default:
				return r, end
			}
			end = e
		}
		if matches != 1 {
			return st.bad(start, "oneOf"), end
		}
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, alt := range n.anyOf {
			r, e := st.sub(alt, start, end)
			if r != resOK && r != resBad {
				return r, end
			}
			end = e
			if r == resOK {
				matched = true
				break
			}
		}
		if !matched {
			return st.bad(start, "anyOf"), end
		}
	}
	for _, m := range n.allOf {
		r, e := st.sub(m, start, end)
		if r != resOK {
			return r, end
		}
		end = e
	}
	return resOK, end
}

// sub checks the value at start against n and returns where it ends. A
// resBad is only returned once the value is known to be well-formed and
// free of repeated names, so that the verdict is exact.
func (st *state) sub(n *node, start, end int) (res, int) {
	depth, names, elems := st.depth, len(st.names), len(st.elems)
	st.pos = start
	r := st.visit(n)
	if r == resOK {
		return resOK, st.pos
	}
	st.depth, st.names, st.elems = depth, st.names[:names], st.elems[:elems]
	if r != resBad {
		return r, end
	}
	if end >= 0 {
		return resBad, end
	}
	at, why := st.at, st.why
	st.pos = start
	if r := st.skip(); r != resOK {
		st.depth, st.names, st.elems = depth, st.names[:names], st.elems[:elems]
		return r, end
	}
	st.at, st.why = at, why
	return resBad, st.pos
}

// own checks a non-null value against n's own keywords.
func (st *state) own(n *node) res {
	switch c := st.peek(); {
	case c == '{':
		if n.enum != nil || n.types&tObject == 0 {
			return st.bad(st.pos, "type or enum")
		}
		if n.obj == nil {
			return st.skipObject()
		}
		return st.object(n.obj)
	case c == '[':
		if n.enum != nil || n.types&tArray == 0 {
			return st.bad(st.pos, "type or enum")
		}
		if n.arr == nil {
			return st.skip()
		}
		return st.array(n.arr)
	case c == '"':
		return st.stringValue(n)
	case c == 't' || c == 'f':
		return st.boolean(n)
	case c == '-' || ('0' <= c && c <= '9'):
		return st.number(n)
	}
	return resMalformed
}

// object reads an object and checks its members.
func (st *state) object(o *objChecks) res {
	start := st.pos
	if r := st.open(); r != resOK {
		return r
	}
	base := len(st.names)
	var seen uint64
	free := 0
	if st.peek() == '}' {
		st.pos++
		st.depth--
	} else {
		for {
			if r := st.member(o, base, &seen, &free); r != resOK {
				return r
			}
			more, r := st.next('}')
			if r != resOK {
				return r
			}
			if !more {
				break
			}
		}
	}
	st.names = st.names[:base]
	count := bits.OnesCount64(seen) + free
	switch {
	case count < o.minProps || (o.maxProps >= 0 && count > o.maxProps):
		return st.bad(start, "number of properties")
	case seen&o.required != o.required:
		return st.bad(start, "required")
	}
	return resOK
}

// member reads one name and value of an object.
func (st *state) member(o *objChecks, base int, seen *uint64, free *int) res {
	if st.peek() != '"' {
		return resMalformed
	}
	raw, plain, r := st.str()
	if r != resOK {
		return r
	}
	name := raw
	if !plain {
		name = st.decode(raw)
	}
	i, known := o.lookup(name)
	if !known {
		if o.additional == addNone {
			return st.bad(st.pos, "additional property "+string(name))
		}
		if r := st.freeName(base, raw, plain); r != resOK {
			return r
		}
		*free++
	} else {
		bit := uint64(1) << i
		if *seen&bit != 0 {
			return resUndecided // kin-openapi's decoder keeps the last value
		}
		*seen |= bit
	}
	if r := st.colon(); r != resOK {
		return r
	}
	if known && o.slots[i].node != nil {
		sl := &o.slots[i]
		if sl.forbidden && st.peek() != 'n' {
			return st.bad(st.pos, "readOnly/writeOnly property "+o.names[i])
		}
		return st.visit(sl.node)
	}
	switch o.additional {
	case addSchema:
		return st.visit(o.addNode)
	case addNone:
		return st.bad(st.pos, "additional property "+o.names[i])
	}
	return st.skip()
}

// array reads an array and checks its items.
func (st *state) array(a *arrChecks) res {
	start := st.pos
	if r := st.open(); r != resOK {
		return r
	}
	base := len(st.elems)
	count := 0
	if st.peek() == ']' {
		st.pos++
		st.depth--
	} else {
		for {
			from := st.pos
			var r res
			if a.items != nil {
				r = st.visit(a.items)
			} else {
				r = st.skip()
			}
			if r != resOK {
				return r
			}
			if a.unique {
				st.elems = append(st.elems, span{start: from, end: st.pos})
			}
			count++
			if a.maxItems >= 0 && count > a.maxItems {
				return st.bad(start, "maxItems")
			}
			more, r := st.next(']')
			if r != resOK {
				return r
			}
			if !more {
				break
			}
		}
	}
	if count < a.minItems {
		return st.bad(start, "minItems")
	}
	if a.unique {
		r := st.uniqueItems(st.elems[base:])
		st.elems = st.elems[:base]
		if r == resBad {
			return st.bad(start, "uniqueItems")
		}
		return r
	}
	return resOK
}

// uniqueItems tells whether the items differ the way kin-openapi compares
// them (json.Marshal of the decoded values: numbers by their literal,
// strings by their value). Objects and arrays are undecided.
func (st *state) uniqueItems(items []span) res {
	for i, it := range items {
		switch st.buf[it.start] {
		case '{', '[':
			return resUndecided
		case '"':
			content := st.buf[it.start+1 : it.end-1]
			if bytes.IndexByte(content, '\\') >= 0 || !utf8.Valid(content) {
				// compare the decoded value, quoted like the plain ones
				dec := st.decode(content)
				start := len(st.arena)
				st.arena = append(append(append(st.arena, '"'), dec...), '"')
				items[i] = span{start: start, end: len(st.arena), decoded: true}
			}
		}
	}
	if len(items) > 32 {
		seen := make(map[string]struct{}, len(items))
		for _, it := range items {
			k := st.bytes(it)
			if _, dup := seen[string(k)]; dup {
				return resBad
			}
			seen[string(k)] = struct{}{}
		}
		return resOK
	}
	for i, a := range items {
		for _, b := range items[:i] {
			if bytes.Equal(st.bytes(a), st.bytes(b)) {
				return resBad
			}
		}
	}
	return resOK
}
