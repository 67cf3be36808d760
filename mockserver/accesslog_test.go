package mockserver

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// TestLogRequestsRecordsOutcome: the log line, the journal and coverage
// record the status answered, or a drop with no status.
func TestLogRequestsRecordsOutcome(t *testing.T) {
	tests := []struct {
		name        string
		handler     http.HandlerFunc
		wantStatus  int
		wantDropped bool
		wantLog     string
	}{
		{"answered", func(w http.ResponseWriter, r *http.Request) {
			x := exchangeFrom(r.Context())
			x.vendor, x.api, x.op = "konnector", true, "getUserCampaignFilters"
			w.WriteHeader(http.StatusTeapot)
		}, 418, false, "status=418"},
		{"dropped by a fault", func(_ http.ResponseWriter, r *http.Request) {
			x := exchangeFrom(r.Context())
			x.vendor, x.api, x.op = "konnector", true, "getUserCampaignFilters"
			panic(http.ErrAbortHandler)
		}, 0, true, "dropped=true"},
		{"client gone", func(_ http.ResponseWriter, r *http.Request) {
			x := exchangeFrom(r.Context())
			x.vendor, x.api, x.op, x.dropped = "konnector", true, "getUserCampaignFilters", true
		}, 0, true, "dropped=true"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := &syncBuffer{}
			j := newJournal(10)
			cov := &coverage{ops: []coverageOp{{vendor: "konnector", id: "getUserCampaignFilters", documented: []int{200}}}}
			cov.reset()
			clock := sim.NewClock(time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC), true, nil)
			h := requestIDs(newRequestID)(logRequests(slog.New(slog.NewTextHandler(logs, nil)), clock, j, cov)(tc.handler))
			func() {
				defer func() { _ = recover() }()
				h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/x", nil))
			}()
			require.Contains(t, logs.String(), tc.wantLog)
			entries := j.list(journalFilter{})
			require.Len(t, entries, 1)
			require.Equal(t, tc.wantStatus, entries[0].Status)
			require.Equal(t, tc.wantDropped, entries[0].Dropped)
			op := cov.report().PerOperation[0]
			require.Equal(t, 1, op.Requests)
			if tc.wantDropped {
				require.Equal(t, 1, op.Dropped)
				require.Empty(t, op.Answered, "a drop answers no status")
				require.NotContains(t, logs.String(), "status=")
			} else {
				require.Equal(t, map[string]int{"418": 1}, op.Answered)
			}
		})
	}
}
