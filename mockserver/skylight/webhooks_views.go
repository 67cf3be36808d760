package skylight

import (
	"encoding/json"

	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
)

// webhookView is the published webhook object.
type webhookView struct {
	ID        int      `json:"id"`
	Name      string   `json:"name"`
	URL       string   `json:"url"`
	Events    []string `json:"events"`
	IsActive  bool     `json:"is_active"`
	CreatedAt string   `json:"created_at"`
	UpdatedAt string   `json:"updated_at"`
}

// webhookSecretView is the webhook with its secret: the answer of create
// and regenerate-secret only.
type webhookSecretView struct {
	webhookView
	Secret string `json:"secret"`
}

func viewWebhook(h webhook.Hook) webhookView {
	return webhookView{ID: h.ID, Name: h.Name, URL: h.URL, Events: h.Events, IsActive: h.Active,
		CreatedAt: iso(h.CreatedAt), UpdatedAt: iso(h.UpdatedAt)}
}

// deliveryView is one entry of a webhook's delivery log.
type deliveryView struct {
	ID            int             `json:"id"`
	DeliveryID    string          `json:"delivery_id"`
	WebhookID     int             `json:"webhook_id"`
	Event         string          `json:"event"`
	Status        string          `json:"status"`
	Attempts      []attemptView   `json:"attempts"`
	NextAttemptAt *string         `json:"next_attempt_at"`
	Payload       json.RawMessage `json:"payload"`
	CreatedAt     string          `json:"created_at"`
}

// attemptView is one attempt of a delivery.
type attemptView struct {
	Attempt    int     `json:"attempt"`
	At         string  `json:"at"`
	StatusCode *int    `json:"status_code"`
	Error      *string `json:"error"`
	DurationMS float64 `json:"duration_ms"`
}

func viewDelivery(d webhook.DeliveryView) deliveryView {
	v := deliveryView{ID: d.ID, DeliveryID: d.DeliveryID, WebhookID: d.WebhookID, Event: d.Event, Status: d.Status,
		Attempts: make([]attemptView, 0, len(d.Attempts)), Payload: d.Payload, CreatedAt: iso(d.EventAt)}
	if d.NextAttemptAt != nil {
		v.NextAttemptAt = isoPtr(*d.NextAttemptAt)
	}
	for _, a := range d.Attempts {
		av := attemptView{Attempt: a.N, At: iso(a.At), DurationMS: a.DurationMS}
		if a.StatusCode != 0 {
			code := a.StatusCode
			av.StatusCode = &code
		}
		if a.Error != "" {
			msg := a.Error
			av.Error = &msg
		}
		v.Attempts = append(v.Attempts, av)
	}
	return v
}
