package driver

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ProcSample is a server process's resources at one instant, read from
// /proc (Linux).
type ProcSample struct {
	// At is the time since sampling started; Requests the requests sent by then.
	At       time.Duration
	Requests int64
	// RSSKiB is VmRSS; Threads the OS threads; FDs the open descriptors.
	RSSKiB  int64
	Threads int
	FDs     int
}

// ReadProc samples process pid.
func ReadProc(pid int) (ProcSample, error) {
	var s ProcSample
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, fmt.Errorf("read process status: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		switch name {
		case "VmRSS":
			s.RSSKiB, _ = strconv.ParseInt(fields[0], 10, 64)
		case "Threads":
			s.Threads, _ = strconv.Atoi(fields[0])
		}
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return s, fmt.Errorf("read process fds: %w", err)
	}
	s.FDs = len(fds)
	return s, nil
}

// Sampler samples a process at a fixed interval while a run goes on.
type Sampler struct {
	pid      int
	requests *atomic.Int64
	start    time.Time
	stop     chan struct{}
	done     chan struct{}

	mu      sync.Mutex // guards samples and err
	samples []ProcSample
	err     error
}

// StartSampler samples pid every interval; requests, when not nil, is read
// for each sample.
func StartSampler(pid int, every time.Duration, requests *atomic.Int64) *Sampler {
	s := &Sampler{pid: pid, requests: requests, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.take()
			}
		}
	}()
	return s
}

func (s *Sampler) take() {
	p, err := ReadProc(s.pid)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.err = err
		return
	}
	p.At = time.Since(s.start)
	if s.requests != nil {
		p.Requests = s.requests.Load()
	}
	s.samples = append(s.samples, p)
}

// Stop ends sampling and returns the samples.
func (s *Sampler) Stop() ([]ProcSample, error) {
	close(s.stop)
	<-s.done
	s.take()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.samples, s.err
}

// SoakReport judges a soak: memory under a ceiling with no upward trend
// after warm-up, and descriptors back to idle.
type SoakReport struct {
	Idle, After ProcSample
	Samples     []ProcSample
	// PeakRSSKiB is the largest RSS seen; EarlyPeakKiB and LatePeakKiB are
	// the largest in the first and second halves after warm-up (the first
	// quarter of the samples).
	PeakRSSKiB, EarlyPeakKiB, LatePeakKiB int64
	// Failures lists the properties that did not hold.
	Failures []string
}

// AnalyzeSoak checks the samples of a soak against maxRSSKiB.
func AnalyzeSoak(idle ProcSample, samples []ProcSample, after ProcSample, maxRSSKiB int64) SoakReport {
	r := SoakReport{Idle: idle, After: after, Samples: samples}
	for _, s := range append(append([]ProcSample{}, samples...), after) {
		r.PeakRSSKiB = max(r.PeakRSSKiB, s.RSSKiB)
	}
	if r.PeakRSSKiB >= maxRSSKiB {
		r.Failures = append(r.Failures, fmt.Sprintf("RSS peaked at %.1f MiB, over %.0f MiB", mib(r.PeakRSSKiB), mib(maxRSSKiB)))
	}
	warm := samples[len(samples)/4:]
	half := len(warm) / 2
	for i, s := range warm {
		if i < half {
			r.EarlyPeakKiB = max(r.EarlyPeakKiB, s.RSSKiB)
		} else {
			r.LatePeakKiB = max(r.LatePeakKiB, s.RSSKiB)
		}
	}
	// Allow 10% and 4 MiB of noise (GC timing) before calling it a trend.
	if half > 0 && r.LatePeakKiB > r.EarlyPeakKiB+r.EarlyPeakKiB/10+4096 {
		r.Failures = append(r.Failures, fmt.Sprintf("RSS trends upward after warm-up: %.1f MiB, then %.1f MiB", mib(r.EarlyPeakKiB), mib(r.LatePeakKiB)))
	}
	if after.FDs > idle.FDs {
		r.Failures = append(r.Failures, fmt.Sprintf("%d file descriptors open after the run, %d before", after.FDs, idle.FDs))
	}
	return r
}

func mib(kib int64) float64 { return float64(kib) / 1024 }

// Print writes the soak's table and verdict.
func (r SoakReport) Print(w io.Writer) {
	fmt.Fprintf(w, "== soak: %d samples\n", len(r.Samples))
	fmt.Fprintf(w, "%10s %10s %9s %8s %5s\n", "time", "requests", "RSS MiB", "threads", "fds")
	row := func(label string, s ProcSample) {
		fmt.Fprintf(w, "%10s %10d %9.1f %8d %5d\n", label, s.Requests, mib(s.RSSKiB), s.Threads, s.FDs)
	}
	row("idle", r.Idle)
	step := max(1, len(r.Samples)/20)
	for i, s := range r.Samples {
		if i%step == 0 || i == len(r.Samples)-1 {
			row(s.At.Round(time.Second).String(), s)
		}
	}
	row("after", r.After)
	fmt.Fprintf(w, "RSS peak %.1f MiB; after warm-up %.1f MiB then %.1f MiB; fds idle %d, after %d; threads idle %d, after %d\n",
		mib(r.PeakRSSKiB), mib(r.EarlyPeakKiB), mib(r.LatePeakKiB), r.Idle.FDs, r.After.FDs, r.Idle.Threads, r.After.Threads)
	if len(r.Failures) == 0 {
		fmt.Fprintln(w, "soak OK")
	}
	for _, f := range r.Failures {
		fmt.Fprintf(w, "soak FAILED: %s\n", f)
	}
}

// SettleFDs waits up to timeout for pid's descriptors to fall back to at
// most want (closed connections take a moment to be reaped), and returns
// the last sample.
func SettleFDs(pid, want int, timeout time.Duration) (ProcSample, error) {
	deadline := time.Now().Add(timeout)
	for {
		s, err := ReadProc(pid)
		if err != nil || s.FDs <= want || time.Now().After(deadline) {
			return s, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}
