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

// errorBody is SkyLight's error envelope:
// {"success": false, "error": "<code>", "message": "..."} plus optional fields.
type errorBody struct {
	Success    bool                `json:"success"`
	Error      string              `json:"error"`
	Message    string              `json:"message"`
	Errors     map[string][]string `json:"errors,omitempty"`
	RetryAfter *int                `json:"retry_after,omitempty"`
	Allowed    []string            `json:"allowed,omitempty"`
}

// kinds maps error kinds to SkyLight's status and code.
var kinds = map[sim.Kind]struct {
	status int
	code   string
}{
	sim.KindBadRequest:       {http.StatusBadRequest, "bad_request"},
	sim.KindUnauthenticated:  {http.StatusUnauthorized, "unauthenticated"},
	sim.KindForbidden:        {http.StatusForbidden, "forbidden"},
	sim.KindNotFound:         {http.StatusNotFound, "not_found"},
	sim.KindMethodNotAllowed: {http.StatusMethodNotAllowed, "method_not_allowed"},
	sim.KindConflict:         {http.StatusConflict, "conflict"},
	sim.KindTooLarge:         {http.StatusRequestEntityTooLarge, "payload_too_large"},
	sim.KindValidation:       {http.StatusUnprocessableEntity, "validation_failed"},
	sim.KindRateLimited:      {http.StatusTooManyRequests, "rate_limited"},
	sim.KindInternal:         {http.StatusInternalServerError, "internal_error"},
	sim.KindNotImplemented:   {http.StatusNotImplemented, "not_implemented"},
	sim.KindUnavailable:      {http.StatusServiceUnavailable, "service_unavailable"},
}

// statusOf returns the HTTP status SkyLight answers e with.
func statusOf(e *sim.Error) int {
	if e.Status != 0 {
		return e.Status
	}
	if k, ok := kinds[e.Kind]; ok {
		return k.status
	}
	return http.StatusInternalServerError
}

// encodeError puts e in SkyLight's envelope.
func encodeError(e *sim.Error) sim.Encoded {
	status := statusOf(e)
	code := e.Code
	if code == "" {
		code = kinds[e.Kind].code
	}
	if code == "" {
		code = "error"
	}
	msg := e.Message
	if msg == "" {
		msg = defaultMessage(e)
	}
	header := http.Header{"Content-Type": {"application/json"}}
	body := errorBody{Success: false, Error: code, Message: msg, Errors: e.Fields, Allowed: e.Allowed}
	if e.RetryAfter > 0 {
		secs := int(math.Ceil(e.RetryAfter.Seconds()))
		body.RetryAfter = &secs
		header.Set("Retry-After", strconv.Itoa(secs))
	}
	b, err := json.Marshal(body)
	if err == nil && len(e.Extra) > 0 {
		b, err = appendFields(b, e.Extra)
	}
	if err != nil {
		b = []byte(`{"success":false,"error":"internal_error","message":"encoding the error failed"}`)
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

// defaultMessage words an error that came without a message.
func defaultMessage(e *sim.Error) string {
	if e.Kind == sim.KindRateLimited {
		return fmt.Sprintf("Too many requests. Retry after %d seconds.", int(math.Ceil(e.RetryAfter.Seconds())))
	}
	return http.StatusText(statusOf(e))
}

// errorFromExample reads a documented SkyLight error body back into an Error,
// so a forced status answers with the spec's example in a fresh envelope.
func errorFromExample(status int, body []byte) (*sim.Error, error) {
	var b errorBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, fmt.Errorf("skylight: example for %d: %w", status, err)
	}
	e := &sim.Error{Status: status, Code: b.Error, Message: b.Message, Fields: b.Errors, Allowed: b.Allowed}
	if b.RetryAfter != nil {
		e.RetryAfter = sim.Seconds(*b.RetryAfter)
	}
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(body, &raw)
	for k, v := range raw {
		switch k {
		case "success", "error", "message", "errors", "retry_after", "allowed":
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

// encodeReply encodes a successful answer: the body as JSON, or the file
// as an attachment.
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
	b, err := json.Marshal(rep.Body)
	if err != nil {
		return encodeError(&sim.Error{Kind: sim.KindInternal, Message: "encoding the response failed: " + err.Error()})
	}
	header.Set("Content-Type", "application/json")
	return sim.Encoded{Status: status, Header: header, Body: b}
}

// The errors the simulation answers, worded as the doc (or the spec's
// examples, where the doc is silent) words them.

func errUpgrade() *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: "linkedin_upgrade_required",
		Message: "LinkedIn is not enabled on your subscription. Please upgrade your plan."}
}

func errNotConnected() *sim.Error {
	return &sim.Error{Status: http.StatusConflict, Code: "linkedin_not_connected",
		Message: "No LinkedIn account is connected. Connect one with POST /channels/linkedin/connect."}
}

func errContract() *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: "recruiter_contract_required",
		Message: "A LinkedIn Recruiter contract is required. None was detected on the connected LinkedIn account."}
}

func errNotFound(what string, id any) *sim.Error {
	return &sim.Error{Kind: sim.KindNotFound, Message: fmt.Sprintf("%s %v was not found.", what, id)}
}

// errQuota is the doc's quota error for one of the three limits.
func errQuota(q quotaKind) *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: q.code,
		Message: fmt.Sprintf("You have reached your subscription limit for %s. Please upgrade your plan.", q.label)}
}

// errTransition is a 409 for an action the current status forbids.
func errTransition(what, current, action string) *sim.Error {
	return &sim.Error{Status: http.StatusConflict, Code: "invalid_status_transition",
		Message: fmt.Sprintf("The %s is %s and cannot be %s.", what, current, action),
		Extra:   map[string]any{"current_status": current}}
}
