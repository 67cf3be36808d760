// Package longtest tells a test whether to run in its long form.
//
// `go test ./...` stays under a minute on a 2-core machine: the long suites
// (the million-request soak, the slow-client and SIGTERM-under-load tests,
// the whole differential corpus of jsoncheck, the heavy fuzz seeds) run
// briefly by default, on a sample or a smaller size that still exercises
// every check they make. With LINKEDIN_MOCK_LONG=1 in the environment (CI
// sets it, see .ci/run) they run in full.
package longtest

import (
	"os"
	"testing"
)

// Env is the environment variable that asks for the long suites.
const Env = "LINKEDIN_MOCK_LONG"

// Enabled reports whether LINKEDIN_MOCK_LONG=1 is set.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Size returns full when the long suites are enabled and brief otherwise,
// logging the brief choice so that a short run says how to get the full one.
func Size[T any](tb testing.TB, brief, full T) T {
	tb.Helper()
	if Enabled() {
		return full
	}
	tb.Logf("brief run (%v instead of %v): %s=1 runs it in full", brief, full, Env)
	return brief
}
