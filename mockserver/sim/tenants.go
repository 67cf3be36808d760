package sim

import (
	"container/list"
	"sync"
	"sync/atomic"

	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// TenantKey identifies a tenant: a world belongs to one vendor, one API key
// and one scenario, so parallel tests with different keys never share state
// and the same key under another scenario is another world.
type TenantKey struct {
	Vendor   string
	APIKey   string
	Scenario string
}

// Tenant is one simulated customer of one vendor: its world and its
// rate-limit counters.
type Tenant struct {
	Key      TenantKey
	Scenario *scenarios.Scenario
	// World is the vendor's world; its type is the vendor package's.
	World   any
	Limiter Limiter
	seq     atomic.Uint64 // requests served, for seeded per-request draws
}

// NextSeq returns the tenant's next request sequence number (from 1): the
// n-th request of a tenant draws its latency and faults from (seed, key, n),
// so the same request sequence repeats the same draws.
func (t *Tenant) NextSeq() uint64 { return t.seq.Add(1) }

// Tenants is a bounded set of tenants with least-recently-used eviction, so a
// long-running shared mock does not grow without end.
type Tenants struct {
	max int

	mu    sync.Mutex // guards index and order
	index map[TenantKey]*list.Element
	order *list.List // of *entry, most recently used first
	evict uint64     // tenants evicted so far
}

type entry struct {
	key    TenantKey
	tenant *Tenant
}

// NewTenants returns an empty set holding at most max tenants (max < 1 means 1).
func NewTenants(max int) *Tenants {
	if max < 1 {
		max = 1
	}
	return &Tenants{max: max, index: map[TenantKey]*list.Element{}, order: list.New()}
}

// Get returns the tenant for key, creating it with create on first use. The
// world is built outside the lock so that a slow generation does not stall
// other tenants; if two requests race to create the same tenant, the first one
// stored wins and both get it.
func (ts *Tenants) Get(key TenantKey, create func() *Tenant) *Tenant {
	if t := ts.lookup(key); t != nil {
		return t
	}
	fresh := create()
	fresh.Key = key
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if el, ok := ts.index[key]; ok {
		ts.order.MoveToFront(el)
		return el.Value.(*entry).tenant
	}
	ts.insertLocked(key, fresh)
	return fresh
}

func (ts *Tenants) lookup(key TenantKey) *Tenant {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if el, ok := ts.index[key]; ok {
		ts.order.MoveToFront(el)
		return el.Value.(*entry).tenant
	}
	return nil
}

func (ts *Tenants) insertLocked(key TenantKey, t *Tenant) {
	ts.index[key] = ts.order.PushFront(&entry{key: key, tenant: t})
	for ts.order.Len() > ts.max {
		last := ts.order.Back()
		ts.order.Remove(last)
		delete(ts.index, last.Value.(*entry).key)
		ts.evict++
	}
}

// Alias makes alias name the same tenant as target, e.g. a Konnector API key
// created by /create-api-key that works on its creator's organisation. It
// reports false when target is not (or no longer) present.
func (ts *Tenants) Alias(alias, target TenantKey) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	el, ok := ts.index[target]
	if !ok {
		return false
	}
	t := el.Value.(*entry).tenant
	if old, ok := ts.index[alias]; ok {
		ts.order.Remove(old)
		delete(ts.index, alias)
	}
	ts.insertLocked(alias, t)
	return true
}

// Reset forgets every tenant, or only those of one API key when apiKey is not
// empty, and returns how many entries it removed. Their next request
// regenerates a fresh world.
func (ts *Tenants) Reset(apiKey string) int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	n := 0
	for key, el := range ts.index {
		if apiKey == "" || key.APIKey == apiKey {
			ts.order.Remove(el)
			delete(ts.index, key)
			n++
		}
	}
	return n
}

// Stats reports the number of tenants held and evicted so far.
func (ts *Tenants) Stats() (held int, evicted uint64) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.order.Len(), ts.evict
}
