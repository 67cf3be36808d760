package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// CheckResponse validates one response against its operation in the spec and
// returns every violation, each naming what is wrong and where: an
// undocumented status, a missing or malformed documented header, a Content-Type
// the spec does not list, a body that is not JSON, and each place where the
// body breaks its schema ("body /campaigns/0/id: value must be an integer").
// No violation means the response keeps the contract.
func CheckResponse(op *openapi3.Operation, status int, header http.Header, body []byte) []string {
	ref := op.Responses.Status(status)
	if ref == nil {
		ref = op.Responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return []string{fmt.Sprintf("status %d is not documented (documented: %s)", status, documentedStatuses(op))}
	}
	resp := ref.Value
	out := checkHeaders(resp, header)
	if len(resp.Content) == 0 {
		return out
	}
	ct := header.Get("Content-Type")
	mt := resp.Content.Get(ct)
	if mt == nil {
		return append(out, fmt.Sprintf("Content-Type %q is not documented for status %d (documented: %s)",
			ct, status, strings.Join(contentTypes(resp.Content), ", ")))
	}
	return append(out, checkBody(ct, mt, body)...)
}

// documentedStatuses lists an operation's documented statuses, sorted.
func documentedStatuses(op *openapi3.Operation) string {
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return strings.Join(codes, ", ")
}

func contentTypes(c openapi3.Content) []string {
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkHeaders checks every header the response documents: present when
// required, and its value valid against its schema.
func checkHeaders(resp *openapi3.Response, header http.Header) []string {
	names := make([]string, 0, len(resp.Headers))
	for name := range resp.Headers {
		if !strings.EqualFold(name, "Content-Type") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		h := resp.Headers[name].Value
		if h == nil {
			continue
		}
		values, present := header[http.CanonicalHeaderKey(name)]
		if !present || len(values) == 0 {
			if h.Required {
				out = append(out, fmt.Sprintf("header %s: required but missing", name))
			}
			continue
		}
		if h.Schema == nil || h.Schema.Value == nil {
			continue
		}
		if reason := checkHeaderValue(h.Schema.Value, values[0]); reason != "" {
			out = append(out, fmt.Sprintf("header %s: %s", name, reason))
		}
	}
	return out
}

// checkHeaderValue decodes a header value as its schema's type and validates it.
func checkHeaderValue(s *openapi3.Schema, raw string) string {
	var v any = raw
	switch {
	case s.Type.Is("integer"):
		n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil {
			return fmt.Sprintf("%q is not an integer", raw)
		}
		v = float64(n)
	case s.Type.Is("number"):
		f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil {
			return fmt.Sprintf("%q is not a number", raw)
		}
		v = f
	case s.Type.Is("boolean"):
		b, err := strconv.ParseBool(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Sprintf("%q is not a boolean", raw)
		}
		v = b
	}
	if err := s.VisitJSON(v, openapi3.MultiErrors()); err != nil {
		reasons := schemaViolations("", err)
		return strings.Join(reasons, "; ")
	}
	return ""
}

// checkBody validates a body against its media type: JSON against the
// schema, a PDF by its magic number; other media types are not inspected.
func checkBody(ct string, mt *openapi3.MediaType, body []byte) []string {
	media, _, _ := mime.ParseMediaType(ct)
	switch {
	case media == "application/pdf":
		if !bytes.HasPrefix(body, []byte("%PDF-")) {
			return []string{"body: an application/pdf body must start with %PDF-"}
		}
		return nil
	case media != "application/json" && !strings.HasSuffix(media, "+json"):
		return nil
	}
	var value any
	if err := json.Unmarshal(body, &value); err != nil {
		return []string{"body: not valid JSON: " + err.Error()}
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	err := mt.Schema.Value.VisitJSON(value, openapi3.MultiErrors(), openapi3.VisitAsResponse())
	if err == nil {
		return nil
	}
	return schemaViolations("body", err)
}

// missingProperty and unsupportedProperty read the field name out of
// kin-openapi's reasons.
var (
	missingProperty     = regexp.MustCompile(`^property "(.*)" is missing$`)
	unsupportedProperty = regexp.MustCompile(`^property "(.*)" is unsupported$`)
)

// schemaViolations flattens kin-openapi's schema errors into sorted,
// de-duplicated lines "<where> /json/pointer: reason". It uses each error's
// pointer and reason, never Error(), which dumps the schema and the value.
func schemaViolations(where string, err error) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, x := range e {
				walk(x)
			}
		case *openapi3.SchemaError:
			path := e.JSONPointer()
			reason := e.Reason
			if m := missingProperty.FindStringSubmatch(reason); m != nil {
				reason = "required field missing"
			} else if m := unsupportedProperty.FindStringSubmatch(reason); m != nil {
				path = append(path, m[1])
				reason = "field not in the spec (additionalProperties: false)"
			}
			line := pointer(where, path) + reason
			if !seen[line] {
				seen[line] = true
				out = append(out, line)
			}
		default:
			line := pointer(where, nil) + err.Error()
			if !seen[line] {
				seen[line] = true
				out = append(out, line)
			}
		}
	}
	walk(err)
	sort.Strings(out)
	return out
}

// pointer words a location: "body /a/0/b: ", or "" for a bare header value.
func pointer(where string, path []string) string {
	if where == "" {
		return ""
	}
	p := "/" + strings.Join(path, "/")
	return where + " " + p + ": "
}
