package mockserver

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/console"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// consoleState is what the browser console and its admin endpoints keep:
// the scenarios set for single keys, the live stream, the responses of
// recent requests and the request rate.
type consoleState struct {
	salt   [16]byte // makes world ids unguessable from a key
	stream *broadcaster
	rate   *rateMeter

	mu   sync.Mutex                     // guards keys
	keys map[string]*scenarios.Scenario // scenario set for one API key by the admin API
}

func newConsoleState() *consoleState {
	c := &consoleState{stream: newBroadcaster(), rate: newRateMeter(time.Now), keys: map[string]*scenarios.Scenario{}}
	_, _ = rand.Read(c.salt[:])
	return c
}

// worldID names an API key in the console and the admin API without
// showing it: "w_" and 12 hex digits of a salted hash.
func (c *consoleState) worldID(key string) string {
	h := sha256.New()
	h.Write(c.salt[:])
	h.Write([]byte(key))
	return "w_" + hex.EncodeToString(h.Sum(nil)[:6])
}

// keyScenario returns the scenario set for key, or nil.
func (c *consoleState) keyScenario(key string) *scenarios.Scenario {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.keys[key]
}

func (c *consoleState) setKeyScenario(key string, sc *scenarios.Scenario) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keys[key] = sc
}

// forget drops the scenario set for key, or for every key when key is empty.
func (c *consoleState) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if key == "" {
		clear(c.keys)
		return
	}
	delete(c.keys, key)
}

// scenarioOfKey is the scenario of key's requests that do not name one.
func (s *Server) scenarioOfKey(key string) *scenarios.Scenario {
	if sc := s.console.keyScenario(key); sc != nil {
		return sc
	}
	return s.current.Load()
}

// CloseStreams ends the console's live streams, so that a graceful
// shutdown does not wait for them: register it with
// http.Server.RegisterOnShutdown.
func (s *Server) CloseStreams() { s.console.stream.close() }

// consoleRoutes adds the console's pages (open: the page asks for the
// admin token itself) and its admin endpoints (behind the token).
func (s *Server) consoleRoutes(open, guarded *http.ServeMux) {
	open.Handle("GET /__admin/ui/", http.StripPrefix("/__admin/ui/", console.Handler()))
	open.HandleFunc("GET /__admin/{$}", s.handleIndex)
	guarded.HandleFunc("GET /__admin/status", s.handleStatus)
	guarded.HandleFunc("GET /__admin/requests/stream", s.handleStream)
	guarded.HandleFunc("GET /__admin/worlds", s.handleWorlds)
	guarded.HandleFunc("GET /__admin/worlds/{id}", s.handleWorld)
	guarded.HandleFunc("PUT /__admin/worlds/scenario", s.handleKeyScenario)
}

// wantsConsole reports whether a request for / comes from a browser
// navigating there, which is sent to the console; API clients keep the
// JSON 404.
func wantsConsole(r *http.Request) bool {
	return r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}

// watchForConsole counts the requests to a vendor's API for the status
// view and, while a console watches, keeps their responses and hands each
// journaled request, with its response, to the live streams. Without a
// console it costs a counter: no response is copied.
func (s *Server) watchForConsole(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.vendorFor(r.URL.Path) == nil {
			next.ServeHTTP(w, r)
			return
		}
		s.console.rate.add()
		if !s.console.stream.active() {
			next.ServeHTTP(w, r)
			return
		}
		cw := &captureWriter{ResponseWriter: w}
		exchangeFrom(r.Context()).observe = func(e journalEntry) {
			s.console.stream.publish(liveEntry{journalEntry: e, Response: cw.response()})
		}
		next.ServeHTTP(cw, r)
	})
}
