package sim

// HeldTenant is one entry of the tenant set: the key it is filed under and
// the tenant (aliases file one tenant under several keys).
type HeldTenant struct {
	Key    TenantKey
	Tenant *Tenant
}

// Held returns the tenants held, most recently used first. It does not
// touch their recency: reading them is not using them.
func (ts *Tenants) Held() []HeldTenant {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	out := make([]HeldTenant, 0, ts.order.Len())
	for el := ts.order.Front(); el != nil; el = el.Next() {
		e := el.Value.(*entry)
		out = append(out, HeldTenant{Key: e.key, Tenant: e.tenant})
	}
	return out
}

// Move files the tenant held under from under to instead, replacing any
// tenant held under to, and returns it (nil when from is not held). The
// tenant keeps its world: this is what an in-place scenario switch does,
// so that the key's next requests, which name the new scenario, find it.
func (ts *Tenants) Move(from, to TenantKey) *Tenant {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	el, ok := ts.index[from]
	if !ok {
		return nil
	}
	t := el.Value.(*entry).tenant
	if from == to {
		return t
	}
	ts.order.Remove(el)
	delete(ts.index, from)
	if old, ok := ts.index[to]; ok {
		ts.order.Remove(old)
		delete(ts.index, to)
	}
	ts.insertLocked(to, t)
	return t
}
