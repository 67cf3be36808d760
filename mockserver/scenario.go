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
// same list, which tenants keep.
type scenarioCache struct {
	reg    *scenarios.Registry
	locale string // overrides every scenario's locale when set

	mu   sync.Mutex // guards byID
	byID map[string]*scenarios.Scenario
}

func newScenarioCache(reg *scenarios.Registry, locale string) *scenarioCache {
	return &scenarioCache{reg: reg, locale: locale, byID: map[string]*scenarios.Scenario{}}
}

// get resolves a name or comma list.
func (c *scenarioCache) get(spec string) (*scenarios.Scenario, error) {
	c.mu.Lock()
	sc, ok := c.byID[spec]
	c.mu.Unlock()
	if ok {
		return sc, nil
	}
	sc, err := c.reg.Resolve(spec)
	if err != nil {
		return nil, err
	}
	if c.locale != "" {
		sc.Settings.Locale = c.locale
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.byID) >= maxResolvedScenarios {
		clear(c.byID)
	}
	c.byID[spec] = sc
	return sc, nil
}
