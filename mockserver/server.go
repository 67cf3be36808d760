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
	// SkipResponseValidation turns off the check of every response against
	// the spec (it is on by default).
	SkipResponseValidation bool
	// MaxTenants caps the worlds held in memory (LRU); 0 means 500.
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
	opts      Options
	log       *slog.Logger
	clock     *sim.Clock
	tenants   *sim.Tenants
	journal   *sim.Journal
	coverage  *coverage
	registry  *scenarios.Registry
	resolved  *scenarioCache
	current   atomic.Pointer[scenarios.Scenario] // the server's current scenario
	vendors   []*vendorRoutes
	webhooks  *webhook.Dispatcher
	admin     http.Handler
	requestID func() string
}

// New builds a server: it loads and validates both specs, the scenarios, and
// the routes. It fails on a broken spec or an unknown scenario.
func New(opts Options) (*Server, error) {
	fx, err := fixtures.Load()
	if err != nil {
		return nil, fmt.Errorf("mockserver: %w", err)
	}
	return newServer(opts, func(s *Server) []Vendor {
		return []Vendor{
			skylight.New(skylight.Deps{Seed: opts.Seed, Clock: s.clock, Fixtures: fx, Webhooks: s.webhooks}),
			konnector.New(konnector.Deps{Seed: opts.Seed, Clock: s.clock, Tenants: s.tenants}),
		}
	})
}

// newServer builds a server around the vendors that makeVendors returns
// (tests substitute their own).
func newServer(opts Options, makeVendors func(*Server) []Vendor) (*Server, error) {
	opts = opts.withDefaults()
	if opts.Locale != "" && opts.Locale != "en" && opts.Locale != "ar" {
		return nil, fmt.Errorf("mockserver: locale %q: want en or ar", opts.Locale)
	}
	s := &Server{
		opts:      opts,
		log:       opts.Logger,
		clock:     sim.NewClock(opts.ClockStart, opts.ClockFrozen, nil),
		tenants:   sim.NewTenants(opts.MaxTenants),
		journal:   sim.NewJournal(opts.JournalSize),
		requestID: newRequestIDs(),
	}
	wh, err := newWebhooks(opts, s.clock)
	if err != nil {
		return nil, err
	}
	s.webhooks = wh
	reg, err := scenarios.Builtin()
	if err != nil {
		return nil, err
	}
	if opts.ScenariosDir != "" {
		if err := reg.AddDir(opts.ScenariosDir); err != nil {
			return nil, err
		}
	}
	name, err := addScenarioPath(reg, opts.Scenario)
	if err != nil {
		return nil, err
	}
	s.registry = reg
	s.resolved = newScenarioCache(reg, opts.Locale)
	sc, err := s.resolved.get(name)
	if err != nil {
		return nil, fmt.Errorf("mockserver: scenario: %w", err)
	}
	s.current.Store(sc)

	vendors := makeVendors(s)
	s.vendors = make([]*vendorRoutes, len(vendors))
	errs := make([]error, len(vendors))
	var wg sync.WaitGroup
	for i, v := range vendors { // each spec loads on its own core
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.vendors[i], errs[i] = newVendorRoutes(v)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s.coverage = newCoverage(s.vendors)
	s.admin = s.adminRoutes()
	return s, nil
}

// addScenarioPath registers spec when it is a file path (contains a path
// separator or ends in .yaml/.yml) and returns the name to resolve.
func addScenarioPath(reg *scenarios.Registry, spec string) (string, error) {
	if !strings.ContainsAny(spec, `/\`) && !strings.HasSuffix(spec, ".yaml") && !strings.HasSuffix(spec, ".yml") {
		return spec, nil
	}
	return reg.AddFile(spec)
}

// Clock returns the server's virtual clock.
func (s *Server) Clock() *sim.Clock { return s.clock }

// ServeHTTP answers one request: the admin API under /__admin/, each vendor
// under its base path, a JSON 404 elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w}
	id := s.requestID()
	rec.Header().Set("X-Request-Id", id)
	req := &sim.Request{ID: id, Now: s.clock.Now()}
	r = r.WithContext(sim.WithRequest(r.Context(), req))

	vr := s.vendorFor(r.URL.Path)
	entry := &sim.Entry{Time: req.Now, RequestID: id, Method: r.Method, Path: r.URL.Path}
	defer s.finish(rec, r, vr, entry, start)
	defer s.recoverPanic(rec, r, vr)

	if s.cors(rec, r) {
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/__admin/") || r.URL.Path == "/__admin":
		entry.Vendor = "admin"
		s.admin.ServeHTTP(rec, r)
	case vr != nil:
		entry.Vendor = vr.vendor.Name()
		s.serveVendor(vr, rec, r, entry)
	default:
		writePlainError(rec, http.StatusNotFound, "no API is served under "+r.URL.Path+
			"; SkyLight is under /api/v1, Konnector under /social_app/api/v1/third_party, the control API under /__admin")
	}
}

// vendorFor returns the vendor whose base path holds path.
func (s *Server) vendorFor(path string) *vendorRoutes {
	for _, vr := range s.vendors {
		if path == vr.basePath || strings.HasPrefix(path, vr.basePath+"/") {
			return vr
		}
	}
	return nil
}
