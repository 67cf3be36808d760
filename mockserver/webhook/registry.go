package webhook

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Owner names the tenant a Registry belongs to.
type Owner struct {
	Vendor, APIKey, Scenario string
}

// Hook is a registered webhook as the management API shows it. Its secret is
// not part of it: Create and Regenerate return it, nothing else does.
type Hook struct {
	ID        int
	Name      string
	URL       string
	Events    []string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// hook is a webhook with its secret.
type hook struct {
	Hook
	secret     string
	generation int // of the secret
	tests      int // test events sent so far
}

// Patch changes some fields of a webhook; nil fields stay as they are.
type Patch struct {
	Name   *string
	URL    *string
	Events []string
	Active *bool
}

// Registry is one tenant's webhooks and delivery log. It belongs to the
// tenant's world, so it goes away with it (reset, eviction). Its methods are
// safe for concurrent use.
type Registry struct {
	d        *Dispatcher
	owner    Owner
	identity string // the seed and the owner, for derived ids and secrets
	label    *label // how the admin view names the owner
	src      Source
	// held counts the queue places this registry's pending deliveries
	// hold; a registry dropped with its world (evicted) gives them back.
	held *atomic.Int64

	mu         sync.Mutex // guards every field below
	hooks      []*hook    // by id
	nextHook   int
	cursor     time.Time            // events before it have been collected
	prevCursor time.Time            // the cursor before the last collection
	seen       map[string]time.Time // keys collected since the next collection's start
	watched    bool                 // known to the dispatcher's clock loop
	pending    []*delivery          // by (due, id)
	log        []*delivery          // newest last, at most Config.LogSize
	nextID     int                  // of deliveries
	queued     bool                 // in the dispatcher's ready queue or being worked on
	closed     bool                 // forgotten: delivers nothing more
}

// NewRegistry returns the registry of a tenant whose world produces src's
// events.
func (d *Dispatcher) NewRegistry(o Owner, src Source) *Registry {
	r := &Registry{d: d, owner: o, src: src, nextHook: 1, nextID: 1, held: new(atomic.Int64),
		identity: fmt.Sprint(d.cfg.Seed, "\x00", o.Vendor, "\x00", o.APIKey, "\x00", o.Scenario),
		label:    &label{vendor: o.Vendor, tenant: maskKey(o.APIKey), scenario: o.Scenario}}
	runtime.AddCleanup(r, func(held *atomic.Int64) { d.unreserve(held.Load()) }, r.held)
	return r
}

// maskKey shows only the last four characters of an API key, as the
// journal does.
func maskKey(key string) string {
	if len(key) <= 4 {
		return strings.Repeat("*", len(key))
	}
	return "…" + key[len(key)-4:]
}

// label names a registry's owner in the admin view, without its key.
type label struct{ vendor, tenant, scenario string }

// CheckURL explains why url cannot be registered (not http(s), or a host
// outside the allowlist, naming the flag that widens it), or returns nil.
func (r *Registry) CheckURL(url string) error { return r.d.allow.checkURL(url) }

// Create registers a webhook at now and returns it with its secret.
func (r *Registry) Create(name, url string, events []string, active bool, now time.Time) (Hook, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := &hook{Hook: Hook{ID: r.nextHook, Name: name, URL: url, Events: slices.Clone(events), Active: active, CreatedAt: now, UpdatedAt: now}}
	r.nextHook++
	h.secret = newSecret(r.identity, h.ID, h.generation)
	r.hooks = append(r.hooks, h)
	r.watchLocked(now)
	return h.view(), h.secret
}

// watchLocked makes the dispatcher's loop collect this registry's events
// from now on.
func (r *Registry) watchLocked(now time.Time) {
	if r.watched || r.closed {
		return
	}
	r.watched, r.cursor, r.prevCursor = true, now, now
	r.d.watch(r)
}

func (h *hook) view() Hook {
	v := h.Hook
	v.Events = slices.Clone(h.Events)
	return v
}

func (r *Registry) find(id int) *hook {
	i := sort.Search(len(r.hooks), func(i int) bool { return r.hooks[i].ID >= id })
	if i < len(r.hooks) && r.hooks[i].ID == id {
		return r.hooks[i]
	}
	return nil
}

// Get returns a webhook.
func (r *Registry) Get(id int) (Hook, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if h := r.find(id); h != nil {
		return h.view(), true
	}
	return Hook{}, false
}

// List returns every webhook, by id.
func (r *Registry) List() []Hook {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Hook, 0, len(r.hooks))
	for _, h := range r.hooks {
		out = append(out, h.view())
	}
	return out
}

// Update applies p at now.
func (r *Registry) Update(id int, p Patch, now time.Time) (Hook, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := r.find(id)
	if h == nil {
		return Hook{}, false
	}
	if p.Name != nil {
		h.Name = *p.Name
	}
	if p.URL != nil {
		h.URL = *p.URL
	}
	if p.Events != nil {
		h.Events = slices.Clone(p.Events)
	}
	if p.Active != nil {
		h.Active = *p.Active
	}
	h.UpdatedAt = now
	return h.view(), true
}

// Delete removes a webhook; its pending deliveries fail.
func (r *Registry) Delete(id int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := r.find(id)
	if h == nil {
		return false
	}
	r.hooks = slices.DeleteFunc(r.hooks, func(x *hook) bool { return x == h })
	return true
}

// Regenerate gives a webhook a new secret at now and returns it; the old one
// stops signing at once.
func (r *Registry) Regenerate(id int, now time.Time) (Hook, string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := r.find(id)
	if h == nil {
		return Hook{}, "", false
	}
	h.generation++
	h.secret = newSecret(r.identity, h.ID, h.generation)
	h.UpdatedAt = now
	return h.view(), h.secret, true
}

// Test queues a test delivery of ev to the webhook, due at once (not waiting
// for the clock to move), and returns it.
func (r *Registry) Test(id int, ev Event) (DeliveryView, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := r.find(id)
	if h == nil {
		return DeliveryView{}, false, nil
	}
	h.tests++
	ev.Key = fmt.Sprintf("test/%d", h.tests)
	d, err := r.enqueueLocked(h, ev, true)
	if err != nil {
		return DeliveryView{}, true, err
	}
	r.d.start()
	r.scheduleLocked()
	return d.view(r.label), true, nil
}

// Deliveries returns a webhook's delivery log, newest first, optionally only
// those of one status.
func (r *Registry) Deliveries(id int, status string) ([]DeliveryView, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.find(id) == nil {
		return nil, false
	}
	out := []DeliveryView{}
	for i := len(r.log) - 1; i >= 0; i-- {
		d := r.log[i]
		if d.hookID == id && (status == "" || d.status == status) {
			out = append(out, d.view(r.label))
		}
	}
	return out, true
}
