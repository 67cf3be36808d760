package scenarios

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBuiltinsResolve(t *testing.T) {
	reg, err := Builtin()
	require.NoError(t, err)
	want := []string{"default", "2fa-required", "account-stopped", "credentials-expired", "disconnected", "empty", "flaky", "no-linkedin-access", "no-rate-limit", "no-recruiter", "quota-exhausted", "rate-limited", "sync-error"}
	require.Equal(t, want, reg.Names())
	for _, name := range want {
		sc, err := reg.Resolve(name)
		require.NoError(t, err, name)
		require.NotEmpty(t, sc.Description, name)
	}
	def, _ := reg.Resolve("default")
	require.Equal(t, 100, def.Settings.Konnector.RateLimit.PerMinute)
	require.Equal(t, 5000, def.Settings.Konnector.RateLimit.PerDay)
	require.Equal(t, 120, def.Settings.SkyLight.RateLimit.PerMinute, "SkyLight's published limit")
	require.Equal(t, "123456", def.Settings.SkyLight.TwoFactor.Code)
	q, _ := reg.Resolve("quota-exhausted")
	for _, quota := range []Quota{q.Settings.SkyLight.Quotas.LinkedInJobs, q.Settings.SkyLight.Quotas.AIScreens, q.Settings.SkyLight.Quotas.ResumeDownloads} {
		require.Equal(t, quota.Limit, quota.Used)
	}
}

func TestComposeLeftToRight(t *testing.T) {
	reg, err := Builtin()
	require.NoError(t, err)
	sc, err := reg.Resolve("2fa-required, no-recruiter")
	require.NoError(t, err)
	require.Equal(t, "2fa-required,no-recruiter", sc.Name)
	s := sc.Settings
	require.True(t, s.SkyLight.TwoFactor.Required)
	require.False(t, s.SkyLight.Connected)
	require.False(t, s.SkyLight.RecruiterContract)
	require.True(t, s.SkyLight.LinkedInAccess, "untouched settings keep the default")
	require.Equal(t, 3, s.SkyLight.TwoFactor.MaxAttempts, "a nested overlay keeps its siblings")

	later, err := reg.Resolve("disconnected,2fa-required")
	require.NoError(t, err)
	require.False(t, later.Settings.SkyLight.Connected)

	for _, spec := range []string{"default,", ",no-recruiter", "2fa-required,,no-recruiter", "default, "} {
		_, err = reg.Resolve(spec)
		require.ErrorContains(t, err, "has an empty name in its list", spec)
	}

	_, err = reg.Resolve("default,nope")
	var unknown *UnknownError
	require.ErrorAs(t, err, &unknown)
	require.Equal(t, "nope", unknown.Name)
}

func TestUserFileWithBase(t *testing.T) {
	reg, err := Builtin()
	require.NoError(t, err)
	name, err := reg.AddFile(filepath.Join("testdata", "good", "arabic-demo.yaml"))
	require.NoError(t, err)
	sc, err := reg.Resolve(name)
	require.NoError(t, err)
	s := sc.Settings
	require.Equal(t, "ar", s.Locale)
	require.Equal(t, "424242", s.SkyLight.TwoFactor.Code)
	require.True(t, s.SkyLight.TwoFactor.Required, "from base 2fa-required")
	require.False(t, s.SkyLight.RecruiterContract, "from base no-recruiter")
	require.Equal(t, 40, s.World.Contacts)
	require.Equal(t, 8, s.World.Campaigns, "from default")

	_, err = reg.AddFile(filepath.Join("testdata", "good", "arabic-demo.yaml"))
	require.ErrorContains(t, err, "already defined")
}

