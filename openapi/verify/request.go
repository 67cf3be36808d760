package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// request is a built request, relative to the base URL.
type request struct {
	path   string
	query  url.Values
	body   []byte // nil: no body
	accept string // the Accept header; empty means application/json
}

// build makes an operation's request: path parameters from discovered
// identifiers (none discovered: the operation is skipped, with the reason),
// required query parameters discovered or from the spec's examples, optional
// ones only when discovery fills them, and the body from the spec's example
// with discovered identifiers in place of the example's.
func (r *runner) build(ctx context.Context, op Operation) (*request, string) {
	req := &request{path: op.Path, query: url.Values{}, accept: acceptFor(op)}
	for _, p := range op.Parameters() {
		pv, kind := p.Value, ParamKind(p)
		switch pv.In {
		case "path":
			vals, why := r.disc.resolve(ctx, kind)
			if len(vals) == 0 {
				return nil, fmt.Sprintf("no real %s for {%s}: %s", kindName(kind), pv.Name, why)
			}
			req.path = fillPath(req.path, map[string]string{pv.Name: vals[0]})
		case "query":
			if _, known := r.prof.sources[kind]; known {
				vals, why := r.disc.resolve(ctx, kind)
				switch {
				case len(vals) > 0 && isArray(pv.Schema):
					req.query[pv.Name] = vals[:min(len(vals), 2)]
					continue
				case len(vals) > 0:
					req.query.Set(pv.Name, vals[0])
					continue
				case pv.Required:
					return nil, fmt.Sprintf("no real %s for query parameter %s: %s", kind, pv.Name, why)
				}
				continue
			}
			if !pv.Required {
				continue
			}
			ex, ok := ParamExample(pv)
			if !ok {
				return nil, fmt.Sprintf("required query parameter %s has no example in the spec", pv.Name)
			}
			req.query[pv.Name] = paramValues(ex)
		case "header", "cookie":
			if pv.Required {
				return nil, fmt.Sprintf("required %s parameter %s is not supported by verify", pv.In, pv.Name)
			}
		}
	}
	if op.BodyMedia() == nil {
		return req, ""
	}
	ex, ok := op.BodyExample()
	if !ok {
		if op.BodyRequired() {
			return nil, "the request body has no example in the spec"
		}
		return req, ""
	}
	r.substitute(ctx, op, ex)
	b, err := json.Marshal(ex)
	if err != nil {
		return nil, fmt.Sprintf("encode the example body: %v", err)
	}
	req.body = b
	return req, ""
}

// acceptFor lists the media types the operation documents answers in, JSON
// first, so a server that negotiates (the resume PDF) sends what is expected.
func acceptFor(op Operation) string {
	seen := map[string]bool{"application/json": true}
	types := []string{"application/json"}
	for _, ref := range op.Op.Responses.Map() {
		if ref.Value == nil {
			continue
		}
		for mt := range ref.Value.Content {
			if !seen[mt] {
				seen[mt] = true
				types = append(types, mt)
			}
		}
	}
	sort.Strings(types[1:])
	return strings.Join(types, ", ")
}

// substitute replaces identifier fields of an example body with discovered
// values; an optional field with none discovered is dropped, since an
// example's placeholder ids are not real ones.
func (r *runner) substitute(ctx context.Context, op Operation, ex any) {
	obj, ok := ex.(map[string]any)
	if !ok {
		return
	}
	required := map[string]bool{}
	if mt := op.BodyMedia(); mt.Schema != nil && mt.Schema.Value != nil {
		for _, f := range mt.Schema.Value.Required {
			required[f] = true
		}
	}
	fields := make([]string, 0, len(r.prof.bodyFields))
	for f := range r.prof.bodyFields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, field := range fields {
		old, present := obj[field]
		if !present {
			continue
		}
		vals, _ := r.disc.resolve(ctx, r.prof.bodyFields[field])
		switch {
		case len(vals) == 0 && !required[field]:
			delete(obj, field)
		case len(vals) == 0:
		case isJSONArray(old):
			arr := make([]any, 0, 2)
			for _, v := range vals[:min(len(vals), 2)] {
				arr = append(arr, like(firstElem(old), v))
			}
			obj[field] = arr
		default:
			obj[field] = like(old, vals[0])
		}
	}
}

// like types a discovered value as the example value it replaces: a number
// for a number, a string otherwise.
func like(example any, v string) any {
	if _, isNum := example.(float64); isNum {
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return json.Number(v)
		}
	}
	return v
}

func isJSONArray(v any) bool {
	_, ok := v.([]any)
	return ok
}

func firstElem(v any) any {
	if arr, ok := v.([]any); ok && len(arr) > 0 {
		return arr[0]
	}
	return nil
}

// isArray reports whether a parameter's schema is an array.
func isArray(s *openapi3.SchemaRef) bool {
	return s != nil && s.Value != nil && s.Value.Type.Is("array")
}
