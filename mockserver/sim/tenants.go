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

	mu      sync.Mutex // guards index, order, pending and evict
	index   map[TenantKey]*list.Element
	order   *list.List // of *entry, most recently used first
	pending map[TenantKey]*pendingTenant
	evict   uint64 // tenants evicted so far
}

type entry struct {
	key    TenantKey
	tenant *Tenant
}

// pendingTenant is a tenant being created; requests for the same key wait
// for it instead of generating the same world again.
type pendingTenant struct {
	done   chan struct{} // closed when creation ended
	tenant *Tenant       // nil if creation panicked
}

// NewTenants returns an empty set holding at most max tenants (max < 1 means 1).
func NewTenants(max int) *Tenants {
	if max < 1 {
		max = 1
	}
	return &Tenants{max: max, index: map[TenantKey]*list.Element{}, order: list.New(), pending: map[TenantKey]*pendingTenant{}}
}

// Get returns the tenant for key, creating it with create on first use. The
// world is built outside the lock so that a slow generation does not stall
// other tenants, and only once: requests that arrive for a key while its
// world is being generated wait for it (a burst of first requests from a
// new client would otherwise generate its world once per request).
func (ts *Tenants) Get(key TenantKey, create func() *Tenant) *Tenant {
	for {
		ts.mu.Lock()
		if el, ok := ts.index[key]; ok {
			ts.order.MoveToFront(el)
			t := el.Value.(*entry).tenant
			ts.mu.Unlock()
			return t
		}
		if p, ok := ts.pending[key]; ok {
			ts.mu.Unlock()
			<-p.done
			if p.tenant != nil {
				return p.tenant
			}
			continue // its creation panicked: try again
		}
		p := &pendingTenant{done: make(chan struct{})}
		ts.pending[key] = p
		ts.mu.Unlock()
		return ts.build(key, p, create)
	}
}

// build creates the pending tenant of key and stores it, even if an Alias
// named the key meanwhile (that one wins). Waiters are released whatever
// happens, a panic included.
func (ts *Tenants) build(key TenantKey, p *pendingTenant, create func() *Tenant) (t *Tenant) {
	defer func() {
		ts.mu.Lock()
		delete(ts.pending, key)
		if t != nil {
			if el, ok := ts.index[key]; ok {
				ts.order.MoveToFront(el)
				t = el.Value.(*entry).tenant
			} else {
				ts.insertLocked(key, t)
			}
		}
		p.tenant = t
		ts.mu.Unlock()
		close(p.done)
	}()
	t = create()
	t.Key = key
	return t
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

// Forget removes every tenant for which drop reports true (drop is called
// under the set's lock, once per key) and returns how many entries it
// removed: their next request regenerates a fresh world.
func (ts *Tenants) Forget(drop func(*Tenant) bool) int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	n := 0
	for key, el := range ts.index {
		if drop(el.Value.(*entry).tenant) {
			ts.order.Remove(el)
			delete(ts.index, key)
			n++
		}
	}
	return n
}
