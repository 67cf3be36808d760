package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
	"weak"
)

// Config configures a Dispatcher. Zero fields take the defaults named.
type Config struct {
	// Seed makes delivery ids and secrets repeatable.
	Seed int64
	// Clock is the virtual clock events and retries follow. Required.
	Clock Clock
	// Frozen tells that the clock moves only when advanced, so the loop
	// collects events only then.
	Frozen bool
	// AllowHosts are the hosts deliveries may go to: names, IPs, CIDR
	// prefixes, or "*". Empty means loopback only.
	AllowHosts []string
	// Timeout is how long a receiver has to answer; 0 means the published
	// 30 s.
	Timeout time.Duration
	// Workers is the number of concurrent deliveries; 0 means 4.
	Workers int
	// QueueSize caps the pending deliveries of the whole server; beyond it a
	// new delivery fails at once. 0 means 10000.
	QueueSize int
	// LogSize is how many deliveries each tenant's log keeps; 0 means 500.
	LogSize int
	// OutboxSize is how many deliveries the admin view keeps; 0 means 1000.
	OutboxSize int
	// Poll is how often the loop looks at the clock; 0 means 50 ms.
	Poll time.Duration
	// CatchUp is how often a ticking clock's events are collected; 0 means
	// 1 s.
	CatchUp time.Duration
	// Logger receives one line per failed attempt; nil discards.
	Logger *slog.Logger
}

// Dispatcher delivers the events of every Registry through a bounded pool of
// workers. It starts its goroutines when the first webhook is registered, so
// a server that never sees one runs none; Close stops them.
type Dispatcher struct {
	cfg    Config
	allow  allowlist
	client *http.Client
	ctx    context.Context
	cancel context.CancelFunc
	once   sync.Once
	wg     sync.WaitGroup

	mu      sync.Mutex // guards every field below
	ready   []*Registry
	wake    *sync.Cond // signalled when ready grows or the dispatcher closes
	watched []weak.Pointer[Registry]
	pending int            // deliveries holding a place in the queue
	outbox  []outboxEntry  // newest last, at most OutboxSize
	counts  map[string]int // delivered deliveries per event, for coverage
	closed  bool
}

// outboxEntry is a delivery in the admin view. Its registry's mu guards it;
// the pointer is weak so that the view does not keep forgotten worlds alive
// (once the registry is gone, nothing changes the delivery any more).
type outboxEntry struct {
	r     weak.Pointer[Registry]
	label *label
	d     *delivery
}

