package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

var t0 = time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)

// fakeSource serves a list of events.
type fakeSource struct {
	mu     sync.Mutex
	events []Event
}

func (f *fakeSource) add(e Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, e)
}

func (f *fakeSource) Events(from, to time.Time) []Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Event
	for _, e := range f.events {
		if !e.Time.Before(from) && e.Time.Before(to) {
			out = append(out, e)
		}
	}
	return out
}

// sink is a receiver recording bodies and answering status.
type sink struct {
	mu     sync.Mutex
	status int
	got    [][]byte
	hdr    []http.Header
	seen   chan struct{}
}

func newSink(t *testing.T, status int) (*sink, *httptest.Server) {
	s := &sink{status: status, seen: make(chan struct{}, 100)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.got, s.hdr = append(s.got, b), append(s.hdr, r.Header.Clone())
		st := s.status
		s.mu.Unlock()
		w.WriteHeader(st)
		s.seen <- struct{}{}
	}))
	t.Cleanup(srv.Close)
	return s, srv
}

func (s *sink) wait(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-s.seen:
		case <-time.After(10 * time.Second):
			t.Fatalf("fewer than %d deliveries arrived", n)
		}
	}
}

func newDispatcher(t *testing.T, cfg Config) (*Dispatcher, *sim.Clock) {
	t.Helper()
	clock := sim.NewClock(t0, true, nil)
	cfg.Clock, cfg.Frozen, cfg.Poll = clock, true, 5*time.Millisecond
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	d, err := New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, d.Close()) })
	return d, clock
}

// settle waits until the registry has nothing due and no attempt running.
func settle(t *testing.T, r *Registry) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		idle := !r.queued && !r.hasDueLocked(r.d.cfg.Clock.Now()) && r.cursor.Equal(r.d.cfg.Clock.Now())
		r.mu.Unlock()
		if idle {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the registry did not settle")
}

func hmacHex(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestEventsDeliveredInOrderWhenTheClockMoves(t *testing.T) {
	d, clock := newDispatcher(t, Config{Seed: 7})
	s, srv := newSink(t, 200)
	src := &fakeSource{events: []Event{
		{Name: "message.sent", Time: t0.Add(3 * time.Hour), Key: "m/2", Data: json.RawMessage(`{"n":2}`)},
		{Name: "message.received", Time: t0.Add(time.Hour), Key: "m/1", Data: json.RawMessage(`{"n":1}`)},
		{Name: "contact.created", Time: t0.Add(2 * time.Hour), Key: "c/1"},
		{Name: "message.sent", Time: t0.Add(80 * time.Hour), Key: "m/3"},
	}}
	r := d.NewRegistry(Owner{Vendor: "v", APIKey: "k", Scenario: "default"}, src)
	_, secret := r.Create("h", srv.URL, []string{"message.sent", "message.received"}, true, t0)

	time.Sleep(30 * time.Millisecond) // the loop runs, but a frozen clock has not moved
	s.mu.Lock()
	require.Empty(t, s.got, "nothing is sent before the clock moves")
	s.mu.Unlock()

	_, err := clock.Advance(72 * time.Hour)
	require.NoError(t, err)
	s.wait(t, 2)
	settle(t, r)
	s.mu.Lock()
	defer s.mu.Unlock()
	require.Len(t, s.got, 2, "contact.created is not subscribed; the event after 72h has not happened")
	var first, second payload
	require.NoError(t, json.Unmarshal(s.got[0], &first))
	require.NoError(t, json.Unmarshal(s.got[1], &second))
	require.Equal(t, "message.received", first.Event)
	require.Equal(t, "2025-05-11T10:00:00.000000Z", first.Timestamp)
	require.Equal(t, "message.sent", second.Event)
	require.Equal(t, hmacHex(secret, s.got[0]), s.hdr[0].Get("X-Skylight-Signature"))
	require.Equal(t, "application/json", s.hdr[0].Get("Content-Type"))
	require.Equal(t, "message.received", s.hdr[0].Get("X-Skylight-Event"))
	require.Equal(t, "1746957600", s.hdr[0].Get("X-Skylight-Timestamp"))
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, first.DeliveryID)
}

