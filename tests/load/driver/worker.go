package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Base paths of the two vendors.
const (
	skyLightBase  = "/api/v1"
	konnectorBase = "/social_app/api/v1/third_party"
)

// worker sends one request at a time; it owns the campaigns and jobs it
// creates, so it always knows the state it last set on them.
type worker struct {
	d     *driver
	w     *world
	id    int
	rng   *rand.Rand
	stats stats
	mine  map[*slTenant]*owned
	seq   int
}

// owned are the resources one worker created in one tenant.
type owned struct {
	campaigns []*campaignModel
	jobs      []*jobModel
}

func (d *driver) newWorker(w *world, id int) *worker {
	return &worker{d: d, w: w, id: id, rng: rand.New(rand.NewPCG(d.cfg.Seed, uint64(w.gen)<<32|uint64(id))),
		stats: newStats(), mine: map[*slTenant]*owned{}}
}

// request is one HTTP request of the traffic.
type request struct {
	op      string // names the operation in the report
	vendor  string // "skylight" or "konnector"
	method  string
	path    string // under the vendor's base path, with its query
	rawPath bool   // path is absolute (already has the base path)
	body    any    // nil, a string (sent as is) or a value encoded as JSON
	key     string // the API key; empty sends none
	headers []string
	expect  []int // allowed statuses; empty means 2xx
}

// answer is a response as the traffic needs it.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// ok reports whether the answer is a success.
func (a *answer) ok() bool { return a != nil && a.status >= 200 && a.status < 300 }

// decode parses the body into v and reports success.
func (a *answer) decode(v any) bool { return a != nil && json.Unmarshal(a.body, v) == nil }

// do sends rq, measures it and classifies its status. It returns nil when
// no answer came (a transport error, counted).
func (wk *worker) do(ctx context.Context, rq request) *answer {
	a, took, err := wk.d.send(ctx, rq)
	wk.w.sent.Add(1)
	if c := wk.d.cfg.Counter; c != nil {
		c.Add(1)
	}
	wk.stats.ops[rq.op]++
	wk.stats.vendor[rq.vendor]++
	if err != nil {
		if ctx.Err() == nil {
			wk.stats.transport[rq.op]++
			wk.sample(fmt.Sprintf("%s %s %s: %v", time.Now().Format("15:04:05"), rq.op, rq.path, err))
		}
		return nil
	}
	wk.stats.latencies = append(wk.stats.latencies, took)
	if took > time.Second {
		wk.stats.slow++
		wk.sample(fmt.Sprintf("%s %s %s took %s", time.Now().Format("15:04:05"), rq.op, rq.path, took.Round(time.Millisecond)))
	}
	wk.stats.status[a.status]++
	wk.stats.bytes += int64(len(a.body))
	wk.stats.opBytes[rq.op] += int64(len(a.body))
	if a.status == http.StatusTooManyRequests {
		wk.stats.limited++
	}
	if wk.d.cfg.Bare {
		return a
	}
	if !wk.expected(rq, a.status) {
		wk.unexpected(rq, a)
		return a
	}
	if a.status >= 400 && a.status < 500 {
		wk.stats.expected4++
	}
	return a
}

// expected tells whether a status is one the request allows. A Konnector
// request may always meet the documented rate limit.
func (wk *worker) expected(rq request, status int) bool {
	if rq.vendor == "konnector" && status == http.StatusTooManyRequests {
		return true
	}
	if len(rq.expect) == 0 {
		return status >= 200 && status < 300
	}
	return slices.Contains(rq.expect, status)
}

// unexpected records an answer the request did not allow.
func (wk *worker) unexpected(rq request, a *answer) {
	wk.stats.unexpected[fmt.Sprintf("%s:%d", rq.op, a.status)]++
	body := a.body
	if len(body) > 300 {
		body = body[:300]
	}
	wk.sample(fmt.Sprintf("%s %s %s -> %d %s", rq.op, rq.method, rq.path, a.status, body))
}

// wrong records a successful answer whose content is wrong (a lost write
// seen while the traffic runs, or a broken page).
func (wk *worker) wrong(rq request, a *answer, what string) {
	wk.stats.unexpected[rq.op+":content"]++
	wk.sample(fmt.Sprintf("%s %s %s -> %d: %s", rq.op, rq.method, rq.path, a.status, what))
}

func (wk *worker) sample(s string) {
	if len(wk.stats.samples) < maxSamples {
		wk.stats.samples = append(wk.stats.samples, s)
	}
}

// send performs one request and reads the whole answer.
func (d *driver) send(ctx context.Context, rq request) (*answer, time.Duration, error) {
	var body io.Reader
	switch b := rq.body.(type) {
	case nil:
	case string:
		body = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, 0, fmt.Errorf("encode body: %w", err)
		}
		body = bytes.NewReader(raw)
	}
	url := d.cfg.URL + rq.path
	if !rq.rawPath {
		base := skyLightBase
		if rq.vendor == "konnector" {
			base = konnectorBase
		}
		url = d.cfg.URL + base + rq.path
	}
	req, err := http.NewRequestWithContext(ctx, rq.method, url, body)
	if err != nil {
		return nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if rq.key != "" {
		if rq.vendor == "konnector" {
			req.Header.Set("Authorization", rq.key)
		} else {
			req.Header.Set("X-Api-Key", rq.key)
		}
	}
	if rq.vendor == "skylight" {
		// A load is a flood by design: SkyLight's published 120 requests a
		// minute per key is off (a request's own headers may say otherwise).
		req.Header.Set("X-Mock-Scenario", "no-rate-limit")
	}
	for i := 0; i+1 < len(rq.headers); i += 2 {
		req.Header.Set(rq.headers[i], rq.headers[i+1])
	}
	start := time.Now()
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return nil, 0, err
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: raw}, took, nil
}

// step sends one piece of traffic: a bad request (BadShare of the time), a
// Konnector operation (about a third, when a Konnector key has budget left)
// or a SkyLight one.
func (wk *worker) step(ctx context.Context) {
	wk.seq++
	bad := wk.rng.Float64() < wk.d.cfg.BadShare
	if wk.rng.IntN(100) < 35 {
		if t := wk.pickKonnector(); t != nil {
			if bad {
				wk.badKonnector(ctx, t)
			} else {
				wk.konnectorOp(ctx, t)
			}
			return
		}
	}
	t := wk.w.skylight[wk.rng.IntN(len(wk.w.skylight))]
	if bad {
		wk.badSkyLight(ctx, t)
		return
	}
	wk.skyLightOp(ctx, t)
}

// pick returns a random element.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// weighted picks an index by weight.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func itoa(n int) string { return strconv.Itoa(n) }
