package mockserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/openapi/jsoncheck"
)

// requestOptions are kin-openapi's options for request validation: every
// problem reported (not only the first), authentication done by the server
// before validation, and no defaults written into the request.
var requestOptions = &openapi3filter.Options{
	MultiError:          true,
	SkipSettingDefaults: true,
	AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
}

// paramsOnlyOptions are requestOptions for a body that the compiled schema
// has accepted: kin-openapi checks the parameters only.
var paramsOnlyOptions = &openapi3filter.Options{
	MultiError:          true,
	SkipSettingDefaults: true,
	AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
	ExcludeRequestBody:  true,
}

// validateRequest checks the request against the operation's parameters and
// body schema, and returns a validation error naming every offending field.
// A body that the compiled schema accepts is not decoded again by
// kin-openapi; any other body gets kin-openapi's full validation, for its
// field list.
func validateRequest(r *http.Request, op *operation, params map[string]string, body []byte) *sim.Error {
	opts := requestOptions
	if len(body) > 0 && op.route.Operation.RequestBody != nil && isJSON(r.Header.Get("Content-Type")) {
		switch op.requestBody.check(r.Header.Get("Content-Type"), body) {
		case bodyAccepted:
			opts = paramsOnlyOptions
		case bodyMalformed:
			// kin-openapi reads only the first JSON value of a body; the
			// handlers decode all of it. A body that is not exactly one
			// JSON value is malformed: say so here, in the validation
			// error, rather than let a handler fail on what validation
			// passed.
			return sim.Invalid(map[string][]string{"body": {malformedReason(body)}})
		}
	}
	// kin-openapi reads the body from the request: it gets a copy of the
	// request carrying the bytes already read, not r itself.
	withBody := *r
	withBody.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: &withBody, PathParams: params, Route: op.route, Options: opts}
	err := openapi3filter.ValidateRequest(context.Background(), in)
	if err == nil {
		return nil
	}
	fields := fieldErrors(err)
	if op.bodyShadow != nil && len(fields["body"]) > 0 {
		var value any
		if json.Unmarshal(body, &value) == nil {
			if serr := op.bodyShadow.VisitJSON(value, openapi3.VisitAsRequest(), openapi3.MultiErrors()); serr != nil {
				collectSchemaErrors("", serr, fields)
				for k, v := range fields {
					fields[k] = dedupe(v)
				}
			}
		}
	}
	return sim.Invalid(fields)
}

// malformedReason says what is wrong with a body that is not exactly one
// JSON value: where the syntax breaks and why ("malformed JSON at byte 12:
// invalid character '}' looking for beginning of object key string",
// "malformed JSON: unexpected EOF"), or where data follows the value.
func malformedReason(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	err := dec.Decode(&v)
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("malformed JSON at byte %d: %s", syntax.Offset, syntax.Error())
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "malformed JSON: unexpected EOF"
	case err != nil:
		return "malformed JSON: " + err.Error()
	}
	return fmt.Sprintf("malformed JSON: data after the JSON value at byte %d; the body must be exactly one JSON value", dec.InputOffset())
}

// fieldErrors flattens kin-openapi's errors into field path -> reasons.
func fieldErrors(err error) map[string][]string {
	out := map[string][]string{}
	collectFieldErrors(err, out)
	for k, v := range out {
		out[k] = dedupe(v)
	}
	return out
}

func collectFieldErrors(err error, out map[string][]string) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, x := range e {
			collectFieldErrors(x, out)
		}
	case *openapi3filter.RequestError:
		prefix := ""
		if e.Parameter != nil {
			prefix = e.Parameter.Name
		}
		if e.Err == nil {
			add(out, prefix, bodyReason(e.Reason))
			return
		}
		collectSchemaErrors(prefix, e.Err, out)
	default:
		add(out, "request", err.Error())
	}
}

// add records a reason for a field; an empty field is the body itself.
func add(out map[string][]string, field, reason string) {
	if field == "" {
		field = "body"
	}
	out[field] = append(out[field], reason)
}

// unsupportedProperty extracts the field name of an additionalProperties error.
var unsupportedProperty = regexp.MustCompile(`^property "(.*)" is unsupported$`)