func TestRetriesFollowTheVirtualClockThenFail(t *testing.T) {
	d, clock := newDispatcher(t, Config{})
	s, srv := newSink(t, 500)
	r := d.NewRegistry(Owner{Vendor: "v", APIKey: "k"}, &fakeSource{})
	h, _ := r.Create("h", srv.URL, []string{"message.sent"}, true, t0)

	_, _, err := r.Test(h.ID, Event{Name: "message.sent", Time: t0})
	require.NoError(t, err)
	s.wait(t, 1)
	settle(t, r)
	for i, step := range []time.Duration{2 * time.Minute, 10 * time.Minute, 30 * time.Minute} {
		log, _ := r.Deliveries(h.ID, "")
		require.Len(t, log[0].Attempts, i+1)
		require.Equal(t, StatusPending, log[0].Status)
		require.Equal(t, clock.Now().Add(step), *log[0].NextAttemptAt)
		_, err := clock.Advance(step - time.Second)
		require.NoError(t, err)
		settle(t, r)
		log, _ = r.Deliveries(h.ID, "")
		require.Len(t, log[0].Attempts, i+1, "retry %d is not due a second early", i+1)
		_, err = clock.Advance(time.Second)
		require.NoError(t, err)
		s.wait(t, 1)
		settle(t, r)
	}
	log, _ := r.Deliveries(h.ID, StatusFailed)
	require.Len(t, log, 1)
	require.Len(t, log[0].Attempts, 4)
	require.Nil(t, log[0].NextAttemptAt)
	require.Equal(t, 500, log[0].Attempts[3].StatusCode)
	require.Equal(t, t0.Add(42*time.Minute), log[0].Attempts[3].At)
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := map[string]bool{}
	for _, b := range s.got {
		var p payload
		require.NoError(t, json.Unmarshal(b, &p))
		ids[p.DeliveryID] = true
	}
	require.Len(t, ids, 1, "the payload's delivery_id stays the same across retries")
	require.NotEqual(t, s.hdr[0].Get(deliveryHeader), s.hdr[1].Get(deliveryHeader), "X-Skylight-Delivery is per attempt")
}

func TestFullQueueFailsVisibly(t *testing.T) {
	d, _ := newDispatcher(t, Config{QueueSize: 1})
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(block) })
	r := d.NewRegistry(Owner{Vendor: "v", APIKey: "secret-key-1234"}, &fakeSource{})
	h, _ := r.Create("h", srv.URL, []string{"message.sent"}, true, t0)
	_, _, err := r.Test(h.ID, Event{Name: "message.sent", Time: t0})
	require.NoError(t, err)
	second, _, err := r.Test(h.ID, Event{Name: "message.sent", Time: t0})
	require.NoError(t, err)
	require.Equal(t, StatusFailed, second.Status)
	require.Contains(t, second.Attempts[0].Error, "delivery queue full")
	out := d.Outbox(Filter{Status: StatusFailed})
	require.Len(t, out, 1)
	require.Equal(t, "…1234", out[0].Tenant, "the admin view shows the masked key only")
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	d, _ := newDispatcher(t, Config{})
	hit := make(chan struct{}, 1)
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hit <- struct{}{} }))
	t.Cleanup(target.Close)
	s, srv := newSink(t, 0)
	_ = s
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(target.URL, "127.0.0.1", "example.com", 1), http.StatusTemporaryRedirect)
	})
	r := d.NewRegistry(Owner{Vendor: "v", APIKey: "k"}, &fakeSource{})
	h, _ := r.Create("h", srv.URL, []string{"message.sent"}, true, t0)
	_, _, err := r.Test(h.ID, Event{Name: "message.sent", Time: t0})
	require.NoError(t, err)
	settle(t, r)
	log, _ := r.Deliveries(h.ID, "")
	require.Equal(t, http.StatusTemporaryRedirect, log[0].Attempts[0].StatusCode, "a 3xx is the answer, and a failure")
	require.Equal(t, StatusPending, log[0].Status)
	select {
	case <-hit:
		t.Fatal("the redirect was followed")
	default:
	}
}

func TestAllowlist(t *testing.T) {
	def, err := newAllowlist(nil)
	require.NoError(t, err)
	wide, err := newAllowlist([]string{"hooks.example.com", "10.0.0.0/8", "192.168.1.5"})
	require.NoError(t, err)
	for _, tc := range []struct {
		url          string
		def, widened bool
	}{
		{"http://127.0.0.1:9000/h", true, false},
		{"http://localhost:9000/h", true, false},
		{"http://[::1]:9000/h", true, false},
		{"https://hooks.example.com/h", false, true},
		{"http://10.1.2.3/h", false, true},
		{"http://192.168.1.5/h", false, true},
		{"http://192.168.1.6/h", false, false},
		{"http://169.254.169.254/latest", false, false},
	} {
		require.Equal(t, tc.def, def.checkURL(tc.url) == nil, "default %s", tc.url)
		require.Equal(t, tc.widened, wide.checkURL(tc.url) == nil, "widened %s", tc.url)
	}
	for _, bad := range []string{"ftp://127.0.0.1/x", "not a url", "http://", "http://user:pw@127.0.0.1/"} {
		require.Error(t, def.checkURL(bad), bad)
	}
	require.ErrorContains(t, def.checkURL("https://hooks.example.com/h"), allowFlag)
	_, err = newAllowlist([]string{"10.0.0.0/99"})
	require.Error(t, err)
}

