package mockserver

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// worldReader is a vendor whose worlds (of type W) the console can show:
// Snapshot reads a tenant's world under its lock and changes nothing. The
// world crosses typed; only the JSON view it returns is any.
type worldReader[W any] interface {
	Snapshot(world W, now time.Time) any
}

// scenarioApplier is a vendor whose worlds hold state that a scenario's
// settings decide (SkyLight's connection and quotas): ApplyScenario moves a
// tenant's world from the settings of from to those of to. A vendor without
// one reads its settings on each request only.
type scenarioApplier[W any] interface {
	ApplyScenario(world W, from, to *scenarios.Settings, now time.Time)
}

// worldSummary is one API key's line of GET /__admin/worlds. The key itself
// never leaves the server: it is shown by its last four characters and
// named by an id.
type worldSummary struct {
	ID       string   `json:"id"`
	Key      string   `json:"key"`
	Scenario string   `json:"scenario"`
	Own      bool     `json:"own_scenario"` // the key has a scenario of its own (else the server's)
	Vendors  []string `json:"vendors"`
	Held     []string `json:"worlds_held"` // vendor/scenario of every world the key has
}

// consoleSite is what the console needs of a vendor's tenant store; every
// site[W] has it.
type consoleSite interface {
	// heldKeys returns the keys of the tenants held, most recently used first.
	heldKeys() []sim.TenantKey
	// snapshot returns the console's view of the world held under k, if the
	// vendor has one (nil otherwise).
	snapshot(k sim.TenantKey, now time.Time) any
	// moveTo files the tenants whose key matches under sc, keeping their
	// worlds and applying sc's settings to them; it returns how many.
	moveTo(match func(sim.TenantKey) bool, sc *scenarios.Scenario, now time.Time) int
}

var _ consoleSite = (*site[int])(nil)

func (st *site[W]) heldKeys() []sim.TenantKey {
	var out []sim.TenantKey
	for _, h := range st.tenants.Held() {
		out = append(out, h.Key)
	}
	return out
}

func (st *site[W]) snapshot(k sim.TenantKey, now time.Time) any {
	reader, ok := any(st.v).(worldReader[W])
	if !ok {
		return nil
	}
	for _, h := range st.tenants.Held() {
		if h.Key == k {
			return reader.Snapshot(h.Tenant.World, now)
		}
	}
	return nil
}

func (st *site[W]) moveTo(match func(sim.TenantKey) bool, sc *scenarios.Scenario, now time.Time) int {
	n := 0
	for _, h := range st.tenants.Held() {
		if !match(h.Key) {
			continue
		}
		to := h.Key
		to.Scenario = sc.Name
		t := st.tenants.Move(h.Key, to)
		if t == nil {
			continue
		}
		from := t.Scenario()
		t.SetScenario(sc)
		if a, ok := any(st.v).(scenarioApplier[W]); ok {
			a.ApplyScenario(t.World, &from.Settings, &sc.Settings, now)
		}
		n++
	}
	return n
}

// heldByKey groups the tenants held, of every vendor, by API key, most
// recently used first within each vendor.
func (s *Server) heldByKey() (keys []string, byKey map[string][]sim.TenantKey) {
	byKey = map[string][]sim.TenantKey{}
	for _, vs := range s.vendors {
		for _, k := range vs.(consoleSite).heldKeys() {
			if _, ok := byKey[k.APIKey]; !ok {
				keys = append(keys, k.APIKey)
			}
			byKey[k.APIKey] = append(byKey[k.APIKey], k)
		}
	}
	return keys, byKey
}

// handleWorlds is GET /__admin/worlds: the API keys with worlds held.
func (s *Server) handleWorlds(w http.ResponseWriter, _ *http.Request) {
	keys, byKey := s.heldByKey()
	out := []worldSummary{}
	for _, k := range keys {
		sc := s.scenarioOfKey(k)
		ws := worldSummary{ID: s.console.worldID(k), Key: maskKey(k), Scenario: sc.Name, Own: s.console.keyScenario(k) != nil}
		for _, tk := range byKey[k] {
			if !slices.Contains(ws.Vendors, tk.Vendor) {
				ws.Vendors = append(ws.Vendors, tk.Vendor)
			}
			ws.Held = append(ws.Held, tk.Vendor+"/"+tk.Scenario)
		}
		out = append(out, ws)
	}
	writeJSONValue(w, http.StatusOK, map[string]any{"worlds": out})
}

