package jsoncheck_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// unitDoc holds schemas for the constructs the two specs do not use, so
// that they are checked against kin-openapi too.
const unitDoc = `{
 "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
 "components": {"schemas": {
  "Empty": {},
  "Described": {"description": "only a description"},
  "Nullable": {"nullable": true},
  "Str": {"type": "string", "minLength": 2, "maxLength": 4},
  "Pattern": {"type": "string", "pattern": "^\\u0041[a-z]+$"},
  "Date": {"type": "string", "format": "date"},
  "DateTime": {"type": "string", "format": "date-time"},
  "Byte": {"type": "string", "format": "byte"},
  "Email": {"type": "string", "format": "email"},
  "Int": {"type": "integer"},
  "Int32": {"type": "integer", "format": "int32"},
  "Int64": {"type": "integer", "format": "int64"},
  "Num": {"type": "number", "minimum": 1, "maximum": 10, "exclusiveMinimum": true, "exclusiveMaximum": true},
  "NumFormat": {"type": "number", "format": "int32"},
  "Enum": {"enum": ["a", 1, true, null]},
  "NullableEnum": {"type": "string", "enum": ["a"], "nullable": true},
  "Bool": {"type": "boolean"},
  "Arr": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
  "Unique": {"uniqueItems": true},
  "UniqueStr": {"type": "array", "uniqueItems": true, "items": {"type": "string"}},
  "ItemsEmpty": {"type": "array", "items": {}},
  "Obj": {"type": "object", "required": ["a", "z"], "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
   "additionalProperties": false},
  "ObjAdd": {"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 1, "maxProperties": 2},
  "ObjEmptyProp": {"properties": {"a": {}}},
  "ObjTyped": {"type": "object", "properties": {"a": {}}},
  "RO": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string", "readOnly": true},
   "secret": {"type": "string", "writeOnly": true}, "name": {"type": "string"}}},
  "ROAllOf": {"allOf": [{"$ref": "#/components/schemas/ROBase"}], "required": ["id"], "type": "object"},
  "ROBase": {"type": "object", "properties": {"id": {"type": "string", "readOnly": true}}},
  "ROParent": {"type": "object", "properties": {"id": {"type": "string", "readOnly": true}},
   "anyOf": [{"required": ["id"]}, {"required": ["x"]}]},
  "Not": {"not": {"type": "string"}},
  "NotNull": {"not": {"type": "string"}, "nullable": false},
  "OneOf": {"oneOf": [{"type": "integer"}, {"type": "number", "maximum": 5}]},
  "AnyOf": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["k"]}]},
  "AllOfNull": {"allOf": [{"$ref": "#/components/schemas/NullableStr"}]},
  "NullableStr": {"type": "string", "nullable": true},
  "Wrapper": {"allOf": [{"$ref": "#/components/schemas/Obj"}], "nullable": true},
  "WrapperTyped": {"allOf": [{"$ref": "#/components/schemas/Str"}], "type": "string", "maxLength": 3},
  "Cycle": {"allOf": [{"$ref": "#/components/schemas/Cycle2"}], "type": "object"},
  "Cycle2": {"allOf": [{"$ref": "#/components/schemas/Cycle"}], "required": ["c"]},
  "Many": {"type": "object", "properties": {
   "p01": {}, "p02": {}, "p03": {}, "p04": {}, "p05": {}, "p06": {}, "p07": {}, "p08": {}, "p09": {}, "p10": {}},
   "required": ["p10"], "additionalProperties": false},
  "Deep": {"type": "array", "items": {"type": "array", "items": {}}}
 }}}`

// unitInputs are tried against every schema of unitDoc.
var unitInputs = []string{
	`null`, `true`, `false`, `0`, `-0`, `1`, `1.0`, `1.5`, `5`, `10`, `1e1`, `1E+1`, `9.999`, `2147483647`, `2147483648`,
	`-2147483648`, `-2147483649`, `9223372036854775807`, `9223372036854775808`, `9223372036854777856`, `1e19`, `1e400`,
	`-1e400`, `1e-400`, `01`, `-`, `1.`, `.5`, `1e`, `1e+`, `+1`, `NaN`, `Infinity`,
	`""`, `"a"`, `"ab"`, `"abcd"`, `"abcde"`, `"عع"`, `"😀😀😀😀"`, `"😀😀😀😀😀"`, `"\ud83d\ude00\ud83d\ude00"`, `"\ud83d"`,
	`"\ud83d\u0041"`, `"a\u0000"`, "\"\xff\xfe\"", "\"\xed\xa0\x80\"", `"Abc"`, `"\u0041bc"`, `"abc"`, `"A"`,
	`"2025-05-11"`, `"2025-13-01"`, `"2025-02-30"`, `"2025-05-11T09:00:00Z"`, `"2025-05-11T09:00:00.5+05:30"`,
	`"2025-05-11T24:00:00Z"`, `"2025-05-11T09:00:60Z"`, `"2025-05-11T09:00:00"`, `"U3dhZ2dlciByb2Nrcw=="`, `"a=b"`,
	`"x@y"`, `"@"`, `"\u0061"`, `"a\/b"`, `"\t"`, "\"\t\"", `"\x"`, `"abc`,
	`[]`, `[1]`, `[1,2,3]`, `[1,2,3,4]`, `[1,"a"]`, `[1,1]`, `[1,1.0]`, `["a","\u0061"]`, `["a","b"]`, `[null]`, `[{}, {}]`,
	`[[],[]]`, `[1,]`, `[,1]`, `[1 2]`, `[`, `[1`, `[[[]]]`, `[[1],[2,[3]]]`,
	`{}`, `{"a":"x","z":1}`, `{"a":"x"}`, `{"a":1,"z":1}`, `{"a":"x","z":1,"b":2}`, `{"a":"x","z":1,"b":2.5}`,
	`{"a":"x","z":1,"c":1}`, `{"a":"x","a":1,"z":1}`, `{"a":1,"a":"x","z":1}`, `{"\u0061":"x","z":1}`,
	`{"a":"x","z":1,"\u0063":1}`, `{"k":1}`, `{"k":1,"k":2}`, `{"q":1,"\u0071":"s"}`, `{"x":1,"y":"s"}`, `{"x":1,"y":2,"z":3}`,
	`{"id":"1","name":"n"}`, `{"name":"n"}`, `{"id":null,"name":"n"}`, `{"id":"1"}`, `{"secret":"s","name":"n","id":"1"}`,
	`{"secret":null,"name":"n","id":"1"}`, `{"x":1}`, `{"c":1}`, `{"a":null}`, `{"a":1}`, `{"p10":1}`,
	`{"p01":1,"p10":null}`, `{"p01":1,"p01":2,"p10":3}`, `{"p11":1,"p10":1}`,
	`{"a":1,}`, `{,}`, `{"a"}`, `{"a":}`, `{a:1}`, `{"a":1 "b":2}`, `{"a":1`, `{`,
	` {"a":"x","z":1} `, `{"a":"x","z":1}xyz`, `{"a":"x","z":1}}`, `[1]]`, `1 2`, `1x`, `truex`, `nullx`, `"a"b`,
	``, ` `, `tru`, `nul`, `fals`, "\xef\xbb\xbf{}", `{"a":"x","z":[1,{"k":1,"k":2}]}`,
}