// TestBrokenFiles: every broken file is rejected with file:line and the key.
func TestBrokenFiles(t *testing.T) {
	tests := []struct {
		file string
		want []string // substrings of the error, in order: location, key, reason
	}{
		{"unknown-key.yaml", []string{"unknown-key.yaml:5:", `key "skylight.quotas.linkedin_jobs.usd"`, "unknown key", "allowed: limit, used"}},
		{"wrong-type.yaml", []string{"wrong-type.yaml:4:", `key "skylight.inmail_balance"`, `expected an integer, got "lots"`}},
		{"out-of-range.yaml", []string{"out-of-range.yaml:7:", `key "skylight.quotas.ai_screens.used"`, "between 0 and the limit (5), got 9"}},
		{"unknown-base.yaml", []string{"unknown-base.yaml:3:", `key "base"`, `unknown base scenario "no-such-scenario"`}},
		{"bad-duration.yaml", []string{"bad-duration.yaml:4:", `key "latency.fixed"`, "expected a duration"}},
		{"bad-fault.yaml", []string{"bad-fault.yaml:4:", `key "faults[0].rate"`, "between 0 and 1", `key "faults[0].kind"`}},
		{"no-description.yaml", []string{"no-description.yaml:1:", `key "description"`, "missing"}},
		{"duplicate-key.yaml", []string{"duplicate-key.yaml:5:", `key "skylight.connected"`, "duplicate key (first on line 4)"}},
		{"bad-code.yaml", []string{"bad-code.yaml:6:", `key "skylight.two_factor.code"`, "six digits"}},
		{"not-yaml.yaml", []string{"not-yaml.yaml:1:", "did not find expected"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			reg, err := Builtin()
			require.NoError(t, err)
			_, err = reg.AddFile(filepath.Join("testdata", "broken", tc.file))
			require.Error(t, err)
			msg := err.Error()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(msg[at:], w)
				require.GreaterOrEqual(t, i, 0, "%q not found (in order) in:\n%s", w, msg)
				at += i
			}
			require.False(t, reg.Has(strings.TrimSuffix(tc.file, ".yaml")), "a broken file is not registered")
		})
	}
}

// TestEveryErrorInOneRun: a file with many mistakes reports all of them, in
// line order, each with file:line and key.
func TestEveryErrorInOneRun(t *testing.T) {
	reg, err := Builtin()
	require.NoError(t, err)
	_, err = reg.AddFile(filepath.Join("testdata", "broken", "many-errors.yaml"))
	require.Error(t, err)
	f := filepath.Join("testdata", "broken", "many-errors.yaml")
	want := []string{
		f + `:1: key "name": must be lower-case letters, digits, - or _ (at most 64)`,
		f + `:3: key "base": unknown base scenario "no-such-scenario" (known: default, 2fa-required, account-stopped, credentials-expired, disconnected, empty, flaky, no-linkedin-access, no-rate-limit, no-recruiter, quota-exhausted, rate-limited, sync-error)`,
		f + `:4: key "locale": must be one of [en ar], got "fr"`,
		f + `:6: key "skylight.inmail_balance": expected an integer, got "lots"`,
		f + `:8: key "skylight.quotas.linkedin_jobs.usd": unknown key (allowed: limit, used)`,
		f + `:9: key "skylight.quotas.ai_screens.used": must be between 0 and the limit (5), got 9`,
		f + `:10: key "skylight.colour": unknown key (allowed: linkedin_access, connected, sync_status, two_factor, recruiter_contract, inmail_balance, quotas, rate_limit)`,
		f + `:11: key "world.contacts": must be between 0 and 5000, got -1`,
		f + `:12: key "latency.fixed": expected a duration such as "250ms" or "2s", got "soon"`,
	}
	require.Equal(t, want, strings.Split(err.Error(), "\n"))
	require.False(t, reg.Has("Many Errors"))
}

func TestAddDirStopsAtBrokenFile(t *testing.T) {
	reg, err := Builtin()
	require.NoError(t, err)
	require.Error(t, reg.AddDir(filepath.Join("testdata", "broken")))
	require.Error(t, reg.AddDir(filepath.Join("testdata", "missing")))
}

func TestBuiltinNameIsReserved(t *testing.T) {
	reg, err := Builtin()
	require.NoError(t, err)
	_, err = reg.AddFile(filepath.Join("default.yaml"))
	require.ErrorContains(t, err, "already taken")
}
