// Package skylight simulates the LinkedIn part of SkyLight Chat's REST API:
// its error envelope, its per-tenant world and its handlers.
package skylight

import (
	"net/http"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// Deps are what the simulation needs from the server.
type Deps struct {
	// Seed makes every generated world repeatable.
	Seed int64
	// Clock is the server's virtual clock; worlds exist since its start.
	Clock *sim.Clock
	// Fixtures are the name, place and message lists; nil loads the
	// embedded ones.
	Fixtures *fixtures.Set
	// Webhooks delivers the worlds' webhook events; nil makes one with the
	// defaults (loopback receivers only).
	Webhooks *webhook.Dispatcher
}

// api is the simulated SkyLight Chat API.
type api struct {
	deps  Deps
	ops   map[string]sim.Operation[*world]
	pools poolCache // search pools shared by the worlds
}

// New returns the SkyLight simulation, a vendor whose tenants hold its
// world type.
func New(d Deps) sim.Vendor[*world] {
	if d.Fixtures == nil {
		d.Fixtures = fixtures.MustLoad()
	}
	if d.Webhooks == nil {
		d.Webhooks = defaultWebhooks(d)
	}
	a := &api{deps: d}
	a.ops = a.routes()
	for id, fn := range webhookOps() {
		a.ops[id] = op(0, fn)
	}
	return a
}

// Name returns "skylight".
func (a *api) Name() string { return "skylight" }

// SpecFile returns the embedded spec's file name.
func (a *api) SpecFile() string { return openapi.SkyLight }

// APIKey returns the caller's key, sent as `X-Api-Key: <key>` or as
// `Authorization: Bearer <key>` (published-docs 1.2: the two are
// equivalent, so the same key is the same tenant either way). Any non-empty
// key is accepted: each key is its own tenant.
func (a *api) APIKey(h http.Header) (string, error) { return apiKey(h) }

// Operations returns the operations by operationId.
func (a *api) Operations() map[string]sim.Operation[*world] { return a.ops }

// RateLimits returns the scenario's SkyLight limits (the published 120 a
// minute per key by default).
func (a *api) RateLimits(s *scenarios.Settings) sim.Limits {
	return sim.Limits{PerMinute: s.SkyLight.RateLimit.PerMinute, PerDay: s.SkyLight.RateLimit.PerDay}
}

// RateLimitHeaders writes the published X-RateLimit-* headers
// (published-docs 1.6) on every response while a limit is on.
func (a *api) RateLimitHeaders(h http.Header, d sim.Decision) { writeRateLimit(h, d, a.deps.Clock) }

// Encode puts a reply or an error in SkyLight's envelope.
func (a *api) Encode(_ *sim.Call, rep sim.Reply, err *sim.Error) sim.Encoded {
	if err != nil {
		return encodeError(err)
	}
	return encodeReply(rep)
}

// ErrorFromExample parses a SkyLight error example.
func (a *api) ErrorFromExample(status int, body []byte) (*sim.Error, error) {
	return errorFromExample(status, body)
}

// NewWorld generates a tenant's world from the seed and the tenant's
// scenario (not its API key), as it stands at the clock's start.
func (a *api) NewWorld(t sim.TenantKey, sc *scenarios.Scenario) *world {
	var epoch time.Time
	if a.deps.Clock != nil {
		epoch = a.deps.Clock.Start()
	}
	s := &sc.Settings
	pool := a.pools.get(a.deps.Seed, a.deps.Fixtures, s.Locale, poolSize(a.deps.Fixtures, s))
	w := newWorld(a.deps.Seed, a.deps.Fixtures, s, epoch, pool)
	w.hooks = a.deps.Webhooks.NewRegistry(webhook.Owner{Vendor: t.Vendor, APIKey: t.APIKey, Scenario: t.Scenario}, (*webhookSource)(w))
	return w
}