func unitSchemas(t testing.TB) map[string]*openapi3.Schema {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(unitDoc))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := map[string]*openapi3.Schema{}
	for name, ref := range doc.Components.Schemas {
		out[name] = ref.Value
	}
	return out
}

// TestAgreesWithKinOnUnitSchemas checks every unit input against every unit
// schema in both directions.
func TestAgreesWithKinOnUnitSchemas(t *testing.T) {
	// encoding/json's nesting limit is 10000; kin-openapi is slow on such
	// values with combinators, so they go to a few schemas only.
	deep := []string{strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000),
		strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001)}
	deepSchemas := map[string]bool{"Empty": true, "Deep": true, "Unique": true, "ObjEmptyProp": true, "Arr": true}
	var n tally
	for name, s := range unitSchemas(t) {
		inputs := unitInputs
		if deepSchemas[name] {
			inputs = append(append([]string{}, unitInputs...), deep...)
		}
		for _, dir := range []jsoncheck.Direction{jsoncheck.Request, jsoncheck.Response} {
			v, err := jsoncheck.Compile(s, dir)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, in := range inputs {
				agree(t, name, s, dir, v, []byte(in), &n)
			}
		}
	}
	t.Logf("unit schemas: %v", n)
}

// TestUndecided: duplicate names, and composite uniqueItems, are left to
// kin-openapi.
func TestUndecided(t *testing.T) {
	schemas := unitSchemas(t)
	tests := []struct{ schema, body string }{
		{"Obj", `{"a":"x","a":"y","z":1}`},
		{"Obj", `{"a":1,"a":"x","z":1}`}, // first value bad, last good: kin keeps the last
		{"ObjAdd", `{"k":1,"\u006b":2}`},
		{"Empty", `{"k":1,"k":2}`},
		{"Unique", `[{}, {}]`},
	}
	for _, tt := range tests {
		v, err := jsoncheck.Compile(schemas[tt.schema], jsoncheck.Response)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Validate([]byte(tt.body)); !errors.Is(err, jsoncheck.ErrUndecided) {
			t.Errorf("%s %s: got %v, want ErrUndecided", tt.schema, tt.body, err)
		}
	}
}

// TestRefusedConstructs: what jsoncheck cannot judge like kin-openapi does
// not compile.
func TestRefusedConstructs(t *testing.T) {
	f := 2.0
	yes := true
	tests := map[string]*openapi3.Schema{
		"multipleOf":    {MultipleOf: &f},
		"discriminator": {OneOf: openapi3.SchemaRefs{{Value: &openapi3.Schema{}}}, Discriminator: &openapi3.Discriminator{PropertyName: "k"}},
		"boolean":       {Always: &yes},
		"const":         {Const: "x"},
		"unresolved":    {Items: &openapi3.SchemaRef{Ref: "#/x"}, Type: &openapi3.Types{"array"}},
		"binary body":   {Type: &openapi3.Types{"string"}, Format: "binary"},
		"object enum":   {Enum: []any{map[string]any{}}},
		"bad pattern":   {Type: &openapi3.Types{"string"}, Pattern: "("},
	}
	rec := &openapi3.Schema{Type: &openapi3.Types{"object"}}
	rec.Properties = openapi3.Schemas{"self": {Value: rec}}
	tests["recursive"] = rec
	for name, s := range tests {
		if _, err := jsoncheck.Compile(s, jsoncheck.Request); err == nil {
			t.Errorf("%s: compiled", name)
		}
	}
}

// TestValidateAllocates nothing for a valid body once warm.
func TestValidateAllocates(t *testing.T) {
	v, err := jsoncheck.Compile(unitSchemas(t)["RO"], jsoncheck.Response)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"id":"x\u00e9","name":"n","extra":[1,2.5,{"k":null}]}`)
	allocs := testing.AllocsPerRun(100, func() {
		if err := v.Validate(body); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0 {
		t.Errorf("%v allocations per Validate", allocs)
	}
}
