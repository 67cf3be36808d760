package mockserver

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// panicMessage is what a client is told when the server panicked.
const panicMessage = "the mock server failed while handling this request; the stack is in its log"

// recoverPanics turns a panic into a 500, written by fail (in the envelope
// of the API the request was for), and logs the stack. http.ErrAbortHandler
// (a dropped connection) is passed on so net/http closes the connection.
// When the answer had begun, the client sees it cut short.
func recoverPanics(log *slog.Logger, fail func(w http.ResponseWriter, r *http.Request, msg string)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tw := &writeTracker{ResponseWriter: w}
			defer func() {
				p := recover()
				if p == nil {
					return
				}
				if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(p)
				}
				log.Error("panic serving request", "panic", fmt.Sprint(p), "path", r.URL.Path,
					"request_id", requestIDFrom(r.Context()), "stack", string(debug.Stack()))
				if !tw.wrote {
					fail(w, r, panicMessage)
				}
			}()
			next.ServeHTTP(tw, r)
		})
	}
}

// writeTracker remembers whether the answer has begun.
type writeTracker struct {
	http.ResponseWriter
	wrote bool
}

func (t *writeTracker) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *writeTracker) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (t *writeTracker) Unwrap() http.ResponseWriter { return t.ResponseWriter }
