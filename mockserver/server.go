// Package mockserver serves the simulated SkyLight Chat and Konnector.ai
// APIs, routed and validated from their OpenAPI specs, plus a control API
// under /__admin/. New returns an http.Handler that works with
// httptest.NewServer; every piece of state belongs to the instance, so many
// servers can run in one process.
package mockserver

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/konnector"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// Options configure a Server. The zero value is usable: seed 0, the default
// scenario, a clock starting now, 1 MiB bodies, CORS for any origin,
// response validation on.
type Options struct {
	// Seed makes generated worlds, latency and faults repeatable.
	Seed int64
	// Scenario is the server's initial scenario: a name, a comma list of
	// names, or a path to a scenario file. Empty means "default".
	Scenario string
	// ScenariosDir, when set, adds every scenario file in it.
	ScenariosDir string
	// Locale, when set ("en" or "ar"), overrides every scenario's locale.
	Locale string
	// ClockStart pins the virtual clock's start; zero means now.
	ClockStart time.Time
	// ClockFrozen stops the clock between explicit advances.
	ClockFrozen bool
	// MaxBodyBytes caps request bodies (413 beyond); 0 means 1 MiB.
	MaxBodyBytes int64
	// CORSOrigins are the allowed browser origins; empty means "*".
	CORSOrigins []string
	// CORSHeaders are request headers browsers may send beside the built-in
	// ones and those a preflight asks for.
	CORSHeaders []string
	// SkipResponseValidation turns off the check of every response against
	// the spec (it is on by default).
	SkipResponseValidation bool
	// MaxTenants caps the worlds held in memory, both vendors together
	// (LRU); 0 means 500.
	MaxTenants int
	// JournalSize is how many requests the journal keeps; 0 means 1000.
	JournalSize int
	// AdminToken, when set, is required as a bearer token on /__admin
	// (except health).
	AdminToken string
	// Logger receives one line per request; nil discards.
	Logger *slog.Logger
	// WebhookAllowHosts are the hosts webhooks may be delivered to (names,
	// IPs, CIDR prefixes, "*"); empty means loopback only.
	WebhookAllowHosts []string
	// WebhookTimeout is how long a webhook receiver has to answer; 0 means
	// the published 30 s.
	WebhookTimeout time.Duration
}

