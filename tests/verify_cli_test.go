package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify/verifytest"
)

const verifyKey = "sk_live_5b7e1c9d2f44"

// runVerify runs `linkedin-mock verify` as a user would and returns its
// output and exit code; it is killed if it runs longer than a minute.
func runVerify(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append([]string{"verify"}, args...)...)
	cmd.Env = append(cleanEnv(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("linkedin-mock verify: %v", err)
	}
	if strings.Contains(out.String()+errOut.String(), verifyKey) {
		t.Errorf("linkedin-mock verify printed the API key:\n%s\n%s", out.String(), errOut.String())
	}
	return out.String(), errOut.String(), code
}

// TestVerifyCommandAgainstTheBinary runs the verify command against the
// running mock, writes included, the key from the environment: every
// operation whose handler exists passes; once none answers 501 the run
// passes and exits 0.
func TestVerifyCommandAgainstTheBinary(t *testing.T) {
	srv := startMock(t, serverFlags{})
	for _, v := range loadVendors(t) {
		t.Run(v.name, func(t *testing.T) {
			out, errOut, code := runVerify(t, []string{"LINKEDIN_MOCK_API_KEY=" + verifyKey},
				"--vendor", v.name, "--base-url", srv.URL+v.base, "--allow-writes", "--format", "json")
			var rep verify.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("--format json printed no report (%v):\n%s\n%s", err, out, errOut)
			}
			if len(rep.Results) != len(v.ops) {
				t.Errorf("report has %d results for %d operations", len(rep.Results), len(v.ops))
			}
			if wantCode := map[bool]int{true: 0, false: 1}[rep.OK()]; code != wantCode {
				t.Errorf("exit code %d with %d failed, want %d\n%s", code, rep.Failed, wantCode, errOut)
			}
			unimplemented := 0
			for _, r := range rep.Results {
				switch {
				case r.Status == http.StatusNotImplemented:
					unimplemented++
				case r.Outcome == verify.Failed:
					t.Errorf("%s (%s) fails verification: %s", r.OperationID, r.Request, strings.Join(r.Violations, "; "))
				case r.Outcome == verify.Skipped && !strings.Contains(r.Reason, "answered 501"):
					t.Errorf("%s skipped: %s", r.OperationID, r.Reason)
				}
			}
			if unimplemented == 0 && (code != 0 || rep.Passed != len(v.ops)) {
				t.Errorf("no operation answers 501, so all must pass: exit %d, %d of %d passed", code, rep.Passed, len(v.ops))
			}
		})
	}
}

// TestVerifyCommandCatchesBrokenServer points the command at a server that
// breaks the SkyLight contract on purpose: exit 1, each violation named.
func TestVerifyCommandCatchesBrokenServer(t *testing.T) {
	fake, err := verifytest.New(openapi.SkyLight)
	if err != nil {
		t.Fatal(err)
	}
	fake.Break("listContacts", func(_ *http.Request, a *verifytest.Answer) {
		a.Body = verifytest.Set(a.Body, "data.0.id", "418")
	})
	fake.Break("getSubscription", func(_ *http.Request, a *verifytest.Answer) { a.Status = http.StatusAccepted })
	fake.Break("getRecruiterJob", func(_ *http.Request, a *verifytest.Answer) {
		a.Body = verifytest.Delete(a.Body, "data.title")
	})
	fake.Break("downloadApplicantResume", func(_ *http.Request, a *verifytest.Answer) { a.Header.Del("Content-Disposition") })
	hs := httptest.NewServer(fake)
	defer hs.Close()

	out, errOut, code := runVerify(t, nil, "--vendor", "skylight", "--base-url", hs.URL+fake.BasePath(), "--api-key", verifyKey)
	if code != 1 {
		t.Errorf("exit code %d, want 1\n%s", code, errOut)
	}
	for _, want := range []string{
		"FAIL  listContacts", "body /data/0/id: value must be an integer",
		"FAIL  getSubscription", "status 202 is not documented",
		"FAIL  getRecruiterJob", "body /data/title: required field missing",
		"FAIL  downloadApplicantResume", "header Content-Disposition: required but missing",
		"4 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "verify: 4 of 41 operations failed") {
		t.Errorf("stderr: %s", errOut)
	}
}

// TestVerifyCommandUsage: a bad command line is a usage error (exit 2) that
// never echoes the key.
func TestVerifyCommandUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"no base URL":    {"--vendor", "skylight", "--api-key", verifyKey},
		"unknown vendor": {"--vendor", "linkedin", "--base-url", "http://127.0.0.1:1/api/v1", "--api-key", verifyKey},
		"no key":         {"--vendor", "konnector", "--base-url", "http://127.0.0.1:1/x"},
		"bad format":     {"--vendor", "skylight", "--base-url", "http://127.0.0.1:1/api/v1", "--api-key", verifyKey, "--format", "xml"},
	} {
		t.Run(name, func(t *testing.T) {
			_, errOut, code := runVerify(t, nil, args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2 (usage)\n%s", code, errOut)
			}
		})
	}
}