// keyOfID finds the API key a world id names among the keys held or given
// a scenario.
func (s *Server) keyOfID(id string) (string, bool) {
	keys, _ := s.heldByKey()
	s.console.mu.Lock()
	for k := range s.console.keys {
		keys = append(keys, k)
	}
	s.console.mu.Unlock()
	for _, k := range keys {
		if s.console.worldID(k) == id {
			return k, true
		}
	}
	return "", false
}

// handleWorld is GET /__admin/worlds/{id}: each vendor's world of the key,
// the one of the key's scenario in force (else the one it used last).
func (s *Server) handleWorld(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	key, ok := s.keyOfID(id)
	if !ok {
		writePlainError(w, http.StatusNotFound, "no world "+id+"; GET /__admin/worlds lists them")
		return
	}
	_, byKey := s.heldByKey()
	sc := s.scenarioOfKey(key)
	now := s.clock.Now()
	out := map[string]any{"id": id, "key": maskKey(key), "scenario": sc.Name, "now": now.Format(time.RFC3339)}
	for _, vs := range s.vendors {
		name := vs.routes().name
		out[name] = nil
		var pick *sim.TenantKey
		for i, tk := range byKey[key] {
			if tk.Vendor == name && (pick == nil || tk.Scenario == sc.Name) {
				pick = &byKey[key][i]
			}
		}
		if pick != nil {
			if snap := vs.(consoleSite).snapshot(*pick, now); snap != nil {
				out[name] = map[string]any{"scenario": pick.Scenario, "world": snap}
			}
		}
	}
	writeJSONValue(w, http.StatusOK, out)
}

// handleKeyScenario is PUT /__admin/worlds/scenario: set a scenario for one
// API key (named by "api_key", or by "id" from GET /__admin/worlds). With
// "in_place" (the default) the key's existing worlds are kept and moved to
// the scenario's settings; with "in_place": false its next requests get
// the scenario's own fresh worlds, as X-Mock-Scenario would.
func (s *Server) handleKeyScenario(w http.ResponseWriter, r *http.Request) {
	var body struct {
		APIKey   string `json:"api_key"`
		ID       string `json:"id"`
		Scenario string `json:"scenario"`
		InPlace  *bool  `json:"in_place"`
	}
	const usage = `body must be {"api_key": "..." or "id": "w_...", "scenario": "<name or comma list>", "in_place": true}`
	if err := decodeAdminBody(r, &body); err != nil || strings.TrimSpace(body.Scenario) == "" || (body.APIKey == "") == (body.ID == "") {
		writePlainError(w, http.StatusBadRequest, usage)
		return
	}
	key := body.APIKey
	if body.ID != "" {
		k, ok := s.keyOfID(body.ID)
		if !ok {
			writePlainError(w, http.StatusNotFound, "no world "+body.ID+"; GET /__admin/worlds lists them")
			return
		}
		key = k
	}
	sc, err := s.resolved.get(body.Scenario)
	if err != nil {
		writeJSONValue(w, http.StatusBadRequest, map[string]any{"error": "Bad Request", "message": err.Error(), "known": s.resolved.registry().Names()})
		return
	}
	inPlace := body.InPlace == nil || *body.InPlace
	moved := 0
	if inPlace {
		old := s.scenarioOfKey(key)
		moved = s.moveWorlds(func(k sim.TenantKey) bool { return k.APIKey == key && k.Scenario == old.Name }, sc)
	}
	s.console.setKeyScenario(key, sc)
	s.log.Info("key scenario set", "key", maskKey(key), "scenario", sc.Name, "in_place", inPlace)
	writeJSONValue(w, http.StatusOK, map[string]any{"id": s.console.worldID(key), "key": maskKey(key),
		"scenario": sc.Name, "in_place": inPlace, "worlds_kept": moved})
}

// moveWorlds files every tenant whose key matches under sc and applies sc's
// settings to its world; it returns how many it moved.
func (s *Server) moveWorlds(match func(sim.TenantKey) bool, sc *scenarios.Scenario) int {
	now := s.clock.Now()
	n := 0
	for _, vs := range s.vendors {
		n += vs.(consoleSite).moveTo(match, sc, now)
	}
	return n
}

// switchServerScenario makes sc the server's scenario. In place, the worlds
// of the keys that follow the server's scenario are kept and moved to sc's
// settings; otherwise those keys get sc's own worlds on their next request.
func (s *Server) switchServerScenario(sc *scenarios.Scenario, inPlace bool) int {
	n := 0
	if inPlace {
		old := s.current.Load()
		n = s.moveWorlds(func(k sim.TenantKey) bool {
			return k.Scenario == old.Name && s.console.keyScenario(k.APIKey) == nil
		}, sc)
	}
	s.current.Store(sc)
	return n
}
