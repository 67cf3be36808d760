package mockserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// responseOptions: an undocumented status is a violation, and every problem
// is reported.
var responseOptions = &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}

// headersOnlyResponseOptions validate status and headers only: for a body
// of a binary media type (the resume PDF, checked by its magic number), and
// for a JSON body that the compiled schema has accepted.
var headersOnlyResponseOptions = &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, ExcludeResponseBody: true}

// checked returns the operation's encoded answer once it is validated
// against the spec (unless validation is off): a violation is answered 500
// in the vendor's envelope naming it, and logged as an error, so the mock
// never sends what the real API could not. sent are the headers already set
// on the response (request id, rate limits).
func (st *site[W]) checked(sent http.Header, r *http.Request, op *operation, c *sim.Call, enc sim.Encoded) sim.Encoded {
	if st.srv.opts.SkipResponseValidation {
		return enc
	}
	// The headers the response would leave with; values are shared, not
	// copied: validation only reads them.
	header := make(http.Header, len(sent)+len(enc.Header))
	maps.Copy(header, sent)
	maps.Copy(header, enc.Header)
	err := validateResponse(r, op, enc.Status, header, enc.Body)
	if err == nil {
		return enc
	}
	msg := violation(op, err)
	st.srv.log.Error("response violates the spec", "operation", op.id, "status", enc.Status,
		"request_id", c.RequestID, "violation", msg)
	return st.v.Encode(c, sim.Reply{}, &sim.Error{Kind: sim.KindInternal, Message: msg})
}

// validateResponse checks a response against the operation's spec. A JSON
// body that the status's compiled schema accepts is not decoded again by
// kin-openapi, which still checks the status and headers; any other body
// gets kin-openapi's full validation, whose error names the violation.
func validateResponse(r *http.Request, op *operation, status int, header http.Header, body []byte) error {
	opts := responseOptions
	ct := header.Get("Content-Type")
	binary := false
	if ct != "application/json" {
		mediaType, _, _ := mime.ParseMediaType(ct)
		binary = mediaType == "application/pdf"
	}
	if binary || op.responseBodies[status].accepts(ct, body) {
		opts = headersOnlyResponseOptions
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, Route: op.route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return err
	}
	if binary && !bytes.HasPrefix(body, []byte("%PDF-")) {
		return fmt.Errorf("an application/pdf body must start with %%PDF-")
	}
	return nil
}
