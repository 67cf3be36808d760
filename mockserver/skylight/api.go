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

// API is the simulated SkyLight Chat API.
type API struct {
	deps     Deps
	handlers map[string]http.Handler
	pools    poolCache // search pools shared by the worlds
}

// New returns the SkyLight simulation.
func New(d Deps) *API {
	if d.Fixtures == nil {
		d.Fixtures = fixtures.MustLoad()
	}
	if d.Webhooks == nil {
		d.Webhooks = defaultWebhooks(d)
	}
	a := &API{deps: d}
	a.handlers = a.routes()
	for id, fn := range webhookOps() {
		a.handlers[id] = op(0, fn)
	}
	return a
}

// Name returns "skylight".
func (a *API) Name() string { return "skylight" }

// SpecFile returns the embedded spec's file name.
func (a *API) SpecFile() string { return openapi.SkyLight }

// APIKey returns the caller's key, sent as `X-Api-Key: <key>` or as
// `Authorization: Bearer <key>` (published-docs 1.2: the two are
// equivalent, so the same key is the same tenant either way). Any non-empty
// key is accepted: each key is its own tenant.
func (a *API) APIKey(h http.Header) (string, error) { return apiKey(h) }

// Handlers returns the handlers by operationId.
func (a *API) Handlers() map[string]http.Handler { return a.handlers }

// RateLimits returns the scenario's SkyLight limits (the published 120 a
// minute per key by default).
func (a *API) RateLimits(s *scenarios.Settings) sim.Limits {
	return sim.Limits{PerMinute: s.SkyLight.RateLimit.PerMinute, PerDay: s.SkyLight.RateLimit.PerDay}
}

// WriteRateLimitHeaders writes the published X-RateLimit-* headers
// (published-docs 1.6) on every response while a limit is on.
func (a *API) WriteRateLimitHeaders(h http.Header, d sim.Decision) {
	writeRateLimit(h, d, a.deps.Clock)
}

// WriteError writes e in SkyLight's envelope.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, e *sim.Error) { writeError(w, r, e) }

// ErrorFromExample parses a SkyLight error example.
func (a *API) ErrorFromExample(status int, body []byte) (*sim.Error, error) {
	return errorFromExample(status, body)
}

// NewWorld generates a tenant's world from the seed and the tenant's
// scenario (not its API key), as it stands at the clock's start.
func (a *API) NewWorld(t *sim.Tenant) any {
	var epoch time.Time
	if a.deps.Clock != nil {
		epoch = a.deps.Clock.Start()
	}
	s := &t.Scenario.Settings
	pool := a.pools.get(a.deps.Seed, a.deps.Fixtures, s.Locale, poolSize(a.deps.Fixtures, s))
	w := newWorld(a.deps.Seed, a.deps.Fixtures, s, epoch, pool)
	w.hooks = a.deps.Webhooks.NewRegistry(webhook.Owner{Vendor: t.Key.Vendor, APIKey: t.Key.APIKey, Scenario: t.Key.Scenario}, (*webhookSource)(w))
	return w
}
