package tests

import (
	"context"
	"net/http"
	"testing"
)

// needHandler skips the test when an operation still answers 501 (its
// handler has not landed yet). It is decided at run time, so the test runs
// by itself once the handler exists.
func needHandler(t *testing.T, operationID string, status int) {
	t.Helper()
	if status == http.StatusNotImplemented {
		t.Skipf("needs handler: %s answers 501", operationID)
	}
}

// step checks one call of a flow through a generated client: a transport or
// decoding error fails (the client could not read what the mock sent), 501
// skips, and any status other than want fails with the body.
func step(t *testing.T, operationID string, err error, resp *http.Response, body []byte, want int) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", operationID, err)
	}
	needHandler(t, operationID, resp.StatusCode)
	if resp.StatusCode != want {
		t.Fatalf("%s answered %d, want %d: %s", operationID, resp.StatusCode, want, body)
	}
}

// headers returns a request editor adding headers (key and scenario) to
// every request of a generated client.
func headers(kv ...string) func(context.Context, *http.Request) error {
	return func(_ context.Context, r *http.Request) error {
		for i := 0; i+1 < len(kv); i += 2 {
			r.Header.Set(kv[i], kv[i+1])
		}
		return nil
	}
}

func ptr[T any](v T) *T { return &v }