func (o Options) withDefaults() Options {
	if o.Scenario == "" {
		o.Scenario = scenarios.DefaultName
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if len(o.CORSOrigins) == 0 {
		o.CORSOrigins = []string{"*"}
	}
	if o.MaxTenants <= 0 {
		o.MaxTenants = 500
	}
	if o.JournalSize <= 0 {
		o.JournalSize = 1000
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Server is the mock server: an http.Handler.
type Server struct {
	opts     Options
	log      *slog.Logger
	clock    *sim.Clock
	tenants  *sim.TenantPool // bounds every vendor's tenants together
	journal  *journal
	coverage *coverage
	sources  *scenarioSources // scenario files beside the built-ins (WatchScenarios)
	resolved *scenarioCache
	current  atomic.Pointer[scenarios.Scenario] // the server's current scenario
	vendors  []vendorSite
	webhooks *webhook.Dispatcher
	admin    http.Handler
	handler  http.Handler // the middleware chain around routes
	console  *consoleState
}

// New builds a server: it loads and validates both specs, the scenarios, and
// the routes. It fails on a broken spec or an unknown scenario.
func New(opts Options) (*Server, error) {
	fx, err := fixtures.Load()
	if err != nil {
		return nil, fmt.Errorf("mockserver: %w", err)
	}
	return newServer(opts, func(s *Server) []vendorSite {
		return []vendorSite{
			bind(s, skylight.New(skylight.Deps{Seed: opts.Seed, Clock: s.clock, Fixtures: fx, Webhooks: s.webhooks})),
			bind(s, konnector.New(konnector.Deps{Seed: opts.Seed, Clock: s.clock, Keys: keyAliases{s}, Fixtures: fx})),
		}
	})
}

// newServer builds a server around the vendors that makeVendors returns
// (tests substitute their own).
func newServer(opts Options, makeVendors func(*Server) []vendorSite) (*Server, error) {
	opts = opts.withDefaults()
	if opts.Locale != "" && opts.Locale != "en" && opts.Locale != "ar" {
		return nil, fmt.Errorf("mockserver: locale %q: want en or ar", opts.Locale)
	}
	s := &Server{
		opts:    opts,
		log:     opts.Logger,
		clock:   sim.NewClock(opts.ClockStart, opts.ClockFrozen, nil),
		tenants: sim.NewTenantPool(opts.MaxTenants),
		journal: newJournal(opts.JournalSize),
		console: newConsoleState(),
	}
	wh, err := newWebhooks(opts, s.clock)
	if err != nil {
		return nil, err
	}
	s.webhooks = wh
	s.sources = newScenarioSources(opts.ScenariosDir, opts.Scenario)
	reg, name, _, err := s.sources.load(true)
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = opts.Scenario
	}
	s.sources.changed() // what WatchScenarios compares against
	s.resolved = newScenarioCache(reg, opts.Locale)
	sc, err := s.resolved.get(name)
	if err != nil {
		return nil, fmt.Errorf("mockserver: scenario: %w", err)
	}
	s.current.Store(sc)

	s.vendors = makeVendors(s)
	errs := make([]error, len(s.vendors))
	var wg sync.WaitGroup
	for i, vs := range s.vendors { // each spec loads on its own core
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = vs.load()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s.coverage = newCoverage(s.vendors)
	s.admin = s.adminRoutes()
	// The chain, outermost first; each sees what those inside it did:
	//  1. requestIDs: every answer carries X-Request-Id, a panic's too;
	//  2. logRequests: the log line, the journal and coverage see the final
	//     outcome: a recovered panic's 500, a preflight, a drop;
	//  3. watchForConsole: counts API requests for the status view and,
	//     while a console watches, keeps their responses for it;
	//  4. recoverPanics: a panic becomes a 500 in the envelope of the API
	//     the request was for;
	//  5. allowCORS: preflights are answered before authentication (403
	//     for an origin --cors-origins does not allow);
	//  6. routes: /__admin, each vendor's pipeline, a JSON 404 elsewhere.
	s.handler = chain(http.HandlerFunc(s.routes),
		requestIDs(newRequestID),
		logRequests(s.log, s.clock, s.journal, s.coverage),
		s.watchForConsole,
		recoverPanics(s.log, s.failPanic),
		allowCORS(corsPolicy{origins: opts.CORSOrigins, headers: opts.CORSHeaders}),
	)
	return s, nil
}

// chain wraps h in the middleware, the first outermost.
func chain(h http.Handler, middleware ...func(http.Handler) http.Handler) http.Handler {
	for i := len(middleware) - 1; i >= 0; i-- {
		h = middleware[i](h)
	}
	return h
}

// Clock returns the server's virtual clock.
func (s *Server) Clock() *sim.Clock { return s.clock }

// ServeHTTP answers one request through the middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes answers the admin API under /__admin/, each vendor under its base
// path, a JSON 404 elsewhere.
func (s *Server) routes(w http.ResponseWriter, r *http.Request) {
	x := exchangeFrom(r.Context())
	switch vs := s.vendorFor(r.URL.Path); {
	case strings.HasPrefix(r.URL.Path, "/__admin/") || r.URL.Path == "/__admin":
		x.vendor = "admin"
		s.admin.ServeHTTP(w, r)
	case vs != nil:
		x.vendor, x.api = vs.routes().name, true
		vs.serve(w, r, x)
	case wantsConsole(r):
		http.Redirect(w, r, "/__admin/ui/", http.StatusFound)
	default:
		where := make([]string, 0, len(s.vendors)+1)
		for _, vs := range s.vendors {
			where = append(where, vs.routes().name+" is under "+vs.routes().basePath)
		}
		writePlainError(w, http.StatusNotFound, "no API is served under "+r.URL.Path+"; "+
			strings.Join(append(where, "the control API is under /__admin"), ", "))
	}
}

// BasePath returns the path a vendor ("skylight" or "konnector") is served
// under, from its spec's servers; "" for another name.
func (s *Server) BasePath(vendor string) string {
	for _, vs := range s.vendors {
		if vs.routes().name == vendor {
			return vs.routes().basePath
		}
	}
	return ""
}

// failPanic answers a recovered panic: in the envelope of the vendor whose
// base path holds the request, else as plain JSON.
func (s *Server) failPanic(w http.ResponseWriter, r *http.Request, msg string) {
	if vs := s.vendorFor(r.URL.Path); vs != nil {
		vs.fail(w, exchangeFrom(r.Context()), &sim.Error{Kind: sim.KindInternal, Message: msg})
		return
	}
	writePlainError(w, http.StatusInternalServerError, msg)
}

// vendorFor returns the vendor whose base path holds path.
func (s *Server) vendorFor(path string) vendorSite {
	for _, vs := range s.vendors {
		base := vs.routes().basePath
		if path == base || strings.HasPrefix(path, base+"/") {
			return vs
		}
	}
	return nil
}
