package sim

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTenantsHeldAndMove(t *testing.T) {
	t.Parallel()
	pool := NewTenantPool(10)
	ts, other := NewTenants[int](pool), NewTenants[string](pool)
	key := func(k, sc string) TenantKey { return TenantKey{Vendor: "v", APIKey: k, Scenario: sc} }
	mk := func() *Tenant[int] { return NewTenant[int](nil, 0) }
	a := ts.Get(key("a", "default"), mk)
	old := ts.Get(key("a", "disconnected"), mk)
	ts.Get(key("b", "default"), mk)
	other.Get(key("c", "default"), func() *Tenant[string] { return NewTenant(nil, "") })

	held := ts.Held()
	require.Len(t, held, 3, "only this store's tenants")
	require.Equal(t, key("b", "default"), held[0].Key, "most recently used first")
	require.Equal(t, key("b", "default"), ts.Held()[0].Key, "reading does not reorder")

	require.Same(t, a, ts.Move(key("a", "default"), key("a", "disconnected")), "the world is kept")
	require.Same(t, a, ts.Get(key("a", "disconnected"), mk), "the key's new scenario finds it")
	require.NotSame(t, old, ts.Get(key("a", "disconnected"), mk), "it replaced the world held there")
	require.NotSame(t, a, ts.Get(key("a", "default"), mk), "the old scenario gets a fresh world")
	require.Nil(t, ts.Move(key("c", "default"), key("c", "x")), "nothing held, nothing moved")
	require.Same(t, a, ts.Move(key("a", "disconnected"), key("a", "disconnected")))
	held2, _ := pool.Stats()
	require.Equal(t, 4, held2)
}
