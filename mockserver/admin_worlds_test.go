package mockserver

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/konnector"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
)

// consoleHooks reports which of the console's typed hooks a vendor has, for
// its own world type W.
func consoleHooks[W any](v sim.Vendor[W]) (reader, applier bool) {
	_, reader = any(v).(worldReader[W])
	_, applier = any(v).(scenarioApplier[W])
	return reader, applier
}

// TestVendorsHaveTypedConsoleHooks: the hooks are found by a type assertion
// on the vendor, so a signature that drifts from the world type would turn
// the console's snapshots off silently; this pins them.
func TestVendorsHaveTypedConsoleHooks(t *testing.T) {
	t.Parallel()
	reader, applier := consoleHooks(skylight.New(skylight.Deps{Seed: 1}))
	require.True(t, reader, "SkyLight shows its worlds")
	require.True(t, applier, "SkyLight applies a scenario in place")
	reader, applier = consoleHooks(konnector.New(konnector.Deps{Seed: 1}))
	require.True(t, reader, "Konnector shows its worlds")
	require.False(t, applier, "Konnector reads its settings on each request")
}
