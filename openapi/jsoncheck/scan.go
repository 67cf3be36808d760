package jsoncheck

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// res is the outcome of reading one value.
type res uint8

const (
	resOK        res = iota // valid
	resBad                  // breaks the schema
	resUndecided            // only kin-openapi can tell
	resMalformed            // not JSON: kin-openapi's decoder fails as well
)

// maxDepth is encoding/json's nesting limit: a deeper body is an error.
const maxDepth = 10000

// maxNames caps how many names of a free-form object are compared pairwise
// for duplicates; a bigger object is left to kin-openapi.
const maxNames = 256

// span is a byte range of the body, or of the arena when decoded.
type span struct {
	start, end int
	decoded    bool
}

// state is one pass over a body.
type state struct {
	buf     []byte
	pos     int
	depth   int
	names   []span // names of the free-form members of the open objects, a stack
	elems   []span // items of the open uniqueItems arrays, a stack
	scratch []byte // the decoded string
	arena   []byte // decoded names and items that spans point into (span.decoded)
	at      int    // where the last resBad was found
	why     string // and why
	// syntaxOnly makes skip check the syntax alone, not repeated names.
	syntaxOnly bool
}

func (st *state) reset(body []byte) {
	st.buf, st.pos, st.depth = body, 0, 0
	st.names, st.elems, st.arena = st.names[:0], st.elems[:0], st.arena[:0]
	st.at, st.why = 0, ""
	st.ws()
}

// bad records why the value at offset at breaks the schema.
func (st *state) bad(at int, why string) res {
	st.at, st.why = at, why
	return resBad
}

// ws skips JSON whitespace.
func (st *state) ws() {
	if st.pos < len(st.buf) && st.buf[st.pos] > ' ' {
		return
	}
	for st.pos < len(st.buf) {
		switch st.buf[st.pos] {
		case ' ', '\t', '\n', '\r':
			st.pos++
		default:
			return
		}
	}
}

// peek returns the byte at the read position, or 0 at the end.
func (st *state) peek() byte {
	if st.pos < len(st.buf) {
		return st.buf[st.pos]
	}
	return 0
}

// open enters an object or array.
func (st *state) open() res {
	st.pos++
	st.depth++
	if st.depth > maxDepth {
		return resMalformed
	}
	st.ws()
	return resOK
}

// next reads the separator after a member or item: it reports whether
// another one follows (","), or the container ends (close).
func (st *state) next(close byte) (more bool, r res) {
	st.ws()
	switch st.peek() {
	case ',':
		st.pos++
		st.ws()
		return true, resOK
	case close:
		st.pos++
		st.depth--
		return false, resOK
	}
	return false, resMalformed
}

// colon reads the ":" between a name and its value.
func (st *state) colon() res {
	st.ws()
	if st.peek() != ':' {
		return resMalformed
	}
	st.pos++
	st.ws()
	return resOK
}

// literal reads true, false or null.
func (st *state) literal(word string) res {
	end := st.pos + len(word)
	if end > len(st.buf) || string(st.buf[st.pos:end]) != word {
		return resMalformed
	}
	st.pos = end
	return resOK
}

// str reads a string at the read position (a '"'). It returns its raw
// content and whether that is already the decoded value (no escapes, valid
// UTF-8).
func (st *state) str() (raw []byte, plain bool, r res) {
	raw, plain, _, r = st.strASCII()
	return raw, plain, r
}

// Masks for testing the 8 bytes of a word at once; each test is exact as
// a whole (whether any byte matches), which is all the scan needs.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// strASCII is str that also tells whether the content is all ASCII.
func (st *state) strASCII() (raw []byte, plain, ascii bool, r res) {
	b := st.buf
	start := st.pos + 1
	plain = true
	var high uint64
	i := start
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		q, bs := x^(ones*'"'), x^(ones*'\\')
		// a byte < 0x20, a '"' or a '\\' (bytes >= 0x80 never match)
		if ((x-ones*0x20)&^x|(q-ones)&^q|(bs-ones)&^bs)&highs != 0 {
			break
		}
		high |= x
		i += 8
	}
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			raw = b[start:i]
			st.pos = i + 1
			ascii = high&highs == 0
			if !ascii && plain && !utf8.Valid(raw) {
				plain = false
			}
			return raw, plain, ascii, resOK
		case c == '\\':
			plain = false
			n := escapeLen(b[i:])
			if n == 0 {
				return nil, false, false, resMalformed
			}
			i += n - 1
		case c < 0x20:
			return nil, false, false, resMalformed
		case c >= utf8.RuneSelf:
			high |= highs
		}
	}
	return nil, false, false, resMalformed
}

// escapeLen is the length of the escape sequence at the start of b, or 0
// when it is not a valid JSON escape.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if len(b) < 6 {
			return 0
		}
		for _, c := range b[2:6] {
			if hexVal(c) < 0 {
				return 0
			}
		}
		return 6
	}
	return 0
}

