package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func noEnv(string) string { return "" }

func TestBadFlagIsUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"--bogus"}, noEnv, &out, &errOut)
	var usage *usageError
	require.ErrorAs(t, err, &usage)
	first, _, _ := strings.Cut(errOut.String(), "\n")
	require.Equal(t, "linkedin-mock: unknown flag: --bogus", first)
	require.Contains(t, errOut.String(), "--addr")
}

func TestBadEnvIsUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	env := func(k string) string {
		if k == "LINKEDIN_MOCK_SEED" {
			return "many"
		}
		return ""
	}
	err := run(context.Background(), nil, env, &out, &errOut)
	var usage *usageError
	require.ErrorAs(t, err, &usage)
	require.Contains(t, errOut.String(), "LINKEDIN_MOCK_SEED")
}

func TestBadValuesAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--clock-start", "yesterday"},
		{"--locale", "fr"},
		{"--log-format", "xml"},
		{"--log-level", "loud"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, noEnv, &out, &errOut)
		var usage *usageError
		require.ErrorAs(t, err, &usage, "%v", args)
	}
}

func TestHelpShowsEnvironmentVariables(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--help"}, noEnv, &out, &errOut))
	for _, v := range []string{"LINKEDIN_MOCK_ADDR", "LINKEDIN_MOCK_SEED", "LINKEDIN_MOCK_VALIDATE_RESPONSES", "LINKEDIN_MOCK_MAX_BODY_BYTES"} {
		require.Contains(t, out.String(), v)
	}
}

func TestUnknownScenarioFailsStartup(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"--addr", "127.0.0.1:0", "--scenario", "nope"}, noEnv, &out, &errOut)
	require.ErrorContains(t, err, `unknown scenario "nope"`)
}

func TestCheckScenario(t *testing.T) {
	var out, errOut bytes.Buffer
	good := filepath.Join("..", "..", "scenarios", "testdata", "good", "arabic-demo.yaml")
	bad := filepath.Join("..", "..", "scenarios", "testdata", "broken", "wrong-type.yaml")
	require.NoError(t, run(context.Background(), []string{"check-scenario", good}, noEnv, &out, &errOut))
	require.Contains(t, out.String(), "ok")

	err := run(context.Background(), []string{"check-scenario", good, bad}, noEnv, &out, &errOut)
	require.Error(t, err)
	require.Contains(t, errOut.String(), `wrong-type.yaml:4: key "skylight.inmail_balance"`)

	var usage *usageError
	require.ErrorAs(t, run(context.Background(), []string{"check-scenario"}, noEnv, &out, &errOut), &usage)
}

func TestListScenarios(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"list-scenarios"}, noEnv, &out, &errOut))
	for _, name := range []string{"default", "2fa-required", "disconnected", "empty", "quota-exhausted", "rate-limited", "no-recruiter", "no-linkedin-access", "flaky"} {
		require.Regexp(t, regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(name)+`\s+\S`), out.String())
	}
}

// lineWriter hands the first line written to it over a channel.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan string
	sent  bool
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if line, _, ok := strings.Cut(w.buf.String(), "\n"); ok && !w.sent {
		w.sent = true
		w.first <- line
	}
	return len(p), nil
}

func TestServeAndShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lineWriter{first: make(chan string, 1)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--clock-start", "2025-05-11T09:00:00Z", "--log-format", "json",
			"--shutdown-timeout", "1h"}, noEnv, stdout, io.Discard)
	}()
	var line string
	select {
	case line = <-stdout.first:
	case err := <-done:
		t.Fatalf("run ended early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
	require.NotEmpty(t, base, line)

	resp, err := http.Get(base + "/__admin/health")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	require.JSONEq(t, `{"status":"ok"}`, string(body))

	// A console's live stream stays open until shutdown, which must end it
	// rather than wait for it (the timeout is an hour).
	stream, err := http.Get(base + "/__admin/requests/stream")
	require.NoError(t, err)
	defer stream.Body.Close()
	require.Equal(t, "text/event-stream", stream.Header.Get("Content-Type"))

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}
	_, err = http.Get(base + "/__admin/health")
	require.Error(t, err, "the listener is closed after shutdown")
	require.False(t, errors.Is(err, context.Canceled))
}

// TestPositionalArgumentsAreRefused: nothing on the command line is silently
// ignored; an unquoted `--scenario default, no-recruiter` splits into
// "default," and a stray "no-recruiter", and fails instead of serving default.
func TestPositionalArgumentsAreRefused(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // first line of stderr contains
	}{
		{"a scenario name as command", []string{"no-recruiter"}, `unknown command "no-recruiter" (commands: serve, check-scenario, list-scenarios, verify, version, help; a scenario is chosen with --scenario no-recruiter)`},
		{"after serve", []string{"serve", "no-recruiter"}, `serve takes no arguments, got "no-recruiter"`},
		{"after flags", []string{"--addr", "127.0.0.1:0", "no-recruiter"}, `serve takes no arguments, got "no-recruiter"`},
		{"unquoted scenario list", []string{"--addr", "127.0.0.1:0", "--scenario", "default,", "no-recruiter"}, `serve takes no arguments, got "no-recruiter"`},
		{"list-scenarios", []string{"list-scenarios", "extra"}, `list-scenarios takes no arguments, got "extra"`},
		{"verify", []string{"verify", "--vendor", "skylight", "extra"}, `verify takes no arguments, got "extra"`},
		{"version", []string{"version", "extra"}, `version takes no arguments, got "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tc.args, noEnv, &out, &errOut)
			var usage *usageError
			require.ErrorAs(t, err, &usage)
			first, _, _ := strings.Cut(errOut.String(), "\n")
			require.Contains(t, first, tc.want)
			require.Contains(t, errOut.String(), "check-scenario FILE", "the usage follows")
			require.Empty(t, out.String(), "nothing was served or printed")
		})
	}
}

// TestScenarioListWithEmptyName: a list with an empty item is refused at
// startup; spaces around names are trimmed.
func TestScenarioListWithEmptyName(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"--addr", "127.0.0.1:0", "--scenario", "default,"}, noEnv, &out, &errOut)
	require.ErrorContains(t, err, `"default," has an empty name in its list`)
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var out, errOut bytes.Buffer
		require.NoError(t, run(context.Background(), args, noEnv, &out, &errOut), "%v", args)
		require.Regexp(t, `^linkedin-mock \S+, .+, go1\.\d+`, out.String(), "%v", args)
		require.Empty(t, errOut.String())
	}
}
