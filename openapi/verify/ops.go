package verify

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Operation is one operation of a spec, with where it lives.
type Operation struct {
	// ID is the operationId.
	ID string
	// Method is the upper-case HTTP method.
	Method string
	// Path is the path template relative to the base path, e.g.
	// "/linkedin/outreach/campaigns/{id}".
	Path string
	// Op is the operation in the loaded spec.
	Op *openapi3.Operation
	// Item is the path item that holds it.
	Item *openapi3.PathItem
}

// Operations lists every operation of a loaded spec, sorted by path then
// method, so reports and test names are stable.
func Operations(doc *openapi3.T) []Operation {
	var out []Operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out = append(out, Operation{ID: op.OperationID, Method: strings.ToUpper(method), Path: path, Op: op, Item: item})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// Parameters returns the operation's parameters: the path item's, overridden
// by the operation's own of the same name and location.
func (o Operation) Parameters() []*openapi3.ParameterRef {
	var out []*openapi3.ParameterRef
	own := map[string]bool{}
	for _, p := range o.Op.Parameters {
		if p.Value != nil {
			own[p.Value.In+":"+p.Value.Name] = true
			out = append(out, p)
		}
	}
	for _, p := range o.Item.Parameters {
		if p.Value != nil && !own[p.Value.In+":"+p.Value.Name] {
			out = append(out, p)
		}
	}
	return out
}

// ParamKind names what a parameter identifies: the name of the
// components/parameters entry it references ("CampaignId"), or "" for an
// inline parameter.
func ParamKind(p *openapi3.ParameterRef) string {
	const prefix = "#/components/parameters/"
	if i := strings.LastIndex(p.Ref, prefix); i >= 0 {
		return p.Ref[i+len(prefix):]
	}
	return ""
}

// ParamExample returns a parameter's documented example: its own, its first
// named example, or its schema's.
func ParamExample(p *openapi3.Parameter) (any, bool) {
	if p.Example != nil {
		return p.Example, true
	}
	names := make([]string, 0, len(p.Examples))
	for n := range p.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ex := p.Examples[n]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value, true
		}
	}
	if p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Example != nil {
		return p.Schema.Value.Example, true
	}
	return nil, false
}

// BodyMedia returns the operation's application/json request body, or nil.
func (o Operation) BodyMedia() *openapi3.MediaType {
	if o.Op.RequestBody == nil || o.Op.RequestBody.Value == nil {
		return nil
	}
	return o.Op.RequestBody.Value.Content.Get("application/json")
}

// BodyRequired reports whether the spec requires a request body.
func (o Operation) BodyRequired() bool {
	return o.Op.RequestBody != nil && o.Op.RequestBody.Value != nil && o.Op.RequestBody.Value.Required
}

// BodyExample returns a deep copy of the request body's documented example
// (the media type's, its first named one, or the schema's).
func (o Operation) BodyExample() (any, bool) {
	mt := o.BodyMedia()
	if mt == nil {
		return nil, false
	}
	var ex any
	switch {
	case mt.Example != nil:
		ex = mt.Example
	case len(mt.Examples) > 0:
		names := make([]string, 0, len(mt.Examples))
		for n := range mt.Examples {
			names = append(names, n)
		}
		sort.Strings(names)
		if e := mt.Examples[names[0]]; e != nil && e.Value != nil {
			ex = e.Value.Value
		}
	case mt.Schema != nil && mt.Schema.Value != nil:
		ex = mt.Schema.Value.Example
	}
	if ex == nil {
		return nil, false
	}
	return deepCopy(ex), true
}

// ReadOnly reports whether verify may send the operation without
// --allow-writes: a GET, or a POST the vendor's profile lists as a read.
func ReadOnly(vendor string, o Operation) bool {
	return o.Method == http.MethodGet || profiles()[vendor].readOnly[o.ID]
}

// deepCopy copies a decoded JSON value through JSON, so callers may edit it.
func deepCopy(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}
