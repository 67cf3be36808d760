package mockserver

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// adminRoutes lists the whole control API under /__admin (JSON, same port).
func (s *Server) adminRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__admin/health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSONValue(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	guarded := http.NewServeMux()
	guarded.HandleFunc("GET /__admin/openapi/{file}", s.handleSpec)
	guarded.HandleFunc("GET /__admin/scenarios", s.handleScenarios)
	guarded.HandleFunc("GET /__admin/scenario", s.handleGetScenario)
	guarded.HandleFunc("PUT /__admin/scenario", s.handlePutScenario)
	guarded.HandleFunc("POST /__admin/reset", s.handleReset)
	guarded.HandleFunc("GET /__admin/clock", s.handleClock)
	guarded.HandleFunc("POST /__admin/clock/advance", s.handleAdvance)
	guarded.HandleFunc("GET /__admin/requests", s.handleRequests)
	guarded.HandleFunc("DELETE /__admin/requests", s.handleClearRequests)
	guarded.HandleFunc("GET /__admin/coverage", func(w http.ResponseWriter, _ *http.Request) {
		rep := s.coverage.report()
		rep.WebhookEvents = s.webhooks.Coverage()
		writeJSONValue(w, http.StatusOK, rep)
	})
	guarded.HandleFunc("DELETE /__admin/coverage", func(w http.ResponseWriter, _ *http.Request) {
		s.coverage.reset()
		s.webhooks.ResetCoverage()
		w.WriteHeader(http.StatusNoContent)
	})
	guarded.HandleFunc("GET /__admin/tenants", s.handleTenants)
	s.consoleRoutes(mux, guarded)
	s.adminWebhookRoutes(guarded)
	guarded.HandleFunc("/__admin/", func(w http.ResponseWriter, r *http.Request) {
		writePlainError(w, http.StatusNotFound, "no admin endpoint "+r.Method+" "+r.URL.Path)
	})
	mux.Handle("/__admin/", s.requireAdminToken(guarded))
	return mux
}

// requireAdminToken enforces --admin-token as a bearer token, when set.
func (s *Server) requireAdminToken(next http.Handler) http.Handler {
	if s.opts.AdminToken == "" {
		return next
	}
	want := []byte("Bearer " + s.opts.AdminToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="linkedin-mock admin"`)
			writePlainError(w, http.StatusUnauthorized, "the admin API needs Authorization: Bearer <admin token>")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleSpec(w http.ResponseWriter, r *http.Request) {
	b, err := openapi.Bytes(r.PathValue("file"))
	if err != nil {
		writePlainError(w, http.StatusNotFound, "specs: "+strings.Join(openapi.Names(), ", "))
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	_, _ = w.Write(b)
}

func (s *Server) handleScenarios(w http.ResponseWriter, _ *http.Request) {
	out := []*scenarios.Scenario{}
	for _, name := range s.resolved.registry().Names() {
		sc, err := s.resolved.get(name)
		if err != nil {
			writePlainError(w, http.StatusInternalServerError, err.Error())
			return
		}
		out = append(out, sc)
	}
	writeJSONValue(w, http.StatusOK, map[string]any{"current": s.current.Load().Name, "scenarios": out})
}

func (s *Server) handleGetScenario(w http.ResponseWriter, _ *http.Request) {
	sc := s.current.Load()
	writeJSONValue(w, http.StatusOK, map[string]any{"scenario": sc.Name, "description": sc.Description, "settings": sc.Settings})
}

func (s *Server) handlePutScenario(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Scenario string `json:"scenario"`
		InPlace  bool   `json:"in_place"` // keep the worlds of the keys that follow the server's scenario
	}
	if err := decodeAdminBody(r, &body); err != nil || strings.TrimSpace(body.Scenario) == "" {
		writePlainError(w, http.StatusBadRequest, `body must be {"scenario": "<name or comma list>", "in_place": false}`)
		return
	}
	sc, err := s.resolved.get(body.Scenario)
	if err != nil {
		writeJSONValue(w, http.StatusBadRequest, map[string]any{"error": "Bad Request", "message": err.Error(), "known": s.resolved.registry().Names()})
		return
	}
	kept := s.switchServerScenario(sc, body.InPlace)
	s.log.Info("scenario switched", "scenario", sc.Name, "in_place", body.InPlace, "worlds_kept", kept)
	s.handleGetScenario(w, r)
}

func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	var body struct {
		APIKey string `json:"api_key"`
	}
	if err := decodeAdminBody(r, &body); err != nil {
		writePlainError(w, http.StatusBadRequest, `body must be empty or {"api_key": "..."}`)
		return
	}
	n := s.tenants.Reset(body.APIKey)
	s.console.forget(body.APIKey)
	s.webhooks.Forget(body.APIKey)
	writeJSONValue(w, http.StatusOK, map[string]any{"reset": true, "tenants_removed": n})
}

func (s *Server) handleClock(w http.ResponseWriter, _ *http.Request) {
	writeJSONValue(w, http.StatusOK, s.clockState())
}

func (s *Server) clockState() map[string]any {
	return map[string]any{
		"now": s.clock.Now().Format(time.RFC3339Nano), "start": s.clock.Start().Format(time.RFC3339),
		"advanced_by": s.clock.Offset().String(), "frozen": s.clock.Frozen(),
	}
}

func (s *Server) handleAdvance(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Duration string `json:"duration"`
	}
	if err := decodeAdminBody(r, &body); err != nil {
		writePlainError(w, http.StatusBadRequest, `body must be {"duration": "72h"} (Go duration syntax)`)
		return
	}
	d, err := time.ParseDuration(body.Duration)
	if err != nil {
		writePlainError(w, http.StatusBadRequest, fmt.Sprintf("duration %q: use Go duration syntax such as 90m or 72h", body.Duration))
		return
	}
	if _, err := s.clock.Advance(d); err != nil {
		writePlainError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.log.Info("clock advanced", "by", d.String())
	writeJSONValue(w, http.StatusOK, s.clockState())
}

func (s *Server) handleRequests(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := journalFilter{Vendor: q.Get("vendor"), Method: q.Get("method"), PathPrefix: q.Get("path_prefix"),
		APIKey: q.Get("api_key"), OperationID: q.Get("operation_id")}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"status", &f.Status}, {"limit", &f.Limit}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				writePlainError(w, http.StatusBadRequest, p.name+" must be a non-negative integer")
				return
			}
			*p.dst = n
		}
	}
	entries := s.journal.list(f)
	writeJSONValue(w, http.StatusOK, map[string]any{"count": len(entries), "requests": entries})
}

func (s *Server) handleClearRequests(w http.ResponseWriter, _ *http.Request) {
	s.journal.clear()
	s.coverage.reset()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleTenants(w http.ResponseWriter, _ *http.Request) {
	held, evicted := s.tenants.Stats()
	writeJSONValue(w, http.StatusOK, map[string]any{"held": held, "evicted": evicted, "max": s.opts.MaxTenants})
}

// decodeAdminBody reads an optional small JSON body strictly.
func decodeAdminBody(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
