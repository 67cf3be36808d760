package skylight

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// errorBody is SkyLight's published error envelope (published-docs 1.5):
// {"success": false, "message": "...", "errors": {...}} with `errors` only on
// 422, `retry_after` on the rate limit's 429, and a machine code `error` only
// on the errors that carry one (the LinkedIn page's codes and the
// LinkedIn-specific states a client must tell apart; see errs.go).
type errorBody struct {
	Success    bool                `json:"success"`
	Error      string              `json:"error,omitempty"`
	Message    string              `json:"message"`
	Errors     map[string][]string `json:"errors,omitempty"`
	RetryAfter *int                `json:"retry_after,omitempty"`
	Allowed    []string            `json:"allowed,omitempty"`
	Detail     string              `json:"detail,omitempty"`
}

// kinds maps error kinds to SkyLight's status.
var kinds = map[sim.Kind]int{
	sim.KindBadRequest:       http.StatusBadRequest,
	sim.KindUnauthenticated:  http.StatusUnauthorized,
	sim.KindForbidden:        http.StatusForbidden,
	sim.KindNotFound:         http.StatusNotFound,
	sim.KindMethodNotAllowed: http.StatusMethodNotAllowed,
	sim.KindConflict:         http.StatusConflict,
	sim.KindTooLarge:         http.StatusRequestEntityTooLarge,
	sim.KindValidation:       http.StatusUnprocessableEntity,
	sim.KindRateLimited:      http.StatusTooManyRequests,
	sim.KindInternal:         http.StatusInternalServerError,
	sim.KindNotImplemented:   http.StatusNotImplemented,
	sim.KindUnavailable:      http.StatusServiceUnavailable,
}

// The published generic messages (published-docs 1.2, 1.5, 1.6).
const (
	msgInvalid         = "The given data was invalid."
	msgUnauthenticated = "Unauthenticated. Please provide a valid API key."
	msgTooMany         = "Too many requests. Please slow down."
	msgInternal        = "An unexpected error occurred. Please try again later."
)

// statusOf returns the HTTP status SkyLight answers e with.
func statusOf(e *sim.Error) int {
	if e.Status != 0 {
		return e.Status
	}
	if s, ok := kinds[e.Kind]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// errorEnvelope is the status and body SkyLight answers e with. The statuses
// with a published message get it; what the mock knows beyond it (a 500's
// cause) goes to `detail`. A 422 without a machine code is a validation
// error: the published message, the reasons in `errors`.
func errorEnvelope(e *sim.Error) (int, errorBody) {
	status := statusOf(e)
	body := errorBody{Success: false, Error: e.Code, Message: e.Message, Errors: e.Fields, Allowed: e.Allowed}
	switch {
	case status == http.StatusUnauthorized:
		body.Message = msgUnauthenticated
	case status == http.StatusTooManyRequests && e.Code == "":
		body.Message = msgTooMany
	case status == http.StatusInternalServerError:
		body.Message, body.Detail = msgInternal, e.Message
		if body.Detail == msgInternal {
			body.Detail = ""
		}
	case status == http.StatusUnprocessableEntity && e.Code == "":
		body.Message = msgInvalid
		if len(body.Errors) == 0 {
			body.Errors = map[string][]string{"body": {e.Message}}
		}
	}
	if status != http.StatusUnprocessableEntity {
		body.Errors = nil
	}
	if body.Message == "" {
		body.Message = http.StatusText(status)
	}
	if e.RetryAfter > 0 {
		secs := int(math.Ceil(e.RetryAfter.Seconds()))
		body.RetryAfter = &secs
	}
	return status, body
}

// encodeError puts e in SkyLight's error envelope.
func encodeError(e *sim.Error) sim.Encoded {
	status, body := errorEnvelope(e)
	header := http.Header{"Content-Type": {"application/json"}}
	if body.RetryAfter != nil {
		header.Set("Retry-After", strconv.Itoa(*body.RetryAfter))
	}
	b, err := json.Marshal(body)
	if err == nil && len(e.Extra) > 0 {
		b, err = appendFields(b, e.Extra)
	}
	if err != nil {
		b = []byte(`{"success":false,"message":"` + msgInternal + `"}`)
		status = http.StatusInternalServerError
	}
	return sim.Encoded{Status: status, Header: header, Body: b}
}

// appendFields adds extra fields, in key order, to an encoded JSON object, so
// the envelope's own fields stay first.
func appendFields(obj []byte, extra map[string]any) ([]byte, error) {
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := bytes.TrimSuffix(obj, []byte("}"))
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, fmt.Errorf("skylight: encode error field %s: %w", k, err)
		}
		out = append(append(append(append(out, ','), kb...), ':'), vb...)
	}
	return append(out, '}'), nil
}

// errorFromExample reads a documented SkyLight error body back into an Error,
// so a forced status answers with the spec's example in a fresh envelope.
func errorFromExample(status int, body []byte) (*sim.Error, error) {
	var b errorBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, fmt.Errorf("skylight: example for %d: %w", status, err)
	}
	e := &sim.Error{Status: status, Code: b.Error, Message: b.Message, Fields: b.Errors, Allowed: b.Allowed}
	if status == http.StatusInternalServerError {
		e.Message = b.Detail
	}
	if b.RetryAfter != nil {
		e.RetryAfter = sim.Seconds(*b.RetryAfter)
	}
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(body, &raw)
	for k, v := range raw {
		switch k {
		case "success", "error", "message", "errors", "retry_after", "allowed", "detail":
			continue
		}
		var val any
		if json.Unmarshal(v, &val) == nil {
			if e.Extra == nil {
				e.Extra = map[string]any{}
			}
			e.Extra[k] = val
		}
	}
	return e, nil
}

// encodeReply encodes a successful answer: the resource in SkyLight's
// success envelope (envelope.go), or the file as an attachment.
func encodeReply(rep sim.Reply) sim.Encoded {
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	header := http.Header{}
	for k, v := range rep.Header {
		header[k] = v
	}
	if f := rep.File; f != nil {
		header.Set("Content-Type", f.ContentType)
		header.Set("Content-Disposition", `attachment; filename="`+f.Name+`"`)
		return sim.Encoded{Status: status, Header: header, Body: f.Data}
	}
	if status == http.StatusNoContent { // a delete (published): no body
		return sim.Encoded{Status: status, Header: header}
	}
	b, err := json.Marshal(encodeSuccess(rep))
	if err != nil {
		return encodeError(&sim.Error{Kind: sim.KindInternal, Message: "encoding the response failed: " + err.Error()})
	}
	header.Set("Content-Type", "application/json")
	return sim.Encoded{Status: status, Header: header, Body: b}
}
