// Package driver generates realistic mixed traffic against a linkedin-mock
// server: many tenants of both vendors, reads and writes, and a share of bad
// requests. It measures throughput and latency, classifies every status as
// expected or not, and at the end checks from outside that nothing was lost:
// every campaign, message, job and API key it created is there with the
// state it last set, and every quota moved by exactly what it consumed.
//
// The same traffic can be sent to a bare net/http handler (BareHandler), so
// that one run compares the mock with the cost of HTTP itself.
package driver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config is one load run.
type Config struct {
	// URL is the server's root, e.g. http://127.0.0.1:8080.
	URL string
	// Duration bounds the run when Requests is 0.
	Duration time.Duration
	// Requests, when set, is the number of measured requests to send.
	Requests int64
	// Concurrency is the number of workers, each with its own connection.
	Concurrency int
	// SkyLightTenants and KonnectorTenants are the API keys of a
	// generation; defaults 16 and 256 (a SkyLight world holds about half a
	// MiB; Konnector allows 100 requests a minute per key, so its traffic
	// needs many keys).
	SkyLightTenants, KonnectorTenants int
	// KeyPrefix starts every API key; empty picks a random one, so runs
	// against one server do not share tenants.
	KeyPrefix string
	// BadShare is the share of deliberately bad requests (default 0.08).
	BadShare float64
	// Generation, when set, is the number of requests after which the
	// tenants are verified, reset through the admin API and replaced by
	// fresh ones (the soak's way of keeping the server's memory flat).
	Generation int64
	// AdminToken is sent to /__admin when set.
	AdminToken string
	// Seed makes the traffic repeatable.
	Seed uint64
	// Timeout bounds each request (default 10s).
	Timeout time.Duration
	// Rate, when set, paces the traffic to this many steps a second over
	// all workers (an open loop), so latency can be read below saturation;
	// zero sends as fast as the workers go (a closed loop).
	Rate float64
	// Bare means the server is a bare handler answering static JSON:
	// nothing is set up, tracked or verified, and every status is expected.
	// Answers are still decoded where the mock's are, so that the client
	// does about the same work in both runs.
	Bare bool
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Counter, when set, counts the measured requests as they are sent
	// (for a sampler running alongside).
	Counter *atomic.Int64
}

