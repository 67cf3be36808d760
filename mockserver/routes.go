package mockserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gorilla/mux"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// vendorRoutes is a vendor's surface as its spec describes it: every
// operation routed, with what validation and forced statuses need.
type vendorRoutes struct {
	name     string // the vendor's
	spec     *openapi3.T
	basePath string
	router   *mux.Router // one route per path template, matched without method
	paths    map[string]*pathRoutes
	exact    map[string]*pathRoutes // full paths of templates without parameters
	ops      []*operation           // in spec order, for coverage and the 501 report
}

// pathRoutes are the operations of one path template, by method.
type pathRoutes struct {
	template string
	byMethod map[string]*operation
	allow    string // the Allow header: the path's methods
}

// operation is one routed spec operation.
type operation struct {
	id       string
	method   string
	template string
	route    *routers.Route // for kin-openapi's request validation
	// implemented is false for an operation the vendor has none for (501).
	implemented bool
	statuses    []int // documented response statuses, sorted
	// bodyShadow is the JSON body schema without its top-level anyOf, when
	// it has one: kin-openapi stops at a failed anyOf, so the other fields
	// are checked against this copy to report every problem at once.
	bodyShadow *openapi3.Schema
	examples   map[int][]example // example bodies per documented status
	// requestBody and responseBodies are the JSON body schemas compiled
	// once (nil where jsoncheck cannot judge a schema exactly like
	// kin-openapi): a body they accept skips kin-openapi's body decoding.
	requestBody    *bodyCheck
	responseBodies map[int]*bodyCheck
}

// newVendorRoutes loads the vendor's spec and routes every operation in it;
// implemented tells which operationIds the vendor answers.
func newVendorRoutes(name, specFile string, implemented func(opID string) bool) (*vendorRoutes, error) {
	spec, err := openapi.Load(specFile)
	if err != nil {
		return nil, err
	}
	base, err := openapi.BasePath(spec)
	if err != nil {
		return nil, err
	}
	vr := &vendorRoutes{name: name, spec: spec, basePath: base, paths: map[string]*pathRoutes{}, exact: map[string]*pathRoutes{}}
	vr.router = mux.NewRouter().UseEncodedPath()
	bodies := jsoncheck.NewCompiler() // shares the spec's components between operations
	for _, tpl := range spec.Paths.InMatchingOrder() {
		item := spec.Paths.Value(tpl)
		pr := &pathRoutes{template: tpl, byMethod: map[string]*operation{}}
		var methods []string
		for method, op := range item.Operations() {
			o, err := newOperation(spec, tpl, item, method, op, implemented(op.OperationID), bodies)
			if err != nil {
				return nil, err
			}
			pr.byMethod[method] = o
			methods = append(methods, method)
			vr.ops = append(vr.ops, o)
		}
		sort.Strings(methods)
		pr.allow = strings.Join(append(methods, http.MethodOptions), ", ")
		vr.paths[tpl] = pr
		vr.router.Path(base + tpl).Name(tpl)
		if !strings.Contains(tpl, "{") {
			vr.exact[base+tpl] = pr
		}
	}
	sort.Slice(vr.ops, func(i, j int) bool { return vr.ops[i].id < vr.ops[j].id })
	return vr, nil
}

func newOperation(spec *openapi3.T, tpl string, item *openapi3.PathItem, method string, op *openapi3.Operation,
	implemented bool, bodies *jsoncheck.Compiler) (*operation, error) {
	if op.OperationID == "" {
		return nil, fmt.Errorf("mockserver: %s %s has no operationId", method, tpl)
	}
	o := &operation{
		id: op.OperationID, method: method, template: tpl, implemented: implemented,
		route:    &routers.Route{Spec: spec, Path: tpl, PathItem: item, Method: method, Operation: withoutSecurity(op)},
		examples: map[int][]example{}, responseBodies: map[int]*bodyCheck{},
	}
	for code, ref := range op.Responses.Map() {
		status, err := strconv.Atoi(code)
		if err != nil || ref.Value == nil {
			continue // "default" or ranges are not used by our specs
		}
		o.statuses = append(o.statuses, status)
		o.examples[status] = responseExamples(ref.Value)
		// The response kin-openapi validates a status against.
		if resp := op.Responses.Status(status); resp != nil && resp.Value != nil {
			if c := newBodyCheck(bodies, resp.Value.Content, jsoncheck.Response); c != nil {
				o.responseBodies[status] = c
			}
		}
	}
	sort.Ints(o.statuses)
	o.bodyShadow = withoutAnyOf(op)
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		o.requestBody = newBodyCheck(bodies, op.RequestBody.Value.Content, jsoncheck.Request)
	}
	return o, nil
}

// withoutAnyOf returns a copy of the operation's JSON body schema without its
// top-level anyOf, or nil when it has none.
func withoutAnyOf(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || len(mt.Schema.Value.AnyOf) == 0 {
		return nil
	}
	shadow := *mt.Schema.Value
	shadow.AnyOf = nil
	return &shadow
}

// withoutSecurity returns a copy of op without security requirements, for
// kin-openapi's validation: the pipeline has already authenticated the
// request (step 1, in the vendor's envelope), so checking the key header
// again would only cost time. The spec itself is unchanged.
func withoutSecurity(op *openapi3.Operation) *openapi3.Operation {
	cp := *op
	cp.Security = &openapi3.SecurityRequirements{}
	return &cp
}

// example is one documented response body; name is empty for a media
// type's single `example`.
type example struct {
	name string
	body []byte
}

// responseExamples returns the JSON examples of a response: its media type's
// example, then its named examples in name order.
func responseExamples(resp *openapi3.Response) []example {
	mt := resp.Content.Get("application/json")
	if mt == nil {
		return nil
	}
	var out []example
	if mt.Example != nil {
		if b, err := json.Marshal(mt.Example); err == nil {
			out = append(out, example{body: b})
		}
	}
	names := make([]string, 0, len(mt.Examples))
	for n := range mt.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ex := mt.Examples[n]; ex != nil && ex.Value != nil {
			if b, err := json.Marshal(ex.Value.Value); err == nil {
				out = append(out, example{name: n, body: b})
			}
		}
	}
	return out
}

// match finds the operation for a request. It returns the path's routes when
// the path exists (so a wrong method can be answered 405 with Allow), and the
// unescaped path parameters.
func (vr *vendorRoutes) match(r *http.Request) (*operation, *pathRoutes, map[string]string) {
	if pr := vr.exact[r.URL.EscapedPath()]; pr != nil { // most paths: no regexp needed
		return pr.byMethod[r.Method], pr, map[string]string{}
	}
	var m mux.RouteMatch
	probe := &http.Request{Method: http.MethodGet, URL: r.URL, Host: r.Host, Header: r.Header}
	if !vr.router.Match(probe, &m) || m.Route == nil {
		return nil, nil, nil
	}
	pr := vr.paths[m.Route.GetName()]
	params := make(map[string]string, len(m.Vars))
	for k, v := range m.Vars {
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		params[k] = v
	}
	return pr.byMethod[r.Method], pr, params
}
