// Package webhooktest is a webhook receiver for tests: an httptest server
// that checks each delivery's signature and collects the events, with a
// helper that waits for an event to arrive.
//
// It verifies signatures with its own HMAC-SHA256 code, as a user's receiver
// would, not with the mock's signer.
package webhooktest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Delivery is one POST the receiver got.
type Delivery struct {
	// Event, DeliveryID, Timestamp and Data are the payload's fields.
	Event      string          `json:"event"`
	DeliveryID string          `json:"delivery_id"`
	Timestamp  string          `json:"timestamp"`
	Data       json.RawMessage `json:"data"`
	// Header is the request's header (X-Skylight-*).
	Header http.Header `json:"-"`
	// Body is the raw body the signature covers.
	Body []byte `json:"-"`
	// SignatureOK reports whether X-Skylight-Signature matched the secret.
	SignatureOK bool `json:"-"`
}

// Receiver collects webhook deliveries. Its URL is the server's; give it the
// secret the mock answered at registration with SetSecret.
type Receiver struct {
	*httptest.Server

	mu         sync.Mutex // guards every field below
	secret     string
	status     int // answer to deliveries; 0 means 200
	deliveries []Delivery
	changed    chan struct{} // closed and replaced at each delivery
}

// NewReceiver starts a receiver on a loopback port; Close stops it.
func NewReceiver() *Receiver {
	r := &Receiver{changed: make(chan struct{})}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	return r
}

// SetSecret sets the secret signatures are checked with.
func (r *Receiver) SetSecret(secret string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secret = secret
}

// SetStatus makes the receiver answer deliveries with status (200 by
// default): answer 500 to watch the mock retry.
func (r *Receiver) SetStatus(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status = status
}

// Valid reports whether signature is "sha256=" and the hex HMAC-SHA256 of
// body keyed with secret, compared in constant time.
func Valid(secret string, body []byte, signature string) bool {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	want := "sha256=" + hex.EncodeToString(m.Sum(nil))
	return hmac.Equal([]byte(want), []byte(signature))
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		http.Error(w, "reading the body failed", http.StatusBadRequest)
		return
	}
	var d Delivery
	if err := json.Unmarshal(body, &d); err != nil {
		http.Error(w, "the body is not a webhook payload", http.StatusBadRequest)
		return
	}
	d.Header, d.Body = req.Header.Clone(), body
	r.mu.Lock()
	d.SignatureOK = r.secret != "" && Valid(r.secret, body, req.Header.Get("X-Skylight-Signature"))
	status := r.status
	r.deliveries = append(r.deliveries, d)
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
}

// Deliveries returns what arrived so far, in arrival order.
func (r *Receiver) Deliveries() []Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Delivery(nil), r.deliveries...)
}

// WaitFor waits up to timeout for a delivery of event (any event when
// empty) and returns the first one that arrived.
func (r *Receiver) WaitFor(event string, timeout time.Duration) (Delivery, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		for _, d := range r.deliveries {
			if event == "" || d.Event == event {
				r.mu.Unlock()
				return d, nil
			}
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			return Delivery{}, fmt.Errorf("webhooktest: no %q delivery within %s (%d others arrived)", event, timeout, len(r.Deliveries()))
		}
	}
}

// WaitForN waits up to timeout until n deliveries in all have arrived and
// returns them.
func (r *Receiver) WaitForN(n int, timeout time.Duration) ([]Delivery, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		if len(r.deliveries) >= n {
			out := append([]Delivery(nil), r.deliveries...)
			r.mu.Unlock()
			return out, nil
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			return r.Deliveries(), fmt.Errorf("webhooktest: %d deliveries within %s, want %d", len(r.Deliveries()), timeout, n)
		}
	}
}