func (c Config) withDefaults() Config {
	if c.Concurrency <= 0 {
		c.Concurrency = 64
	}
	if c.SkyLightTenants <= 0 {
		c.SkyLightTenants = 16
	}
	if c.KonnectorTenants <= 0 {
		c.KonnectorTenants = 256
	}
	if c.KeyPrefix == "" {
		c.KeyPrefix = fmt.Sprintf("load%04x", rand.Uint32()&0xffff)
	}
	if c.BadShare == 0 {
		c.BadShare = 0.08
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Duration <= 0 && c.Requests <= 0 {
		c.Duration = 10 * time.Second
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	c.URL = strings.TrimRight(c.URL, "/")
	return c
}

// Run sends the traffic and returns what it measured and verified. It
// returns an error only when the run could not take place (the server is
// unreachable, setup failed); failed checks are in the Result.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg = cfg.withDefaults()
	d := newDriver(cfg)
	defer d.client.CloseIdleConnections()
	res := newResult(cfg)
	start := time.Now()
	deadline := time.Time{}
	for gen := 0; ; gen++ {
		w, err := d.setupGeneration(ctx, gen)
		if err != nil {
			return nil, err
		}
		if deadline.IsZero() && cfg.Requests <= 0 {
			deadline = time.Now().Add(cfg.Duration) // setup is not part of the run
		}
		budget := cfg.Requests - res.Requests
		if cfg.Requests <= 0 {
			budget = 0
		}
		if cfg.Generation > 0 && (budget == 0 || cfg.Generation < budget) {
			budget = cfg.Generation
		}
		elapsed := d.runGeneration(ctx, w, budget, deadline, res)
		res.Elapsed += elapsed
		if !cfg.Bare {
			res.Verify.add(d.verify(ctx, w))
			if cfg.Generation > 0 {
				d.reset(ctx, w, res)
			}
		}
		fmt.Fprintf(cfg.Log, "generation %d: %d requests in %s (total %d)\n", gen, w.sent.Load(), elapsed.Round(time.Millisecond), res.Requests)
		switch {
		case ctx.Err() != nil:
		case cfg.Requests > 0 && res.Requests < cfg.Requests:
			continue
		case cfg.Requests <= 0 && cfg.Generation > 0 && time.Now().Before(deadline):
			continue
		}
		break
	}
	res.finish(time.Since(start))
	return res, nil
}

// driver holds what every generation shares: the HTTP client and config.
type driver struct {
	cfg    Config
	client *http.Client
}

func newDriver(cfg Config) *driver {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        cfg.Concurrency * 2,
		MaxIdleConnsPerHost: cfg.Concurrency * 2,
		MaxConnsPerHost:     0,
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  true,
	}
	return &driver{cfg: cfg, client: &http.Client{Transport: tr, Timeout: cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// world is one generation: its tenants and the requests sent to them.
type world struct {
	gen       int
	skylight  []*slTenant
	konnector []*knTenant
	sent      atomic.Int64
}

// runGeneration runs the workers until the budget of requests is spent (0:
// no budget), the deadline passes (zero: none) or ctx ends. It returns the
// time the workers ran.
func (d *driver) runGeneration(ctx context.Context, w *world, budget int64, deadline time.Time, res *Result) time.Duration {
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	if !deadline.IsZero() {
		t := time.AfterFunc(time.Until(deadline), halt)
		defer t.Stop()
	}
	go func() {
		select {
		case <-ctx.Done():
			halt()
		case <-stop:
		}
	}()
	start := time.Now()
	pace := newPacer(d.cfg.Rate, start)
	workers := make([]*worker, d.cfg.Concurrency)
	for i := range workers {
		workers[i] = d.newWorker(w, i)
		wg.Add(1)
		go func(wk *worker) {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if budget > 0 && w.sent.Load() >= budget {
					halt()
					return
				}
				if !pace.wait(stop) {
					return
				}
				wk.step(ctx)
			}
		}(workers[i])
	}
	wg.Wait()
	halt()
	elapsed := time.Since(start)
	for _, wk := range workers {
		res.merge(&wk.stats)
	}
	return elapsed
}

// reset forgets the generation's tenants on the server (POST /__admin/reset
// per key), as a CI job does when it is done with its tenant.
func (d *driver) reset(ctx context.Context, w *world, res *Result) {
	var keys []string
	for _, t := range w.skylight {
		keys = append(keys, t.key)
	}
	for _, t := range w.konnector {
		keys = append(keys, t.key)
		keys = append(keys, t.issuedKeys()...)
	}
	for _, k := range keys {
		body := fmt.Sprintf(`{"api_key":%q}`, k)
		st, _, err := d.admin(ctx, http.MethodPost, "/__admin/reset", body)
		if err != nil || st != http.StatusOK {
			res.Verify.Problems = append(res.Verify.Problems, fmt.Sprintf("reset of a tenant answered %d (%v)", st, err))
			return
		}
	}
}

// admin sends a control-API request.
func (d *driver) admin(ctx context.Context, method, path, body string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, d.cfg.URL+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if d.cfg.AdminToken != "" {
		req.Header.Set("Authorization", "Bearer "+d.cfg.AdminToken)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// errSetup wraps a failure to prepare tenants.
var errSetup = errors.New("setup")

// pacer spaces the steps of all workers evenly at a rate.
type pacer struct {
	interval int64 // nanoseconds between steps; 0: no pacing
	next     atomic.Int64
}

func newPacer(rate float64, start time.Time) *pacer {
	p := &pacer{}
	if rate > 0 {
		p.interval = int64(float64(time.Second) / rate)
		p.next.Store(start.UnixNano())
	}
	return p
}

// wait blocks until the caller's slot; it reports false if stop closed.
func (p *pacer) wait(stop <-chan struct{}) bool {
	if p.interval == 0 {
		return true
	}
	slot := p.next.Add(p.interval) - p.interval
	d := time.Until(time.Unix(0, slot))
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-stop:
		return false
	case <-t.C:
		return true
	}
}
