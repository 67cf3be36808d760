package mockserver

import (
	"sync"

	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// maxResolvedScenarios bounds the cache of composed scenarios: a client
// could send many distinct comma lists in X-Mock-Scenario.
const maxResolvedScenarios = 256

// scenarioCache memoises composed scenarios by their comma list, so a request
// does not re-apply YAML overlays. The same *Scenario is returned for the
// same list, which tenants keep. The registry behind it is swapped whole
// when scenario files are reloaded (--watch).
type scenarioCache struct {
	locale string // overrides every scenario's locale when set

	mu   sync.Mutex // guards reg and byID
	reg  *scenarios.Registry
	byID map[string]*scenarios.Scenario
}

func newScenarioCache(reg *scenarios.Registry, locale string) *scenarioCache {
	return &scenarioCache{reg: reg, locale: locale, byID: map[string]*scenarios.Scenario{}}
}

// registry returns the registry in force; it is never modified after it was
// handed to the cache, so the caller may read it freely.
func (c *scenarioCache) registry() *scenarios.Registry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reg
}

// swap puts a newly loaded registry in force and forgets what was composed
// from the old one.
func (c *scenarioCache) swap(reg *scenarios.Registry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reg = reg
	clear(c.byID)
}

// get resolves a name or comma list.
func (c *scenarioCache) get(spec string) (*scenarios.Scenario, error) {
	c.mu.Lock()
	sc, ok := c.byID[spec]
	reg := c.reg
	c.mu.Unlock()
	if ok {
		return sc, nil
	}
	sc, err := reg.Resolve(spec)
	if err != nil {
		return nil, err
	}
	if c.locale != "" {
		sc.Settings.Locale = c.locale
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reg != reg {
		return sc, nil // reloaded meanwhile: do not cache a stale composition
	}
	if len(c.byID) >= maxResolvedScenarios {
		clear(c.byID)
	}
	c.byID[spec] = sc
	return sc, nil
}
