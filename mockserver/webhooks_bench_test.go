package mockserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

// BenchmarkAPIWithReceiversDown measures a SkyLight read (GET /contacts) on
// a server whose webhook receivers are down: three tenants hold workers on
// receivers that never answer (with hundreds of deliveries queued behind
// them) and a fourth sends a test event every 10 ms to a receiver that
// refuses connections. The quiet variant sends the same rate of requests
// that deliver nothing. Compare the medians of -count=7 runs: the API must
// not slow down.
func BenchmarkAPIWithReceiversDown(b *testing.B) {
	b.Run("quiet", func(b *testing.B) {
		srv := newWebhookBenchServer(b)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go background(ctx, srv, "GET", "/api/v1/webhooks", "bench-idle") // the same request rate, no delivery
		benchContacts(b, srv)
	})
	b.Run("receivers-down", func(b *testing.B) {
		srv := newWebhookBenchServer(b)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-ctx.Done():
			case <-r.Context().Done():
			}
		}))
		defer hung.Close()
		defer cancel() // release the hung handlers before hung.Close waits for them
		dead := httptest.NewServer(http.NotFoundHandler())
		deadURL := dead.URL
		dead.Close()
		for i := range 3 {
			key := "bench-hung-" + strconv.Itoa(i)
			id := benchRegister(b, srv, key, hung.URL)
			for range 200 {
				benchDo(b, srv, key, "POST", "/api/v1/webhooks/"+id+"/test", "")
			}
		}
		id := benchRegister(b, srv, "bench-dead", deadURL)
		go background(ctx, srv, "POST", "/api/v1/webhooks/"+id+"/test", "bench-dead") // a steady stream of failing deliveries
		benchContacts(b, srv)
	})
}

// background sends one request every 10 ms until ctx ends.
func background(ctx context.Context, srv http.Handler, method, path, key string) {
	for ctx.Err() == nil {
		r := httptest.NewRequest(method, path, nil)
		r.Header.Set("X-Api-Key", key)
		srv.ServeHTTP(httptest.NewRecorder(), r)
		time.Sleep(10 * time.Millisecond)
	}
}

func newWebhookBenchServer(b *testing.B) *mockserver.Server {
	b.Helper()
	s, err := mockserver.New(mockserver.Options{Seed: 1, ClockStart: time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC),
		ClockFrozen: true, WebhookTimeout: time.Minute, Scenario: "default,no-rate-limit"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

func benchContacts(b *testing.B, srv http.Handler) {
	r := httptest.NewRequest("GET", "/api/v1/contacts?per_page=20", nil)
	r.Header.Set("X-Api-Key", "bench-reader")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}

func benchDo(b *testing.B, srv http.Handler, key, method, path, body string) *httptest.ResponseRecorder {
	b.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("X-Api-Key", key)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code >= 300 {
		b.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
	}
	return w
}

func benchRegister(b *testing.B, srv http.Handler, key, url string) string {
	w := benchDo(b, srv, key, "POST", "/api/v1/webhooks", `{"name":"bench","url":"`+url+`","events":["message.sent"]}`)
	i := strings.Index(w.Body.String(), `"id":`)
	j := strings.IndexAny(w.Body.String()[i+5:], ",}")
	return w.Body.String()[i+5 : i+5+j]
}
