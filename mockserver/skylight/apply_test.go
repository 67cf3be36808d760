package skylight

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// TestApplyScenario: an in-place switch changes what the scenarios differ
// in and keeps what the world did meanwhile.
func TestApplyScenario(t *testing.T) {
	t.Parallel()
	reg, err := scenarios.Builtin()
	require.NoError(t, err)
	resolve := func(name string) *scenarios.Scenario {
		sc, err := reg.Resolve(name)
		require.NoError(t, err)
		return sc
	}
	start := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	now := start.Add(time.Hour)
	for _, c := range []struct {
		name     string
		from, to string
		before   func(w *world) // what the world did under from
		check    func(t *testing.T, w *world)
	}{
		{"disconnecting stops the campaigns and keeps them", "default", "disconnected", nil, func(t *testing.T, w *world) {
			require.False(t, w.conn.connected())
			require.Len(t, w.campaigns, 8)
			for _, c := range w.campaigns {
				require.False(t, c.running(), "campaign %d still runs", c.ID)
			}
		}},
		{"connecting starts a session", "disconnected", "default", nil, func(t *testing.T, w *world) {
			require.True(t, w.conn.connected())
			require.Equal(t, now, w.conn.connectedAt, "a new session starts at the switch")
		}},
		{"a connect made under disconnected stays under 2fa-required", "disconnected", "2fa-required",
			func(w *world) { w.connect(connectRequest{Username: "a@b.co", Country: "SA"}, now) },
			func(t *testing.T, w *world) { require.True(t, w.conn.connected()) }},
		{"quotas used meanwhile are kept when the quotas do not change", "default", "no-recruiter",
			func(w *world) { w.quotas.jobs.used = 7 },
			func(t *testing.T, w *world) {
				require.Equal(t, 7, w.quotas.jobs.used)
				require.False(t, w.settings.RecruiterContract)
			}},
		{"quotas take the new scenario's values when they differ", "default", "quota-exhausted",
			func(w *world) { w.quotas.jobs.used = 7 },
			func(t *testing.T, w *world) {
				require.Equal(t, quota{10, 10}, w.quotas.jobs)
				require.Equal(t, 0, w.quotas.screens.remaining())
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := New(Deps{Seed: 1, Clock: sim.NewClock(start, true, nil)}).(*api)
			w := a.NewWorld(sim.TenantKey{Vendor: "skylight", APIKey: "k", Scenario: c.from}, resolve(c.from))
			if c.before != nil {
				c.before(w)
			}
			a.ApplyScenario(w, &resolve(c.from).Settings, &resolve(c.to).Settings, now)
			c.check(t, w)
		})
	}
}
