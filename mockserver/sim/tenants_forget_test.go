package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// TestForgetDropsOnlyWhatItIsAsked: Forget removes the tenants drop picks,
// aliases included, across the pool's stores; the others keep their worlds.
func TestForgetDropsOnlyWhatItIsAsked(t *testing.T) {
	pool := NewTenantPool(10)
	a, b := NewTenants[string](pool), NewTenants[int](pool)
	old, kept := &scenarios.Scenario{Name: "demo"}, &scenarios.Scenario{Name: "other"}
	ka := TenantKey{Vendor: "a", APIKey: "k", Scenario: "demo"}
	kb := TenantKey{Vendor: "b", APIKey: "k", Scenario: "other"}
	a.Get(ka, func() *Tenant[string] { return NewTenant(old, "first") })
	b.Get(kb, func() *Tenant[int] { return NewTenant(kept, 1) })
	alias := TenantKey{Vendor: "a", APIKey: "created", Scenario: "demo"}
	require.True(t, a.Alias(alias, ka))

	n := pool.Forget(func(k TenantKey, sc *scenarios.Scenario) bool { return sc == old })
	require.Equal(t, 2, n, "the tenant and its alias")
	held, _ := pool.Stats()
	require.Equal(t, 1, held)

	got := a.Get(ka, func() *Tenant[string] { return NewTenant(old, "second") })
	require.Equal(t, "second", got.World, "a forgotten tenant is made again on its next use")
	same := b.Get(kb, func() *Tenant[int] { return &Tenant[int]{World: 2} })
	require.Equal(t, 1, same.World, "the others keep their worlds")
}
