// Package konnector simulates Konnector.ai's third-party LinkedIn analytics
// API: its envelope, encrypted identifiers, per-organisation world, handlers
// and documented rate-limit headers.
package konnector

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// Deps are what the simulation needs from the server.
type Deps struct {
	// Seed makes every generated world repeatable.
	Seed int64
	// Clock is the server's virtual clock.
	Clock *sim.Clock
	// Keys lets /create-api-key make a new key name the caller's tenant;
	// nil makes created keys open their own organisation.
	Keys KeyAliases
	// Fixtures hold the locales' names, companies and campaign words (loaded
	// by New when nil).
	Fixtures *fixtures.Set
}

// KeyAliases makes one API key name another's tenant.
type KeyAliases interface {
	// Alias makes alias name the tenant of target; false when target has
	// no tenant (any more).
	Alias(alias, target sim.TenantKey) bool
}

// api is the simulated Konnector.ai third-party API.
type api struct {
	deps Deps
	ops  map[string]sim.Operation[*world]
	// issued numbers the API keys of each organisation. It lives here, not
	// in a tenant's world: an organisation has one world per scenario (and
	// a new one after an eviction), but every key it creates must be new.
	issued *issuedKeys
}

// New returns the Konnector simulation, a vendor whose tenants hold its
// world type.
func New(d Deps) sim.Vendor[*world] {
	if d.Fixtures == nil {
		d.Fixtures = fixtures.MustLoad()
	}
	a := &api{deps: d, issued: &issuedKeys{count: map[uint64]int{}}}
	a.ops = a.routes()
	return a
}

// Name returns "konnector".
func (a *api) Name() string { return "konnector" }

// SpecFile returns the embedded spec's file name.
func (a *api) SpecFile() string { return openapi.Konnector }

// APIKey returns the raw key of the Authorization header (the base page)
// or, when that is absent, of the X-API-KEY header (the vendor's other
// published write-ups): both name the same tenant. The key is sent with no
// scheme, so "Bearer <key>" is refused with a hint. Any other non-empty key
// is accepted: each key is its own tenant.
func (a *api) APIKey(h http.Header) (string, error) {
	header, key := "Authorization", strings.TrimSpace(h.Get("Authorization"))
	if key == "" {
		header, key = "X-API-KEY", strings.TrimSpace(h.Get("X-API-KEY"))
	}
	switch {
	case key == "":
		return "", errors.New("Invalid API key")
	case strings.ContainsAny(key, " \t"):
		return "", errors.New("Invalid API key: send the raw key in the " + header + " header, without a scheme such as Bearer")
	}
	return key, nil
}

// Operations returns the operations by operationId.
func (a *api) Operations() map[string]sim.Operation[*world] { return a.ops }

// RateLimits returns the scenario's Konnector limits (100 a minute and 5,000
// a day by default, as documented).
func (a *api) RateLimits(s *scenarios.Settings) sim.Limits {
	return sim.Limits{PerMinute: s.Konnector.RateLimit.PerMinute, PerDay: s.Konnector.RateLimit.PerDay}
}

// RateLimitHeaders adds the four documented X-RateLimit-* headers.
func (a *api) RateLimitHeaders(h http.Header, d sim.Decision) {
	h.Set("X-RateLimit-Limit-Minute", strconv.Itoa(d.Limits.PerMinute))
	h.Set("X-RateLimit-Remaining-Minute", strconv.Itoa(d.RemainingMinute))
	h.Set("X-RateLimit-Limit-Day", strconv.Itoa(d.Limits.PerDay))
	h.Set("X-RateLimit-Remaining-Day", strconv.Itoa(d.RemainingDay))
}

// Encode puts a reply or an error in Konnector's envelope.
func (a *api) Encode(c *sim.Call, rep sim.Reply, err *sim.Error) sim.Encoded {
	if err != nil {
		return encodeError(c, err)
	}
	return encodeReply(rep)
}

// ErrorFromExample parses a Konnector error example.
func (a *api) ErrorFromExample(status int, body []byte) (*sim.Error, error) {
	return errorFromExample(status, body)
}

// NewWorld generates a tenant's organisation from the seed, the tenant's API
// key and its scenario's sizes, anchored at the clock's start.
func (a *api) NewWorld(t sim.TenantKey, sc *scenarios.Scenario) *world {
	settings := &scenarios.Settings{}
	if sc != nil {
		settings = &sc.Settings
	}
	var start time.Time
	if a.deps.Clock != nil {
		start = a.deps.Clock.Start()
	}
	return newWorld(a.deps.Seed, t.APIKey, settings, start, a.deps.Fixtures)
}