// New returns a dispatcher; it fails on an unreadable allowlist entry.
func New(cfg Config) (*Dispatcher, error) {
	if cfg.Clock == nil {
		return nil, errors.New("webhook: a clock is required")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 10000
	}
	if cfg.LogSize <= 0 {
		cfg.LogSize = 500
	}
	if cfg.OutboxSize <= 0 {
		cfg.OutboxSize = 1000
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 50 * time.Millisecond
	}
	if cfg.CatchUp <= 0 {
		cfg.CatchUp = time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	a, err := newAllowlist(cfg.AllowHosts)
	if err != nil {
		return nil, err
	}
	d := &Dispatcher{cfg: cfg, allow: a, client: newClient(a, cfg.Timeout, cfg.Workers), counts: map[string]int{}}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	d.wake = sync.NewCond(&d.mu)
	return d, nil
}

// start runs the workers and the clock loop, once.
func (d *Dispatcher) start() {
	d.once.Do(func() {
		d.mu.Lock()
		closed := d.closed
		d.mu.Unlock()
		if closed {
			return
		}
		for range d.cfg.Workers {
			d.wg.Add(1)
			go d.worker()
		}
		d.wg.Add(1)
		go d.loop()
	})
}

// Close stops the loop and the workers: attempts in flight are aborted, and
// Close waits at most five seconds for them to notice.
func (d *Dispatcher) Close() error {
	d.mu.Lock()
	d.closed = true
	d.wake.Broadcast()
	d.mu.Unlock()
	d.cancel()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	defer d.client.CloseIdleConnections()
	select {
	case <-done:
		return nil
	case <-time.After(5 * time.Second):
		return errors.New("webhook: deliveries still running 5s after close")
	}
}

// watch adds r to the registries the clock loop collects events for.
func (d *Dispatcher) watch(r *Registry) {
	d.mu.Lock()
	d.watched = append(d.watched, weak.Make(r))
	d.mu.Unlock()
	d.start()
}

// Forget closes the registries of one API key (every one when apiKey is
// empty), as their worlds are reset: their pending deliveries fail and
// nothing more is sent for them.
func (d *Dispatcher) Forget(apiKey string) {
	for _, r := range d.live() {
		if apiKey == "" || r.owner.APIKey == apiKey {
			r.close()
		}
	}
}

// live returns the watched registries still in use, pruning the others. It
// never holds d.mu and a registry's mu together (registries lock d.mu under
// their own).
func (d *Dispatcher) live() []*Registry {
	d.mu.Lock()
	all := make([]*Registry, 0, len(d.watched))
	kept := d.watched[:0]
	for _, w := range d.watched {
		if r := w.Value(); r != nil {
			all = append(all, r)
			kept = append(kept, w)
		}
	}
	clear(d.watched[len(kept):])
	d.watched = kept
	d.mu.Unlock()
	out := all[:0]
	for _, r := range all {
		if !r.isClosed() {
			out = append(out, r)
		}
	}
	return out
}

func (r *Registry) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// loop collects events whenever the clock has moved: at once after an
// advance, and every CatchUp on a ticking clock.
func (d *Dispatcher) loop() {
	defer d.wg.Done()
	t := time.NewTicker(d.cfg.Poll)
	defer t.Stop()
	lastOffset, lastRun := time.Duration(-1), time.Now() // -1: collect once at start, whenever the clock moved before
	for {
		select {
		case <-d.ctx.Done():
			return
		case <-t.C:
		}
		off := d.cfg.Clock.Offset()
		if off == lastOffset && (d.cfg.Frozen || time.Since(lastRun) < d.cfg.CatchUp) {
			continue
		}
		lastOffset, lastRun = off, time.Now()
		now := d.cfg.Clock.Now()
		for _, r := range d.live() {
			if r.collect(now) {
				r.mu.Lock()
				r.scheduleLocked()
				r.mu.Unlock()
			}
		}
	}
}

// push appends r to the ready queue.
func (d *Dispatcher) push(r *Registry) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.ready = append(d.ready, r)
	d.wake.Signal()
}

// next waits for a ready registry; nil when the dispatcher closes.
func (d *Dispatcher) next() *Registry {
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.ready) == 0 && !d.closed {
		d.wake.Wait()
	}
	if d.closed {
		return nil
	}
	r := d.ready[0]
	d.ready[0] = nil
	d.ready = d.ready[1:]
	return r
}

func (d *Dispatcher) worker() {
	defer d.wg.Done()
	for {
		r := d.next()
		if r == nil {
			return
		}
		d.attempt(r)
	}
}

// attempt makes one attempt of r's earliest due delivery, then puts r back
// in the queue if more are due: one registry's deliveries go out one at a
// time, in order, and a busy registry does not starve the others.
func (d *Dispatcher) attempt(r *Registry) {
	now := d.cfg.Clock.Now()
	r.mu.Lock()
	if !r.hasDueLocked(now) {
		r.queued = false
		r.mu.Unlock()
		return
	}
	del := r.pending[0]
	r.pending = r.pending[1:]
	a := Attempt{N: len(del.attempts) + 1, At: del.due}
	h := r.find(del.hookID)
	switch {
	case h == nil:
		a.Error = "the webhook was deleted: not sent"
	case !h.Active && !del.test:
		a.Error = "the webhook is inactive: not sent"
	}
	if a.Error != "" {
		r.finishLocked(del, a, true)
		r.requeueLocked(now)
		r.mu.Unlock()
		return
	}
	url, secret, body, event, id := h.URL, h.secret, del.body, del.event, del.deliveryID
	r.mu.Unlock()

	start := time.Now()
	a.StatusCode, a.Error = d.post(url, secret, body, event, attemptID(id, a.N), a.At)
	a.DurationMS = float64(time.Since(start).Microseconds()) / 1000
	if a.Error != "" {
		d.cfg.Logger.Warn("webhook attempt failed", "event", event, "delivery_id", id, "attempt", a.N, "error", a.Error)
	}

	r.mu.Lock()
	r.finishLocked(del, a, r.closed)
	r.requeueLocked(d.cfg.Clock.Now())
	r.mu.Unlock()
}

