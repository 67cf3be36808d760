package jsoncheck_test

import (
	"errors"
	"testing"

	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// TestTrailingData: data after a well-formed first value is reported at
// its offset whatever the schema says of the value (valid, invalid,
// undecided); whitespace around the value is not data; a malformed first
// value stays malformed JSON.
func TestTrailingData(t *testing.T) {
	schemas := unitSchemas(t)
	tests := []struct {
		name, schema, body string
		offset             int // of the reported data; 0: none
		want               string
	}{
		{"valid object, text after", "Obj", `{"a":"x","z":1}xyz`, 15, "trailing"},
		{"valid object, a second object", "Obj", `{"a":"x","z":1} {}`, 16, "trailing"},
		{"valid object, a stray brace", "Obj", `{"a":"x","z":1}}`, 15, "trailing"},
		{"invalid object, text after", "Obj", `{"a":1,"z":1}x`, 13, "trailing"},
		{"valid object, a value after", "ObjAdd", `{"k":1}{"k":2}`, 7, "trailing"},
		{"undecided object, text after", "Obj", `{"a":"x","a":"y","z":1} x`, 24, "trailing"},
		{"two numbers", "Int", `1 2`, 2, "trailing"},
		{"a number and a letter", "Int", `1x`, 1, "trailing"},
		{"a literal and a letter", "Nullable", `nullx`, 4, "trailing"},
		{"a string and a letter", "Str", `"ab"c`, 4, "trailing"},
		{"an array and a bracket", "Arr", `[1]]`, 3, "trailing"},
		{"whitespace around", "ObjAdd", " \t\r\n{\"k\":1}\n\n ", 0, "valid"},
		{"invalid, whitespace after", "Obj", `{"a":1,"z":1}  `, 0, "invalid"},
		{"malformed first value, text after", "Obj", `{"a":}x`, 0, "malformed"},
		{"unterminated", "Obj", `{"a":"x"`, 0, "malformed"},
		{"only whitespace", "Obj", `  `, 0, "malformed"},
		{"a byte order mark", "Obj", "\xef\xbb\xbf{}", 0, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := jsoncheck.Compile(schemas[tt.schema], jsoncheck.Request)
			if err != nil {
				t.Fatal(err)
			}
			err = v.Validate([]byte(tt.body))
			var td *jsoncheck.TrailingDataError
			var inv *jsoncheck.InvalidError
			got := "valid"
			switch {
			case errors.As(err, &td):
				got = "trailing"
				if td.Offset != tt.offset {
					t.Errorf("data reported at byte %d, want %d", td.Offset, tt.offset)
				}
			case errors.As(err, &inv) && inv.Reason == jsoncheck.ReasonMalformed:
				got = "malformed"
			case errors.As(err, &inv):
				got = "invalid"
			case err != nil:
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate(%q) = %v (%s), want %s", tt.body, err, got, tt.want)
			}
		})
	}
}
