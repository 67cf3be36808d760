package jsoncheck

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// stringFormat checks a decoded string against a format.
type stringFormat func([]byte) bool

// stringFormat returns the check of a string format as kin-openapi applies
// it: a format with no registered validator is not checked; date, date-time
// and byte, while registered with kin-openapi's default regular expressions,
// are checked by equivalent hand-written matchers; any other registered
// validator is called.
func (c *compiler) stringFormat(name string) stringFormat {
	if f, ok := c.shared.formats[name]; ok {
		return f
	}
	v, ok := openapi3.SchemaStringFormats[name]
	var f stringFormat
	switch {
	case !ok:
	case name == "date" && isDefaultRegexp(v, openapi3.FormatOfStringDate):
		f = isDate
	case name == "date-time" && isDefaultRegexp(v, openapi3.FormatOfStringDateTime):
		f = isDateTime
	case name == "byte" && isDefaultRegexp(v, openapi3.FormatOfStringByte):
		f = isByte
	default:
		f = func(b []byte) bool { return v.Validate(string(b)) == nil }
	}
	c.shared.formats[name] = f
	return f
}

// isDefaultRegexp tells whether v is kin-openapi's regular-expression
// validator for pattern: its type, and the pattern its error names.
func isDefaultRegexp(v openapi3.StringFormatValidator, pattern string) bool {
	if fmt.Sprintf("%T", v) != "openapi3.stringRegexpFormatValidator" {
		return false
	}
	err := v.Validate("\x00") // matches none of the default patterns
	return err != nil && err.Error() == `string doesn't match pattern "`+pattern+`"`
}

func digit(c byte) bool { return '0' <= c && c <= '9' }

// isDate matches openapi3.FormatOfStringDate:
// ^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])$
func isDate(b []byte) bool { return len(b) == 10 && datePart(b) }

func datePart(b []byte) bool {
	return digit(b[0]) && digit(b[1]) && digit(b[2]) && digit(b[3]) && b[4] == '-' &&
		(b[5] == '0' && '1' <= b[6] && b[6] <= '9' || b[5] == '1' && '0' <= b[6] && b[6] <= '2') &&
		b[7] == '-' &&
		(b[8] == '0' && '1' <= b[9] && b[9] <= '9' || (b[8] == '1' || b[8] == '2') && digit(b[9]) ||
			b[8] == '3' && (b[9] == '0' || b[9] == '1'))
}

// isDateTime matches openapi3.FormatOfStringDateTime: a date, then
// T([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)[0-9]{2}:[0-9]{2})$
func isDateTime(b []byte) bool {
	if len(b) < 20 || !datePart(b) || b[10] != 'T' ||
		!((b[11] == '0' || b[11] == '1') && digit(b[12]) || b[11] == '2' && '0' <= b[12] && b[12] <= '3') ||
		b[13] != ':' || !('0' <= b[14] && b[14] <= '5' && digit(b[15])) || b[16] != ':' ||
		!('0' <= b[17] && b[17] <= '5' && digit(b[18]) || b[17] == '6' && b[18] == '0') {
		return false
	}
	i := 19
	if b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	z := b[i:]
	return len(z) == 1 && z[0] == 'Z' ||
		len(z) == 6 && (z[0] == '+' || z[0] == '-') && digit(z[1]) && digit(z[2]) && z[3] == ':' && digit(z[4]) && digit(z[5])
}

// isByte matches openapi3.FormatOfStringByte: (^$|^[a-zA-Z0-9+/\-_]*=*$)
func isByte(b []byte) bool {
	i := 0
	for i < len(b) {
		c := b[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || digit(c) || c == '+' || c == '/' || c == '-' || c == '_') {
			break
		}
		i++
	}
	for i < len(b) && b[i] == '=' {
		i++
	}
	return i == len(b)
}