// requeueLocked keeps r in the ready queue if another delivery is due.
func (r *Registry) requeueLocked(now time.Time) {
	if r.hasDueLocked(now) {
		r.d.push(r)
		return
	}
	r.queued = false
}

// attemptID is the X-Skylight-Delivery header: a UUID per attempt, derived
// from the delivery's id (published: one UUID per attempt; the body's
// delivery_id stays the same across retries).
func attemptID(deliveryID string, n int) string {
	return uuidFrom(derive("attempt", deliveryID, fmt.Sprint(n)))
}

// post makes one signed POST and returns the status or why there is none.
func (d *Dispatcher) post(url, secret string, body []byte, event, attempt string, at time.Time) (int, string) {
	ctx, cancel := context.WithTimeout(d.ctx, d.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "building the request failed: " + err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "linkedin-mock-webhooks/1")
	req.Header.Set(eventHeader, event)
	req.Header.Set(deliveryHeader, attempt)
	req.Header.Set(timestampHeader, unixSeconds(at))
	req.Header.Set(signatureHeader, sign(secret, body))
	resp, err := d.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return 0, fmt.Sprintf("no answer within %s", d.cfg.Timeout)
		}
		return 0, err.Error()
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, ""
}

// reserve takes a place in the queue for a registry (counted in held);
// false (with the count) when full.
func (d *Dispatcher) reserve(held *atomic.Int64) (int, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending >= d.cfg.QueueSize {
		return d.pending, false
	}
	d.pending++
	held.Add(1)
	return d.pending, true
}

// unreserve gives back n places: one delivery's, or what a dropped
// registry still held.
func (d *Dispatcher) unreserve(n int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending -= int(n)
}

// record adds a new delivery to the admin view.
func (d *Dispatcher) record(r *Registry, del *delivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.outbox = append(d.outbox, outboxEntry{r: weak.Make(r), label: r.label, d: del})
	if over := len(d.outbox) - d.cfg.OutboxSize; over > 0 {
		clear(d.outbox[:over])
		d.outbox = d.outbox[over:]
	}
}

func (d *Dispatcher) delivered(event string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.counts[event]++
}

// Filter selects deliveries in the admin view; zero fields match all.
type Filter struct {
	Event  string
	Status string
	Limit  int
}

// Outbox returns the server's recent deliveries, newest first.
func (d *Dispatcher) Outbox(f Filter) []DeliveryView {
	d.mu.Lock()
	entries := append([]outboxEntry(nil), d.outbox...)
	d.mu.Unlock()
	out := []DeliveryView{}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		r := e.r.Value()
		if r != nil {
			r.mu.Lock()
		}
		if (f.Event == "" || e.d.event == f.Event) && (f.Status == "" || e.d.status == f.Status) {
			out = append(out, e.d.view(e.label))
		}
		if r != nil {
			r.mu.Unlock()
		}
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out
}

// Coverage returns how many deliveries of each event were delivered.
func (d *Dispatcher) Coverage() map[string]int {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]int, len(d.counts))
	for k, v := range d.counts {
		out[k] = v
	}
	return out
}

// ResetCoverage forgets the delivered counts.
func (d *Dispatcher) ResetCoverage() {
	d.mu.Lock()
	defer d.mu.Unlock()
	clear(d.counts)
}
