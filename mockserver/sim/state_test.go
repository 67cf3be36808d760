package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestClock(t *testing.T) {
	wall := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	real := func() time.Time { return wall }
	start := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)

	c := NewClock(start, false, real)
	wall = wall.Add(10 * time.Second)
	require.Equal(t, start.Add(10*time.Second), c.Now(), "runs with real time")
	now, err := c.Advance(72 * time.Hour)
	require.NoError(t, err)
	require.Equal(t, start.Add(72*time.Hour+10*time.Second), now)
	_, err = c.Advance(-time.Second)
	require.Error(t, err)

	f := NewClock(start, true, real)
	wall = wall.Add(time.Hour)
	require.Equal(t, start, f.Now(), "a frozen clock stands still")
}

func TestTenantsEvictLeastRecentlyUsed(t *testing.T) {
	pool := NewTenantPool(2)
	ts := NewTenants[string](pool)
	made := 0
	get := func(key string) *Tenant[string] {
		return ts.Get(TenantKey{Vendor: "v", APIKey: key}, func() *Tenant[string] { made++; return &Tenant[string]{World: key} })
	}
	a := get("a")
	get("b")
	require.Same(t, a, get("a"), "a is reused and becomes most recent")
	get("c") // evicts b
	held, evicted := pool.Stats()
	require.Equal(t, 2, held)
	require.Equal(t, uint64(1), evicted)
	require.Equal(t, 3, made)
	get("b")
	require.Equal(t, 4, made, "an evicted tenant gets a fresh world")

	require.True(t, ts.Alias(TenantKey{Vendor: "v", APIKey: "b2"}, TenantKey{Vendor: "v", APIKey: "b"}))
	require.Same(t, get("b"), get("b2"))
	require.False(t, ts.Alias(TenantKey{APIKey: "x"}, TenantKey{APIKey: "missing"}))
	require.Equal(t, 1, pool.Reset("b2"))
	require.Equal(t, 1, pool.Reset(""))
}

func TestRandIsStable(t *testing.T) {
	require.Equal(t, Rand(7, "a", "b").Uint64(), Rand(7, "a", "b").Uint64())
	require.NotEqual(t, Hash(7, "ab", "c"), Hash(7, "a", "bc"), "parts are separated")
}

// TestTenantPoolBoundsStoresTogether: the stores of two vendors, whose
// worlds differ in type, share one bound and one LRU order.
func TestTenantPoolBoundsStoresTogether(t *testing.T) {
	pool := NewTenantPool(2)
	words := NewTenants[string](pool)
	numbers := NewTenants[int](pool)
	a := words.Get(TenantKey{Vendor: "w", APIKey: "a"}, func() *Tenant[string] { return &Tenant[string]{World: "a"} })
	numbers.Get(TenantKey{Vendor: "n", APIKey: "1"}, func() *Tenant[int] { return &Tenant[int]{World: 1} })
	words.Get(TenantKey{Vendor: "w", APIKey: "a"}, nil) // a is most recent again
	numbers.Get(TenantKey{Vendor: "n", APIKey: "2"}, func() *Tenant[int] { return &Tenant[int]{World: 2} })
	held, evicted := pool.Stats()
	require.Equal(t, 2, held)
	require.Equal(t, uint64(1), evicted, "the other store's least recent tenant went")
	require.Same(t, a, words.Get(TenantKey{Vendor: "w", APIKey: "a"}, nil))
	made := false
	numbers.Get(TenantKey{Vendor: "n", APIKey: "1"}, func() *Tenant[int] { made = true; return &Tenant[int]{World: 1} })
	require.True(t, made, "the evicted tenant is made again")
}
