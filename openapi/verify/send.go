package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxResponseBytes caps how much of a response verify reads.
const maxResponseBytes = 16 << 20

// exchange is one answered request.
type exchange struct {
	status int
	header http.Header
	body   []byte
	// notes say what happened on the way (a 429 waited out).
	notes []string
	// rateLimited is true when the answer is still a 429 after the retry.
	rateLimited bool
}

// send sends a request; on a 429 it waits for Retry-After (capped at
// MaxRetryWait) and retries once, instead of hammering the server.
func (r *runner) send(ctx context.Context, method string, req *request) (*exchange, error) {
	u := r.base + withQuery(req.path, req.query)
	ex, err := r.attempt(ctx, method, u, req)
	if err != nil || ex.status != http.StatusTooManyRequests {
		return ex, err
	}
	wait, given := retryAfter(ex.header.Get("Retry-After"), time.Now())
	if wait > r.cfg.MaxRetryWait {
		wait = r.cfg.MaxRetryWait
	}
	note := fmt.Sprintf("429 Too Many Requests: waited %s (Retry-After %s) and retried once", wait, given)
	if err := r.cfg.Sleep(ctx, wait); err != nil {
		return nil, fmt.Errorf("waiting out a 429: %w", err)
	}
	again, err := r.attempt(ctx, method, u, req)
	if err != nil {
		return nil, fmt.Errorf("retry after a 429: %w", err)
	}
	again.notes = append(again.notes, note)
	again.rateLimited = again.status == http.StatusTooManyRequests
	return again, nil
}

// attempt sends one request with the per-request timeout.
func (r *runner) attempt(ctx context.Context, method, u string, in *request) (*exchange, error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	var rd io.Reader
	if in.body != nil {
		rd = bytes.NewReader(in.body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	accept := in.accept
	if accept == "" {
		accept = "application/json"
	}
	req.Header.Set(r.authHeader, r.cfg.APIKey)
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", "linkedin-mock-verify")
	if in.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.cfg.Client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer within %s", r.cfg.Timeout)
		}
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return nil, fmt.Errorf("read the answer (status %d): %w", resp.StatusCode, err)
	}
	return &exchange{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// retryAfter reads a Retry-After value (seconds or an HTTP date) and
// returns the wait and how the header was given; absent or unreadable means
// one second.
func retryAfter(v string, now time.Time) (time.Duration, string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Second, "absent"
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, v + "s"
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, strconv.Quote(v)
	}
	return time.Second, "unreadable"
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