func collectSchemaErrors(prefix string, err error, out map[string][]string) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, x := range e {
			collectSchemaErrors(prefix, x, out)
		}
	case *openapi3.SchemaError:
		path := e.JSONPointer()
		if prefix != "" {
			path = append([]string{prefix}, path...)
		}
		reason := e.Reason
		switch {
		case e.SchemaField == "required":
			reason = "is required"
		case unsupportedProperty.MatchString(e.Reason):
			path = append(path, unsupportedProperty.FindStringSubmatch(e.Reason)[1])
			reason = "is not an allowed field"
		default:
			if msg, ok := e.Schema.Extensions["x-error-message"].(string); ok {
				reason = msg
			}
		}
		add(out, strings.Join(path, "."), reason)
	case *openapi3filter.ParseError:
		add(out, prefix, parseReason(prefix, e))
	default:
		if prefix != "" && errors.Is(err, openapi3filter.ErrInvalidRequired) {
			add(out, prefix, "is required")
			return
		}
		add(out, prefix, bodyReason(err.Error()))
	}
}

// parseReason words a decoding failure without echoing the raw value.
func parseReason(field string, pe *openapi3filter.ParseError) string {
	what := "malformed value"
	if field == "" {
		what = "malformed JSON"
	}
	if pe.Reason != "" {
		return what + ": " + pe.Reason
	}
	if cause := pe.RootCause(); cause != nil {
		return what + ": " + cause.Error()
	}
	return what
}

// bodyReason rewords kin-openapi's body-level reasons for a client.
func bodyReason(reason string) string {
	switch {
	case strings.Contains(reason, "value is required but missing"):
		return "a JSON request body is required"
	case strings.Contains(reason, "prefix \"header Content-Type has unexpected value"),
		strings.Contains(reason, "header Content-Type has unexpected value"):
		return "Content-Type must be application/json"
	}
	return reason
}

func dedupe(v []string) []string {
	seen := map[string]bool{}
	out := v[:0]
	for _, s := range v {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// violation describes a response that breaks the spec.
func violation(op *operation, err error) string {
	fields := map[string][]string{}
	if re, ok := err.(*openapi3filter.ResponseError); ok && re.Err != nil {
		collectSchemaErrors("", re.Err, fields)
		return fmt.Sprintf("the mock's %s response breaks the spec (%s): %s", op.id, re.Reason, sim.SummarizeFields(fields))
	}
	return fmt.Sprintf("the mock's %s response breaks the spec: %s", op.id, err.Error())
}

// isJSON reports whether a Content-Type header names JSON.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// bodyCheck is a JSON body schema compiled by jsoncheck, with the media type
// it belongs to.
type bodyCheck struct {
	content openapi3.Content
	media   *openapi3.MediaType
	v       *jsoncheck.Validator
}

// newBodyCheck compiles the application/json schema of content, or returns
// nil when there is none or jsoncheck cannot judge it exactly like
// kin-openapi (kin-openapi alone validates such bodies).
func newBodyCheck(c *jsoncheck.Compiler, content openapi3.Content, dir jsoncheck.Direction) *bodyCheck {
	mt := content["application/json"]
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	v, err := c.Compile(mt.Schema.Value, dir)
	if err != nil {
		return nil
	}
	return &bodyCheck{content: content, media: mt, v: v}
}

// bodyVerdict is what the compiled schema says of a JSON request body.
type bodyVerdict int

const (
	bodyAskKin    bodyVerdict = iota // kin-openapi's verdict and messages stand
	bodyAccepted                     // kin-openapi would accept it: only the parameters need it
	bodyMalformed                    // not exactly one JSON value
)

// check runs the compiled schema over a JSON body sent with Content-Type
// ct, in one pass that also finds broken syntax and data after the value
// (which kin-openapi would ignore). A body for which no schema is compiled
// (another media type) gets a syntax check only.
func (c *bodyCheck) check(ct string, body []byte) bodyVerdict {
	mediaType, _, _ := strings.Cut(ct, ";")
	if c == nil || c.content.Get(ct) != c.media || strings.ToLower(strings.TrimSpace(mediaType)) != "application/json" {
		if !json.Valid(body) {
			return bodyMalformed
		}
		return bodyAskKin
	}
	err := c.v.Validate(body)
	var trailing *jsoncheck.TrailingDataError
	var invalid *jsoncheck.InvalidError
	switch {
	case err == nil:
		return bodyAccepted
	case errors.As(err, &trailing), errors.As(err, &invalid) && invalid.Reason == jsoncheck.ReasonMalformed:
		return bodyMalformed
	}
	return bodyAskKin
}

// accepts tells whether kin-openapi would accept body sent with Content-Type
// ct, and the body is exactly one JSON value. False means "ask
// kin-openapi", whose verdict and messages then stand.
func (c *bodyCheck) accepts(ct string, body []byte) bool {
	return c != nil && len(body) > 0 && c.check(ct, body) == bodyAccepted
}