func TestCloseDoesNotWaitForAHungReceiver(t *testing.T) {
	clock := sim.NewClock(t0, true, nil)
	d, err := New(Config{Clock: clock, Frozen: true}) // the published 30 s timeout
	require.NoError(t, err)
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	r := d.NewRegistry(Owner{Vendor: "v", APIKey: "k"}, &fakeSource{})
	h, _ := r.Create("h", srv.URL, []string{"message.sent"}, true, t0)
	_, _, err = r.Test(h.ID, Event{Name: "message.sent", Time: t0})
	require.NoError(t, err)
	<-entered
	require.NoError(t, d.Close(), "Close aborts the attempt in flight")
	log, _ := r.Deliveries(h.ID, "")
	require.Len(t, log[0].Attempts, 1)
	require.NotEmpty(t, log[0].Attempts[0].Error)
}

func TestSecretsAndIDsAreDerived(t *testing.T) {
	a := newSecret("seed\x00key", 1, 0)
	require.Regexp(t, `^whsec_[A-Za-z0-9]{64}$`, a)
	require.Equal(t, a, newSecret("seed\x00key", 1, 0))
	require.NotEqual(t, a, newSecret("seed\x00key", 1, 1), "a regenerated secret differs")
	require.NotEqual(t, a, newSecret("seed\x00other", 1, 0), "another tenant's secret differs")
	require.Equal(t, hmacHex("s", []byte("body")), sign("s", []byte("body")))
}

func TestDroppedRegistryGivesBackItsQueuePlaces(t *testing.T) {
	d, _ := newDispatcher(t, Config{QueueSize: 2})
	refuse := httptest.NewServer(http.NotFoundHandler())
	url := refuse.URL
	refuse.Close()
	func() { // a world with two deliveries waiting for a retry, then evicted
		r := d.NewRegistry(Owner{Vendor: "v", APIKey: "gone"}, &fakeSource{})
		h, _ := r.Create("h", url, []string{"message.sent"}, true, t0)
		for range 2 {
			_, _, err := r.Test(h.ID, Event{Name: "message.sent", Time: t0})
			require.NoError(t, err)
		}
		settle(t, r)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		d.mu.Lock()
		free := d.pending == 0
		d.mu.Unlock()
		if free {
			break
		}
		require.True(t, time.Now().Before(deadline), "the dropped registry still holds its places")
		time.Sleep(10 * time.Millisecond)
	}
	require.NotEmpty(t, d.Outbox(Filter{}), "the admin view keeps the deliveries it saw")
}

// TestLateEventIsCollectedOnce: a request that took its instant before an
// advance but stored its event after the collection still gets it
// delivered, at the next collection, and only once.
func TestLateEventIsCollectedOnce(t *testing.T) {
	d, clock := newDispatcher(t, Config{})
	s, srv := newSink(t, 200)
	src := &fakeSource{}
	r := d.NewRegistry(Owner{Vendor: "v", APIKey: "k"}, src)
	r.Create("h", srv.URL, []string{"message.sent"}, true, t0)
	src.add(Event{Name: "message.sent", Time: t0.Add(time.Hour), Key: "on-time"})
	_, err := clock.Advance(2 * time.Hour)
	require.NoError(t, err)
	s.wait(t, 1)
	settle(t, r)
	src.add(Event{Name: "message.sent", Time: t0, Key: "late"}) // stored after the collection passed t0
	_, err = clock.Advance(time.Hour)
	require.NoError(t, err)
	s.wait(t, 1)
	settle(t, r)
	_, err = clock.Advance(time.Hour)
	require.NoError(t, err)
	settle(t, r)
	log, _ := r.Deliveries(1, "")
	require.Len(t, log, 2, "each event once")
	require.Equal(t, t0, log[0].EventAt, "the late one, newest in the log")
}
