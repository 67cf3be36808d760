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

// Tenant is one simulated customer of one vendor: its world, of the
// vendor's type W, and its rate-limit counters.
type Tenant[W any] struct {
	// Key is the key the tenant was created under: its world's identity
	// and the source of its seeded draws. An in-place scenario switch
	// (Tenants.Move) files the tenant under another key but keeps this one.
	Key      TenantKey
	World    W
	Limiter  Limiter
	scenario atomic.Pointer[scenarios.Scenario] // settings in force; swapped by an in-place switch
	seq      atomic.Uint64                      // requests served, for seeded per-request draws
}

// NewTenant returns a tenant holding world under sc.
func NewTenant[W any](sc *scenarios.Scenario, world W) *Tenant[W] {
	t := &Tenant[W]{World: world}
	t.scenario.Store(sc)
	return t
}

// Scenario returns the scenario whose settings are in force for the tenant.
func (t *Tenant[W]) Scenario() *scenarios.Scenario { return t.scenario.Load() }

// SetScenario puts sc's settings in force for the tenant's next requests.
func (t *Tenant[W]) SetScenario(sc *scenarios.Scenario) { t.scenario.Store(sc) }

// NextSeq returns the tenant's next request sequence number (from 1): the
// n-th request of a tenant draws its latency and faults from (seed, key, n),
// so the same request sequence repeats the same draws.
func (t *Tenant[W]) NextSeq() uint64 { return t.seq.Add(1) }

// TenantPool bounds the tenants of several stores together (one store per
// vendor, each typed by its world): at most max tenants in all, the least
// recently used evicted first, so a long-running shared mock does not grow
// without end.
type TenantPool struct {
	max int

	mu    sync.Mutex // guards order, evict and every store of the pool
	order *list.List // of pooled, most recently used first
	evict uint64     // tenants evicted so far
}

// pooled is an entry of the pool's order: it can take itself out of its
// store.
type pooled interface {
	tenantKey() TenantKey
	scenario() *scenarios.Scenario // the tenant's scenario in force
	drop()                         // removes the entry from its store's index; pool.mu is held
}

// NewTenantPool returns an empty pool holding at most max tenants (max < 1
// means 1).
func NewTenantPool(max int) *TenantPool {
	if max < 1 {
		max = 1
	}
	return &TenantPool{max: max, order: list.New()}
}

// Reset forgets every tenant, or only those of one API key when apiKey is not
// empty, and returns how many entries it removed. Their next request
// regenerates a fresh world.
func (p *TenantPool) Reset(apiKey string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for el := p.order.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(pooled); apiKey == "" || e.tenantKey().APIKey == apiKey {
			p.order.Remove(el)
			e.drop()
			n++
		}
		el = next
	}
	return n
}

// Forget removes every tenant for which drop reports true (drop is called
// under the pool's lock, once per key, with the scenario the tenant's world
// was made from) and returns how many entries it removed: their next request
// regenerates a fresh world.
func (p *TenantPool) Forget(drop func(TenantKey, *scenarios.Scenario) bool) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for el := p.order.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(pooled); drop(e.tenantKey(), e.scenario()) {
			p.order.Remove(el)
			e.drop()
			n++
		}
		el = next
	}
	return n
}

// Stats reports the number of tenants held and evicted so far.
func (p *TenantPool) Stats() (held int, evicted uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.order.Len(), p.evict
}

// insertLocked puts e first in the order, evicting beyond the bound.
func (p *TenantPool) insertLocked(e pooled) *list.Element {
	el := p.order.PushFront(e)
	for p.order.Len() > p.max {
		last := p.order.Back()
		p.order.Remove(last)
		last.Value.(pooled).drop()
		p.evict++
	}
	return el
}

// Tenants is one vendor's tenants, whose worlds are of type W, bounded by
// the pool it shares with the other vendors.
type Tenants[W any] struct {
	pool    *TenantPool
	index   map[TenantKey]*list.Element // in pool.order; guarded by pool.mu
	pending map[TenantKey]*pendingTenant[W]
}

type entry[W any] struct {
	key    TenantKey
	tenant *Tenant[W]
	store  *Tenants[W]
}

func (e *entry[W]) tenantKey() TenantKey { return e.key }

func (e *entry[W]) scenario() *scenarios.Scenario { return e.tenant.Scenario() }

func (e *entry[W]) drop() {
	if el, ok := e.store.index[e.key]; ok && el.Value == pooled(e) {
		delete(e.store.index, e.key)
	}
}

// pendingTenant is a tenant being created; requests for the same key wait
// for it instead of generating the same world again.
type pendingTenant[W any] struct {
	done   chan struct{} // closed when creation ended
	tenant *Tenant[W]    // nil if creation panicked
}

// NewTenants returns an empty store bounded by pool.
func NewTenants[W any](pool *TenantPool) *Tenants[W] {
	return &Tenants[W]{pool: pool, index: map[TenantKey]*list.Element{}, pending: map[TenantKey]*pendingTenant[W]{}}
}

// Get returns the tenant for key, creating it with create on first use. The
// world is built outside the lock so that a slow generation does not stall
// other tenants, and only once: requests that arrive for a key while its
// world is being generated wait for it (a burst of first requests from a
// new client would otherwise generate its world once per request).
func (ts *Tenants[W]) Get(key TenantKey, create func() *Tenant[W]) *Tenant[W] {
	mu := &ts.pool.mu
	for {
		mu.Lock()
		if el, ok := ts.index[key]; ok {
			ts.pool.order.MoveToFront(el)
			t := el.Value.(*entry[W]).tenant
			mu.Unlock()
			return t
		}
		if p, ok := ts.pending[key]; ok {
			mu.Unlock()
			<-p.done
			if p.tenant != nil {
				return p.tenant
			}
			continue // its creation panicked: try again
		}
		p := &pendingTenant[W]{done: make(chan struct{})}
		ts.pending[key] = p
		mu.Unlock()
		return ts.build(key, p, create)
	}
}

// build creates the pending tenant of key and stores it, even if an Alias
// named the key meanwhile (that one wins). Waiters are released whatever
// happens, a panic included.
func (ts *Tenants[W]) build(key TenantKey, p *pendingTenant[W], create func() *Tenant[W]) (t *Tenant[W]) {
	defer func() {
		ts.pool.mu.Lock()
		delete(ts.pending, key)
		if t != nil {
			if el, ok := ts.index[key]; ok {
				ts.pool.order.MoveToFront(el)
				t = el.Value.(*entry[W]).tenant
			} else {
				ts.insertLocked(key, t)
			}
		}
		p.tenant = t
		ts.pool.mu.Unlock()
		close(p.done)
	}()
	t = create()
	t.Key = key
	return t
}

func (ts *Tenants[W]) insertLocked(key TenantKey, t *Tenant[W]) {
	ts.index[key] = ts.pool.insertLocked(&entry[W]{key: key, tenant: t, store: ts})
}

// Alias makes alias name the same tenant as target, e.g. a Konnector API key
// created by /create-api-key that works on its creator's organisation. It
// reports false when target is not (or no longer) present.
func (ts *Tenants[W]) Alias(alias, target TenantKey) bool {
	ts.pool.mu.Lock()
	defer ts.pool.mu.Unlock()
	el, ok := ts.index[target]
	if !ok {
		return false
	}
	t := el.Value.(*entry[W]).tenant
	if old, ok := ts.index[alias]; ok {
		ts.pool.order.Remove(old)
		delete(ts.index, alias)
	}
	ts.insertLocked(alias, t)
	return true
}
