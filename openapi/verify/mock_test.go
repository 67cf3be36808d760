package verify_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// TestAgainstTheMock verifies linkedin-mock itself, in process, reads only
// and with writes. An operation whose handler exists must pass; one that
// still answers 501 is reported failed ("status 501 is not documented"), and
// once none does the whole run must pass.
func TestAgainstTheMock(t *testing.T) {
	bases := map[string]string{"skylight": "/api/v1", "konnector": "/social_app/api/v1/third_party"}
	for _, vendor := range verify.Vendors() {
		for _, writes := range []bool{false, true} {
			name := vendor + "/reads"
			if writes {
				name = vendor + "/writes"
			}
			t.Run(name, func(t *testing.T) {
				srv := mocktest.Start(t, mockserver.Options{})
				rep, err := verify.Run(context.Background(), verify.Config{
					Vendor: vendor, BaseURL: srv.URL + bases[vendor], APIKey: testKey, AllowWrites: writes})
				require.NoError(t, err)
				var text bytes.Buffer
				require.NoError(t, rep.WriteText(&text))
				require.NotContains(t, text.String(), testKey)
				checkMockReport(t, rep, writes, text.String())
			})
		}
	}
}

func checkMockReport(t *testing.T, rep *verify.Report, writes bool, text string) {
	t.Helper()
	unimplemented := 0
	for _, r := range rep.Results {
		switch {
		case r.Status == http.StatusNotImplemented:
			unimplemented++
			require.Equal(t, verify.Failed, r.Outcome, r.OperationID)
			require.True(t, containsPrefix(r.Violations, "status 501 is not documented"), "%s: %v", r.OperationID, r.Violations)
		case r.Outcome == verify.Failed:
			t.Errorf("%s (%s) is implemented but fails verification:\n  %s", r.OperationID, r.Request, strings.Join(r.Violations, "\n  "))
		case r.Outcome == verify.Skipped:
			allowed := (!writes && strings.Contains(r.Reason, "--allow-writes")) || strings.Contains(r.Reason, "answered 501")
			require.True(t, allowed, "%s skipped: %s", r.OperationID, r.Reason)
		}
	}
	if unimplemented == 0 {
		require.True(t, rep.OK(), text)
		if writes {
			require.Zero(t, rep.Skipped, text)
		}
	} else {
		t.Logf("%d operations still answer 501:\n%s", unimplemented, text)
	}
}
