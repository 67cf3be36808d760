package mockserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRequestIDsHeaderAndContext(t *testing.T) {
	var seen string
	h := requestIDs(func() string { return "req_fixed" })(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = requestIDFrom(r.Context())
		w.WriteHeader(http.StatusTeapot)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, "req_fixed", rec.Header().Get("X-Request-Id"))
	require.Equal(t, "req_fixed", seen, "the handlers inside see the id")
	require.Regexp(t, `^req_[0-9a-f]{16}$`, newRequestID())
	require.NotEqual(t, newRequestID(), newRequestID())
}
