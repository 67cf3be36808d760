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

// runHandler calls the operation's handler. With response validation on (the
// default), the response is buffered and checked against the spec before it
// leaves: a violation answers 500 in the vendor's envelope naming it, and is
// logged as an error, so the mock never sends what the real API could not.
func (s *Server) runHandler(w http.ResponseWriter, r *http.Request, vr *vendorRoutes, op *operation) {
	if op.handler == nil {
		vr.vendor.WriteError(w, r, &sim.Error{Kind: sim.KindNotImplemented,
			Message: fmt.Sprintf("%s (%s %s) is not implemented by the mock yet", op.id, op.method, op.template)})
		return
	}
	if s.opts.SkipResponseValidation {
		op.handler.ServeHTTP(w, r)
		return
	}
	buf := &bufferedResponse{header: http.Header{}}
	op.handler.ServeHTTP(buf, r)
	if buf.status == 0 {
		buf.status = http.StatusOK
	}
	// The headers the response would leave with; values are shared, not
	// copied: validation only reads them.
	header := make(http.Header, len(w.Header())+len(buf.header))
	maps.Copy(header, w.Header())
	maps.Copy(header, buf.header)
	if err := validateResponse(r, op, buf.status, header, buf.body.Bytes()); err != nil {
		msg := violation(op, err)
		s.log.Error("response violates the spec", "operation", op.id, "status", buf.status,
			"request_id", sim.RequestFrom(r.Context()).ID, "violation", msg)
		vr.vendor.WriteError(w, r, &sim.Error{Kind: sim.KindInternal, Message: msg})
		return
	}
	maps.Copy(w.Header(), buf.header)
	w.WriteHeader(buf.status)
	_, _ = w.Write(buf.body.Bytes())
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

// bufferedResponse holds a handler's response until it is validated.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
