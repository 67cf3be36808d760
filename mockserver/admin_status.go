package mockserver

import (
	"net/http"
	"sync"
	"time"
)

// rateWindow is how far back the request rate looks.
const rateWindow = 10 * time.Second

// rateMeter counts requests per wall-clock second over the last rateWindow,
// for the status view (transport, not simulation: it reads real time).
type rateMeter struct {
	now func() time.Time

	mu     sync.Mutex // guards counts, total
	counts [10]struct {
		sec int64
		n   int
	}
	total uint64
}

func newRateMeter(now func() time.Time) *rateMeter { return &rateMeter{now: now} }

func (m *rateMeter) add() {
	sec := m.now().Unix()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.total++
	c := &m.counts[sec%int64(len(m.counts))]
	if c.sec != sec {
		c.sec, c.n = sec, 0
	}
	c.n++
}

// perSecond is the mean rate over the last rateWindow, and the total.
func (m *rateMeter) perSecond() (float64, uint64) {
	sec := m.now().Unix()
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, c := range m.counts {
		if c.sec > sec-int64(len(m.counts)) && c.sec <= sec {
			n += c.n
		}
	}
	return float64(n) / rateWindow.Seconds(), m.total
}

// statusView is the body of GET /__admin/status.
type statusView struct {
	Seed              int64          `json:"seed"`
	Scenario          string         `json:"scenario"`
	Description       string         `json:"description"`
	KeysWithScenario  int            `json:"keys_with_own_scenario"`
	Clock             map[string]any `json:"clock"`
	TenantsHeld       int            `json:"tenants_held"`
	TenantsEvicted    uint64         `json:"tenants_evicted"`
	MaxTenants        int            `json:"max_tenants"`
	RequestsPerSecond float64        `json:"requests_per_second"`
	RequestsTotal     uint64         `json:"requests_total"`
	Watching          int32          `json:"consoles_watching"`
}

// handleStatus is GET /__admin/status: what the console's status view shows.
func (s *Server) handleStatus(w http.ResponseWriter, _ *http.Request) {
	sc := s.current.Load()
	held, evicted := s.tenants.Stats()
	rps, total := s.console.rate.perSecond()
	s.console.mu.Lock()
	keys := len(s.console.keys)
	s.console.mu.Unlock()
	writeJSONValue(w, http.StatusOK, statusView{Seed: s.opts.Seed, Scenario: sc.Name, Description: sc.Description,
		KeysWithScenario: keys, Clock: s.clockState(), TenantsHeld: held, TenantsEvicted: evicted,
		MaxTenants: s.opts.MaxTenants, RequestsPerSecond: rps, RequestsTotal: total,
		Watching: s.console.stream.watching.Load()})
}
