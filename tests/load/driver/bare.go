package driver

import (
	"io"
	"net/http"
	"strings"
)

// BareHandler is the reference the mock is compared with: a plain net/http
// handler that reads the request body and answers every request with the
// same static JSON object of about size bytes.
func BareHandler(size int) http.Handler {
	const head, tail = `{"success":true,"padding":"`, `"}`
	body := []byte(head + strings.Repeat("x", max(0, size-len(head)-len(tail))) + tail + "\n")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}
