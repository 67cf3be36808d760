package sim

// HeldTenant is one entry of a tenant store: the key it is filed under and
// the tenant (aliases file one tenant under several keys).
type HeldTenant[W any] struct {
	Key    TenantKey
	Tenant *Tenant[W]
}

// Held returns the store's tenants, most recently used first. It does not
// touch their recency: reading them is not using them.
func (ts *Tenants[W]) Held() []HeldTenant[W] {
	ts.pool.mu.Lock()
	defer ts.pool.mu.Unlock()
	var out []HeldTenant[W]
	for el := ts.pool.order.Front(); el != nil; el = el.Next() {
		if e, ok := el.Value.(*entry[W]); ok && e.store == ts {
			out = append(out, HeldTenant[W]{Key: e.key, Tenant: e.tenant})
		}
	}
	return out
}

// Move files the tenant held under from under to instead, replacing any
// tenant held under to, and returns it (nil when from is not held). The
// tenant keeps its world: this is what an in-place scenario switch does,
// so that the key's next requests, which name the new scenario, find it.
func (ts *Tenants[W]) Move(from, to TenantKey) *Tenant[W] {
	ts.pool.mu.Lock()
	defer ts.pool.mu.Unlock()
	el, ok := ts.index[from]
	if !ok {
		return nil
	}
	t := el.Value.(*entry[W]).tenant
	if from == to {
		return t
	}
	ts.pool.order.Remove(el)
	delete(ts.index, from)
	if old, ok := ts.index[to]; ok {
		ts.pool.order.Remove(old)
		delete(ts.index, to)
	}
	ts.insertLocked(to, t)
	return t
}
