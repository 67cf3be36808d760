package tests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// vendor is one simulated API as an outside client sees it: its spec, its
// base path, its key header and its error envelope.
type vendor struct {
	name       string // "skylight" or "konnector"
	doc        *openapi3.T
	base       string // the base path, e.g. "/api/v1"
	authHeader string // the header the spec's security scheme names
	// envelope is the schema every error answer follows (the vendor's
	// documented error format).
	envelope *openapi3.Schema
	ops      []verify.Operation
}

// loadVendors loads both specs; the suite derives its requests from them,
// so it grows with them.
func loadVendors(t testing.TB) []*vendor {
	t.Helper()
	var out []*vendor
	for _, v := range []struct{ name, file, envelope string }{
		{"skylight", openapi.SkyLight, "Error"},
		{"konnector", openapi.Konnector, "ErrorResponse"},
	} {
		doc, err := openapi.Load(v.file)
		if err != nil {
			t.Fatal(err)
		}
		base, err := openapi.BasePath(doc)
		if err != nil {
			t.Fatal(err)
		}
		env := doc.Components.Schemas[v.envelope]
		if env == nil || env.Value == nil {
			t.Fatalf("%s: no %s schema", v.file, v.envelope)
		}
		out = append(out, &vendor{name: v.name, doc: doc, base: base, authHeader: keyHeader(doc),
			envelope: env.Value, ops: verify.Operations(doc)})
	}
	return out
}

// keyHeader is the header of the spec's apiKey security scheme.
func keyHeader(doc *openapi3.T) string {
	// The first security requirement's scheme: the one the vendor's base page names.
	for _, req := range doc.Security {
		for name := range req {
			if s := doc.Components.SecuritySchemes[name]; s != nil && s.Value != nil && s.Value.In == "header" && len(req) == 1 {
				return s.Value.Name
			}
		}
	}
	for _, s := range doc.Components.SecuritySchemes {
		if s.Value != nil && s.Value.Type == "apiKey" && s.Value.In == "header" {
			return s.Value.Name
		}
	}
	return "Authorization"
}

// call is one request to the server, relative to its root.
type call struct {
	method string
	path   string
	query  url.Values
	header http.Header
	body   []byte
}

// answer is what the server sent back.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// send makes one request with the client's timeout: an error is a transport
// failure or a hang.
func (p *mockProcess) send(c call) (*answer, error) {
	u := p.URL + c.path
	if len(c.query) > 0 {
		u += "?" + c.query.Encode()
	}
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, u, body)
	if err != nil {
		return nil, err
	}
	for k, vs := range c.header {
		req.Header[k] = vs
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read answer: %w", err)
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// envelopeViolations checks that an error answer is JSON in the vendor's
// documented error envelope, and returns what is wrong.
func (v *vendor) envelopeViolations(a *answer) []string {
	var out []string
	if mt, _, _ := mime.ParseMediaType(a.header.Get("Content-Type")); mt != "application/json" {
		out = append(out, fmt.Sprintf("Content-Type %q, want application/json", a.header.Get("Content-Type")))
	}
	var body any
	if err := json.Unmarshal(a.body, &body); err != nil {
		return append(out, "body is not JSON: "+err.Error())
	}
	if err := v.envelope.VisitJSON(body, openapi3.MultiErrors()); err != nil {
		out = append(out, fmt.Sprintf("body is not the %s error envelope: %v", v.name, schemaReasons(err)))
	}
	return out
}

// schemaReasons lists kin-openapi's reasons with their JSON pointers, without
// the schema dumps of Error().
func schemaReasons(err error) []string {
	var out []string
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, x := range e {
			out = append(out, schemaReasons(x)...)
		}
	case *openapi3.SchemaError:
		out = append(out, fmt.Sprintf("%v: %s", e.JSONPointer(), e.Reason))
	default:
		out = append(out, err.Error())
	}
	return out
}
