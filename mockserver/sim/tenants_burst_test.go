package sim

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTenantCreatedOnceUnderBurst is the regression test of a hardening
// finding: 30 concurrent first requests of one client generated its world
// 30 times (each ~2.7 MB of allocations), stalling the server.
func TestTenantCreatedOnceUnderBurst(t *testing.T) {
	ts := NewTenants[string](NewTenantPool(10))
	var made atomic.Int32
	key := TenantKey{Vendor: "v", APIKey: "burst"}
	create := func() *Tenant[string] {
		made.Add(1)
		time.Sleep(20 * time.Millisecond) // a slow world generation
		return &Tenant[string]{World: "w"}
	}
	got := make([]*Tenant[string], 30)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = ts.Get(key, create)
		}()
	}
	wg.Wait()
	require.EqualValues(t, 1, made.Load())
	for _, g := range got {
		require.Same(t, got[0], g)
	}
	held, _ := ts.pool.Stats()
	require.Equal(t, 1, held)
}

// TestTenantCreationPanicReleasesWaiters: a panicking generation does not
// leave the key stuck; the next request tries again.
func TestTenantCreationPanicReleasesWaiters(t *testing.T) {
	ts := NewTenants[string](NewTenantPool(10))
	key := TenantKey{Vendor: "v", APIKey: "panics"}
	require.Panics(t, func() { ts.Get(key, func() *Tenant[string] { panic("boom") }) })
	tenant := ts.Get(key, func() *Tenant[string] { return &Tenant[string]{World: "ok"} })
	require.Equal(t, "ok", tenant.World)
}
