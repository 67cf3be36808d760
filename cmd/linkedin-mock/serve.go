package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// serveConfig is everything `serve` reads from flags and the environment.
type serveConfig struct {
	addr              string
	opts              mockserver.Options
	clockStart        string
	validateResponses bool
	logFormat         string
	logLevel          string
	readHeaderTimeout time.Duration
	readTimeout       time.Duration
	writeTimeout      time.Duration
	idleTimeout       time.Duration
	shutdownTimeout   time.Duration
	maxHeaderBytes    int
	watch             bool
}

func serveFlags(c *serveConfig) *pflag.FlagSet {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fs.Int64Var(&c.opts.Seed, "seed", 1, "seed of every generated world, latency and fault")
	fs.StringVar(&c.opts.Scenario, "scenario", "default", "scenario in force: a name, a comma list of names, or a scenario file path")
	fs.StringVar(&c.opts.ScenariosDir, "scenarios-dir", "", "directory of extra scenario files (*.yaml)")
	fs.BoolVar(&c.watch, "watch", false, "reload changed scenario files (--scenarios-dir, a --scenario file) without a restart; a broken change keeps the previous version")
	fs.StringVar(&c.opts.Locale, "locale", "", "locale of generated data, en or ar (overrides the scenarios')")
	fs.StringVar(&c.clockStart, "clock-start", "", "pin the virtual clock's start (RFC 3339), e.g. 2025-05-11T09:00:00Z")
	fs.BoolVar(&c.opts.ClockFrozen, "clock-frozen", false, "the clock moves only through POST /__admin/clock/advance")
	fs.Int64Var(&c.opts.MaxBodyBytes, "max-body-bytes", 1<<20, "largest request body accepted (413 beyond)")
	fs.StringSliceVar(&c.opts.CORSOrigins, "cors-origins", []string{"*"}, "allowed browser origins, comma-separated (a preflight from another origin answers 403)")
	fs.StringSliceVar(&c.opts.CORSHeaders, "cors-headers", nil, "request headers browsers may send, added to the built-in ones and to those a preflight asks for (comma-separated)")
	fs.BoolVar(&c.validateResponses, "validate-responses", true, "check every response against the spec (500 on a violation)")
	fs.IntVar(&c.opts.MaxTenants, "max-tenants", 500, "worlds kept in memory (a SkyLight world at default sizes holds about 0.13 MiB of heap, a Konnector one 0.01 MiB); the least recently used is evicted beyond")
	fs.IntVar(&c.opts.JournalSize, "journal-size", 1000, "requests kept in the journal (GET /__admin/requests)")
	fs.StringVar(&c.opts.AdminToken, "admin-token", "", "require this bearer token on /__admin (health stays open)")
	fs.StringSliceVar(&c.opts.WebhookAllowHosts, "webhook-allow-hosts", nil, "hosts webhooks may be delivered to: names, IPs, CIDR prefixes or * (default loopback only)")
	fs.DurationVar(&c.opts.WebhookTimeout, "webhook-timeout", 30*time.Second, "time a webhook receiver has to answer (published: 30s)")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.DurationVar(&c.readHeaderTimeout, "read-header-timeout", 5*time.Second, "time allowed to read request headers")
	fs.DurationVar(&c.readTimeout, "read-timeout", 30*time.Second, "time allowed to read a whole request")
	fs.DurationVar(&c.writeTimeout, "write-timeout", 90*time.Second, "time allowed to write a response (above the largest latency)")
	fs.DurationVar(&c.idleTimeout, "idle-timeout", 120*time.Second, "keep-alive idle time")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "time in-flight requests get to finish on SIGINT/SIGTERM")
	fs.IntVar(&c.maxHeaderBytes, "max-header-bytes", 64<<10, "largest request header block accepted")
	return fs
}

// runServe serves both APIs until ctx is cancelled, then shuts down
// gracefully: in-flight requests get the shutdown timeout to finish.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c serveConfig
	fs := serveFlags(&c)
	if err := parseFlags(fs, args, getenv, stdout, stderr); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	if err := c.finish(); err != nil {
		fmt.Fprintf(stderr, "linkedin-mock: %v\nUsage of linkedin-mock serve:\n%s", err, fs.FlagUsages())
		return &usageError{err}
	}
	logger, err := newLogger(stderr, c.logFormat, c.logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "linkedin-mock: %v\nUsage of linkedin-mock serve:\n%s", err, fs.FlagUsages())
		return &usageError{err}
	}
	c.opts.Logger = logger
	handler, err := mockserver.New(c.opts)
	if err != nil {
		return err
	}
	defer func() { _ = handler.Close() }() // aborts webhook deliveries in flight
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: c.readHeaderTimeout,
		ReadTimeout:       c.readTimeout,
		WriteTimeout:      c.writeTimeout,
		IdleTimeout:       c.idleTimeout,
		MaxHeaderBytes:    c.maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelDebug),
	}
	srv.RegisterOnShutdown(handler.CloseStreams) // live console streams would hold Shutdown until its timeout
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "linkedin-mock listening on %s (SkyLight %s%s, Konnector %s%s, admin %s/__admin)\n",
		base, base, handler.BasePath("skylight"), base, handler.BasePath("konnector"), base)
	logger.Info("listening", "addr", ln.Addr().String(), "seed", c.opts.Seed, "scenario", c.opts.Scenario)

	if c.watch {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		wctx, stopWatch := context.WithCancel(ctx)
		defer stopWatch()
		go handler.WatchScenarios(wctx, tick.C)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", c.shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// finish checks and converts what flags cannot.
func (c *serveConfig) finish() error {
	c.opts.SkipResponseValidation = !c.validateResponses
	if c.clockStart != "" {
		t, err := time.Parse(time.RFC3339, c.clockStart)
		if err != nil {
			return fmt.Errorf("--clock-start %q: want RFC 3339 such as 2025-05-11T09:00:00Z", c.clockStart)
		}
		c.opts.ClockStart = t
	}
	if c.opts.Locale != "" && c.opts.Locale != "en" && c.opts.Locale != "ar" {
		return fmt.Errorf("--locale %q: want en or ar", c.opts.Locale)
	}
	return nil
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
