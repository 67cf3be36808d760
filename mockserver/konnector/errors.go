package konnector

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// ist is the +05:30 offset of the vendor's data.timestamp fields.
var ist = time.FixedZone("IST", 5*3600+1800)

// timestamp formats t as the doc's data.timestamp: 2025-05-11T14:30:45+05:30.
func timestamp(t time.Time) string { return t.In(ist).Format("2006-01-02T15:04:05-07:00") }

// envelope is Konnector's body: {"code", "status", "message", "data"}.
type envelope struct {
	Code    int    `json:"code"`
	Status  bool   `json:"status"`
	Message string `json:"message"`
	Data    any    `json:"data"`
}

// kinds maps error kinds to Konnector's status, error_code and summary.
var kinds = map[sim.Kind]struct {
	status        int
	code, summary string
}{
	sim.KindBadRequest:       {http.StatusBadRequest, "INVALID_REQUEST", "Invalid request"},
	sim.KindUnauthenticated:  {http.StatusUnauthorized, "INVALID_API_KEY", "Unauthorized access"},
	sim.KindForbidden:        {http.StatusUnauthorized, "UNAUTHORIZED_ACCESS", "Unauthorized access"},
	sim.KindNotFound:         {http.StatusNotFound, "NOT_FOUND", "Resource not found"},
	sim.KindMethodNotAllowed: {http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "Method not allowed"},
	sim.KindConflict:         {http.StatusConflict, "CONFLICT", "Conflict"},
	sim.KindTooLarge:         {http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "Payload too large"},
	sim.KindValidation:       {http.StatusBadRequest, "INVALID_REQUEST", "Invalid request"},
	sim.KindRateLimited:      {http.StatusTooManyRequests, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded"},
	sim.KindInternal:         {http.StatusInternalServerError, "INTERNAL_ERROR", "Internal server error"},
	sim.KindNotImplemented:   {http.StatusNotImplemented, "NOT_IMPLEMENTED", "Not implemented"},
	sim.KindUnavailable:      {http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "Service temporarily unavailable"},
}

// statusOf returns the HTTP status Konnector answers e with.
func statusOf(e *sim.Error) int {
	if e.Status != 0 {
		return e.Status
	}
	if k, ok := kinds[e.Kind]; ok {
		return k.status
	}
	return http.StatusInternalServerError
}

// encodeError puts e in Konnector's envelope, with the request id and the
// +05:30 timestamp of the call.
func encodeError(c *sim.Call, e *sim.Error) sim.Encoded {
	k := kinds[e.Kind]
	status := statusOf(e)
	code := firstNonEmpty(e.Code, k.code, "ERROR")
	summary := firstNonEmpty(e.Summary, k.summary, http.StatusText(status))
	msg := e.Message
	if msg == "" {
		msg = firstNonEmpty(k.summary, http.StatusText(status))
		if e.Kind == sim.KindRateLimited {
			msg = "Too many requests"
		}
	}
	data := map[string]any{
		"error":      msg,
		"error_code": code,
		"request_id": c.RequestID,
		"timestamp":  timestamp(c.Now),
	}
	header := http.Header{}
	if e.RetryAfter > 0 {
		data["retry_after"] = retryAfter(e)
		header.Set("Retry-After", strconv.Itoa(retryAfterSeconds(e)))
	}
	if d := e.RateLimit; d != nil {
		data["rate_limit_info"] = map[string]int{
			"limit_minute": d.Limits.PerMinute, "remaining_minute": d.RemainingMinute,
			"limit_day": d.Limits.PerDay, "remaining_day": d.RemainingDay,
		}
		if e.Summary == "" {
			summary = rateLimitSummary(*d)
		}
	}
	for k, v := range e.Extra {
		data[k] = v
	}
	return encodeJSON(status, header, envelope{Code: status, Status: false, Message: summary, Data: data})
}

// encodeReply puts a successful answer in Konnector's envelope.
func encodeReply(rep sim.Reply) sim.Encoded {
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	return encodeJSON(status, maps.Clone(rep.Header), envelope{Code: status, Status: true, Message: rep.Message, Data: rep.Body})
}

// rateLimitSummary words the 429 message as the doc does.
func rateLimitSummary(d sim.Decision) string {
	if d.Window == "day" {
		return fmt.Sprintf("Rate limit exceeded. Maximum %d requests per day allowed.", d.Limits.PerDay)
	}
	return fmt.Sprintf("Rate limit exceeded. Maximum %d requests per minute allowed.", d.Limits.PerMinute)
}

// errorFromExample reads a documented Konnector error body back into an Error.
func errorFromExample(status int, body []byte) (*sim.Error, error) {
	var b struct {
		Message string         `json:"message"`
		Data    map[string]any `json:"data"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, fmt.Errorf("konnector: example for %d: %w", status, err)
	}
	e := &sim.Error{Status: status, Summary: b.Message}
	e.Message, _ = b.Data["error"].(string)
	e.Code, _ = b.Data["error_code"].(string)
	if n, ok := b.Data["retry_after"].(float64); ok {
		e.RetryAfter = sim.Seconds(int(n))
	}
	for k, v := range b.Data {
		switch k {
		case "error", "error_code", "request_id", "timestamp", "retry_after":
			continue
		}
		if e.Extra == nil {
			e.Extra = map[string]any{}
		}
		e.Extra[k] = v
	}
	return e, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// encodeJSON encodes v as the JSON body of status, adding the Content-Type
// to header (nil makes one).
func encodeJSON(status int, header http.Header, v any) sim.Encoded {
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "application/json")
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"code":500,"status":false,"message":"Internal server error","data":{"error":"encoding the response failed","error_code":"INTERNAL_ERROR"}}`)
	}
	return sim.Encoded{Status: status, Header: header, Body: b}
}
