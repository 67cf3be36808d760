package skylight_test

import (
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// BenchmarkNewWorld measures generating the default world.
func BenchmarkNewWorld(b *testing.B) {
	reg, err := scenarios.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	sc, err := reg.Resolve("default")
	if err != nil {
		b.Fatal(err)
	}
	api := skylight.New(skylight.Deps{Seed: 1, Clock: sim.NewClock(time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC), true, nil)})
	b.ResetTimer()
	for range b.N {
		api.NewWorld(sim.TenantKey{}, sc)
	}
}
