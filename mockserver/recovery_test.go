package mockserver

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRecoverPanics(t *testing.T) {
	logs := &syncBuffer{}
	fail := func(w http.ResponseWriter, _ *http.Request, msg string) {
		writePlainError(w, http.StatusInternalServerError, msg)
	}
	mw := recoverPanics(slog.New(slog.NewTextHandler(logs, nil)), fail)
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantStatus int
		wantBody   string
	}{
		{"panic before the answer", func(http.ResponseWriter, *http.Request) { panic("boom") }, 500, panicMessage},
		{"panic after the answer began", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			panic("late")
		}, 202, ""},
		{"no panic", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }, 204, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			mw(tc.handler).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
			require.Equal(t, tc.wantStatus, rec.Code)
			require.Contains(t, rec.Body.String(), tc.wantBody)
		})
	}
	require.Contains(t, logs.String(), "boom")
	require.Contains(t, logs.String(), "stack=")

	abort := mw(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	require.PanicsWithValue(t, http.ErrAbortHandler, func() {
		abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/x", nil))
	}, "a dropped connection is passed on to net/http")
}
