package mockserver

import (
	"net/http"
	"sync/atomic"
	"time"
)

// rateWindow is how far back the request rate looks.
const rateWindow = 10 * time.Second

// rateMeter counts requests per wall-clock second over the last rateWindow,
// for the status view (transport, not simulation: it reads real time). It
// takes no lock on the request path; a count racing with the turn of a
// second may be lost, which a rate shown to a person can afford.
type rateMeter struct {
	now    func() time.Time
	secs   [10]atomic.Int64 // the second each slot counts
	counts [10]atomic.Int64
	total  atomic.Uint64
}

func newRateMeter(now func() time.Time) *rateMeter { return &rateMeter{now: now} }

func (m *rateMeter) add() {
	sec := m.now().Unix()
	i := sec % int64(len(m.secs))
	if m.secs[i].Load() != sec && m.secs[i].Swap(sec) != sec {
		m.counts[i].Store(0)
	}
	m.counts[i].Add(1)
	m.total.Add(1)
}

// perSecond is the mean rate over the last rateWindow, and the total.
func (m *rateMeter) perSecond() (float64, uint64) {
	sec := m.now().Unix()
	var n int64
	for i := range m.secs {
		if s := m.secs[i].Load(); s > sec-int64(len(m.secs)) && s <= sec {
			n += m.counts[i].Load()
		}
	}
	return float64(n) / rateWindow.Seconds(), m.total.Load()
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