func hexVal(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// u4 decodes `\uXXXX` at the start of b, or returns -1.
func u4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		v := hexVal(c)
		if v < 0 {
			return -1
		}
		r = r<<4 | v
	}
	return r
}

// decode turns the raw content of a well-formed string into its value
// exactly as encoding/json does (invalid UTF-8 and unpaired surrogates
// become U+FFFD), in the scratch buffer.
func (st *state) decode(raw []byte) []byte {
	out := st.scratch[:0]
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			switch raw[i+1] {
			case 'u':
				rr := u4(raw[i:])
				i += 6
				if utf16.IsSurrogate(rr) {
					if dec := utf16.DecodeRune(rr, u4(raw[i:])); dec != unicode.ReplacementChar {
						i += 6
						out = utf8.AppendRune(out, dec)
						continue
					}
					rr = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, rr)
				continue
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default: // '"', '\\', '/'
				c = raw[i+1]
			}
			out = append(out, c)
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			out = utf8.AppendRune(out, r)
			i += size
		}
	}
	st.scratch = out
	return out
}

// num reads a number literal, the longest prefix that the JSON grammar
// allows (as encoding/json's scanner does).
func (st *state) num() ([]byte, res) {
	b, i := st.buf, st.pos
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i+1)
	default:
		return nil, resMalformed
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return nil, resMalformed
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return nil, resMalformed
		}
		i = j
	}
	lit := b[st.pos:i]
	st.pos = i
	return lit, resOK
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// toFloat converts a number literal as json.Number.Float64 does
// (strconv.ParseFloat); ok is false when that fails (out of range).
func toFloat(lit []byte) (float64, bool) {
	neg := lit[0] == '-'
	d := lit
	if neg {
		d = d[1:]
	}
	if len(d) <= 15 {
		var n int64
		for _, c := range d {
			if c < '0' || c > '9' {
				goto slow
			}
			n = n*10 + int64(c-'0')
		}
		f := float64(n) // exact: fewer than 2^53
		if neg {
			f = -f
		}
		return f, true
	}
slow:
	f, err := strconv.ParseFloat(string(lit), 64)
	return f, err == nil
}

// skip reads any value, checking its syntax and that no object in it has a
// name twice.
func (st *state) skip() res {
	switch c := st.peek(); {
	case c == '{':
		return st.skipObject()
	case c == '[':
		if r := st.open(); r != resOK {
			return r
		}
		if st.peek() == ']' {
			st.pos++
			st.depth--
			return resOK
		}
		for {
			if r := st.skip(); r != resOK {
				return r
			}
			more, r := st.next(']')
			if r != resOK || !more {
				return r
			}
		}
	case c == '"':
		_, _, r := st.str()
		return r
	case c == 't':
		return st.literal("true")
	case c == 'f':
		return st.literal("false")
	case c == 'n':
		return st.literal("null")
	case c == '-' || ('0' <= c && c <= '9'):
		_, r := st.num()
		return r
	}
	return resMalformed
}

func (st *state) skipObject() res {
	if r := st.open(); r != resOK {
		return r
	}
	base := len(st.names)
	if st.peek() == '}' {
		st.pos++
		st.depth--
		return resOK
	}
	for {
		if st.peek() != '"' {
			return resMalformed
		}
		raw, plain, r := st.str()
		if r != resOK {
			return r
		}
		if r := st.freeName(base, raw, plain); r != resOK {
			return r
		}
		if r := st.colon(); r != resOK {
			return r
		}
		if r := st.skip(); r != resOK {
			return r
		}
		more, r := st.next('}')
		if r != resOK || !more {
			st.names = st.names[:base]
			return r
		}
	}
}

// freeName records a name of an object whose names are not known in
// advance (names[base:] are the object's earlier ones): a repeated name is
// undecided, since kin-openapi's decoder keeps the last value.
func (st *state) freeName(base int, raw []byte, plain bool) res {
	if st.syntaxOnly {
		return resOK
	}
	if len(st.names)-base >= maxNames {
		return resUndecided
	}
	name := raw
	if !plain {
		name = st.decode(raw)
	}
	for _, n := range st.names[base:] {
		if bytes.Equal(st.bytes(n), name) {
			return resUndecided
		}
	}
	if plain {
		start := st.pos - 1 - len(raw) // str just read raw and its closing quote
		st.names = append(st.names, span{start: start, end: start + len(raw)})
		return resOK
	}
	st.names = append(st.names, st.keep(name))
	return resOK
}

// keep copies decoded bytes to the arena.
func (st *state) keep(b []byte) span {
	start := len(st.arena)
	st.arena = append(st.arena, b...)
	return span{start: start, end: len(st.arena), decoded: true}
}

// bytes returns what a span holds.
func (st *state) bytes(s span) []byte {
	if s.decoded {
		return st.arena[s.start:s.end]
	}
	return st.buf[s.start:s.end]
}
