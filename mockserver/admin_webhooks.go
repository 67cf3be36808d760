package mockserver

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
)

// newWebhooks builds the server's webhook dispatcher from its options.
func newWebhooks(opts Options, clock *sim.Clock) (*webhook.Dispatcher, error) {
	d, err := webhook.New(webhook.Config{Seed: opts.Seed, Clock: clock, Frozen: clock.Frozen(),
		AllowHosts: opts.WebhookAllowHosts, Timeout: opts.WebhookTimeout, Logger: opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("mockserver: %w", err)
	}
	return d, nil
}

// Close stops the webhook deliveries in flight and their workers. It waits
// a few seconds at most; the server must not be used after it.
func (s *Server) Close() error { return s.webhooks.Close() }

// adminWebhookRoutes adds the outbound side of the journal:
// GET /__admin/webhooks/deliveries, newest first, filtered by event, status
// and limit.
func (s *Server) adminWebhookRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /__admin/webhooks/deliveries", s.handleWebhookDeliveries)
}

// webhookDeliveries is the body of GET /__admin/webhooks/deliveries.
type webhookDeliveries struct {
	Count      int                    `json:"count"`
	Deliveries []webhook.DeliveryView `json:"deliveries"`
}

func (s *Server) handleWebhookDeliveries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := webhook.Filter{Event: q.Get("event"), Status: q.Get("status")}
	switch f.Status {
	case "", webhook.StatusPending, webhook.StatusDelivered, webhook.StatusFailed:
	default:
		writePlainError(w, http.StatusBadRequest, "status must be pending, delivered or failed")
		return
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writePlainError(w, http.StatusBadRequest, "limit must be a non-negative integer")
			return
		}
		f.Limit = n
	}
	list := s.webhooks.Outbox(f)
	writeJSONValue(w, http.StatusOK, webhookDeliveries{Count: len(list), Deliveries: list})
}
