// Command load sends realistic mixed traffic to a linkedin-mock server and
// checks that nothing was lost:
//
//	go run ./tests/load -url http://127.0.0.1:8080 -duration 30s -concurrency 64 [-bare]
//
// With -bare it then sends the same traffic, at the same concurrency, to a
// bare net/http handler serving static JSON of the mock's mean answer size
// (in a child process, as the mock is) and prints the throughput ratio.
// With -pid it samples the server's RSS, threads and descriptors (a soak:
// add -requests 1000000 -generation 100000). It exits 1 when a check fails.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/linkedin-mock/linkedin-mock/tests/load/driver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// options are the command line.
type options struct {
	cfg         driver.Config
	bare        bool
	verbose     bool
	pid         int
	sampleEvery time.Duration
	maxRSSMiB   int64
	serveBare   string
	bareSize    int
}

func parse(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&o.cfg.URL, "url", "http://127.0.0.1:8080", "the mock's root URL")
	fs.DurationVar(&o.cfg.Duration, "duration", 30*time.Second, "how long to send traffic (unless -requests)")
	fs.Int64Var(&o.cfg.Requests, "requests", 0, "send this many measured requests instead of running for -duration")
	fs.IntVar(&o.cfg.Concurrency, "concurrency", 64, "workers, each with its own keep-alive connection")
	fs.IntVar(&o.cfg.SkyLightTenants, "skylight-tenants", 16, "SkyLight API keys per generation (each world holds about half a MiB)")
	fs.IntVar(&o.cfg.KonnectorTenants, "konnector-tenants", 256, "Konnector API keys per generation (each has 100 requests a minute)")
	fs.StringVar(&o.cfg.KeyPrefix, "prefix", "", "API key prefix (default: random, so runs do not share tenants)")
	fs.Float64Var(&o.cfg.BadShare, "bad-share", 0.08, "share of deliberately bad requests")
	fs.Int64Var(&o.cfg.Generation, "generation", 0, "verify, reset and replace the tenants every this many requests (soak)")
	fs.StringVar(&o.cfg.AdminToken, "admin-token", "", "the mock's --admin-token, if set")
	fs.Uint64Var(&o.cfg.Seed, "seed", 1, "seed of the traffic")
	fs.DurationVar(&o.cfg.Timeout, "timeout", 10*time.Second, "per-request timeout")
	fs.Float64Var(&o.cfg.Rate, "rate", 0, "pace the traffic to this many operations a second (open loop); 0: as fast as possible")
	fs.BoolVar(&o.verbose, "v", false, "print requests and mean answer size by operation")
	fs.BoolVar(&o.bare, "bare", false, "also run the same traffic against a bare net/http handler and print the ratio")
	fs.IntVar(&o.pid, "pid", 0, "the mock's process id: sample its RSS, threads and descriptors (Linux)")
	fs.DurationVar(&o.sampleEvery, "sample-every", 2*time.Second, "sampling interval with -pid")
	fs.Int64Var(&o.maxRSSMiB, "max-rss-mib", 100, "RSS ceiling checked with -pid")
	fs.StringVar(&o.serveBare, "serve-bare", "", "internal: serve the bare handler on this address")
	fs.IntVar(&o.bareSize, "bare-size", 1024, "internal: body size of the bare handler")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return o, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	if o.serveBare != "" {
		return serveBare(ctx, o.serveBare, o.bareSize, out)
	}
	o.cfg.Log = out
	var failures []string

	var counter atomic.Int64
	o.cfg.Counter = &counter
	var sampler *driver.Sampler
	var idle driver.ProcSample
	if o.pid > 0 {
		if idle, err = driver.ReadProc(o.pid); err != nil {
			return err
		}
		sampler = driver.StartSampler(o.pid, o.sampleEvery, &counter)
	}
	mock, err := driver.Run(ctx, o.cfg)
	if err != nil {
		if sampler != nil {
			_, _ = sampler.Stop()
		}
		return err
	}
	mock.Verbose = o.verbose
	mock.Print(out)
	failures = append(failures, mock.Failures()...)
	if sampler != nil {
		samples, serr := sampler.Stop()
		if serr != nil {
			return serr
		}
		after, err := driver.SettleFDs(o.pid, idle.FDs, 10*time.Second)
		if err != nil {
			return err
		}
		after.Requests = counter.Load()
		soak := driver.AnalyzeSoak(idle, samples, after, o.maxRSSMiB*1024)
		soak.Print(out)
		failures = append(failures, soak.Failures...)
	}

	if o.bare && ctx.Err() == nil {
		bare, err := runBare(ctx, o, mock.MeanResponseBytes())
		if err != nil {
			return err
		}
		bare.Print(out)
		ratio := fmt.Sprintf("throughput %.0f%% (%.0f / %.0f req/s)", 100*mock.RPS()/bare.RPS(), mock.RPS(), bare.RPS())
		if o.cfg.Rate > 0 {
			ratio = fmt.Sprintf("paced at %.0f operations/s, throughput not compared", o.cfg.Rate)
		}
		fmt.Fprintf(out, "== mock/bare: %s; p99 %s vs %s; p95 %s vs %s; p50 %s vs %s\n",
			ratio, fmtMS(mock.P99), fmtMS(bare.P99), fmtMS(mock.P95), fmtMS(bare.P95), fmtMS(mock.P50), fmtMS(bare.P50))
	}
	if len(failures) > 0 {
		for _, f := range failures {
			fmt.Fprintln(out, "FAIL:", f)
		}
		return errors.New("the run failed its checks")
	}
	fmt.Fprintln(out, "PASS")
	return nil
}

func fmtMS(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

// runBare starts this program again as a bare server (a separate process,
// as the mock is) and sends it the same traffic.
func runBare(ctx context.Context, o *options, size int) (*driver.Result, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, "-serve-bare", "127.0.0.1:0", "-bare-size", strconv.Itoa(size))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the bare server: %w", err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	line := make([]byte, 256)
	n, err := stdout.Read(line)
	if err != nil {
		return nil, fmt.Errorf("bare server: %w", err)
	}
	url := regexp.MustCompile(`http://[0-9.:]+`).Find(line[:n])
	if url == nil {
		return nil, fmt.Errorf("bare server printed %q", line[:n])
	}
	cfg := o.cfg
	cfg.URL, cfg.Bare, cfg.Counter, cfg.Generation = string(url), true, nil, 0
	return driver.Run(ctx, cfg)
}

// serveBare serves the bare handler until ctx ends.
func serveBare(ctx context.Context, addr string, size int, out io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: driver.BareHandler(size), ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(out, "bare listening on http://%s\n", ln.Addr())
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
