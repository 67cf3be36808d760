package skylight

import (
	"net/http"
	"slices"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/mockserver/webhook"
)

// webhookOps are the operations of SkyLight's webhook management API
// (published: docs /rest-api/webhooks-api), by operationId; none has a gate.
// Webhooks belong to the tenant's world: another API key never sees them,
// and a reset forgets them.
func webhookOps() map[string]opFunc {
	return map[string]opFunc{
		"listWebhooks":            handleListWebhooks,
		"createWebhook":           handleCreateWebhook,
		"listWebhookEvents":       handleWebhookEvents,
		"getWebhook":              handleGetWebhook,
		"updateWebhook":           handleUpdateWebhook,
		"deleteWebhook":           handleDeleteWebhook,
		"testWebhook":             handleTestWebhook,
		"listWebhookDeliveries":   handleWebhookDeliveries,
		"regenerateWebhookSecret": handleRegenerateSecret,
	}
}

// webhookInput is the body of create and update; absent fields are nil.
type webhookInput struct {
	Name     *string  `json:"name"`
	URL      *string  `json:"url"`
	Events   []string `json:"events"`
	IsActive *bool    `json:"is_active"`
}

// check validates the fields present (and, on create, that the required ones
// are): a 422 names each bad field.
func (in *webhookInput) check(hooks *webhook.Registry, create bool) *sim.Error {
	fields := map[string][]string{}
	if in.Name != nil {
		*in.Name = strings.TrimSpace(*in.Name)
	}
	switch {
	case in.Name == nil && create, in.Name != nil && *in.Name == "":
		fields["name"] = []string{"The name field is required."}
	case in.Name != nil && len([]rune(*in.Name)) > 255:
		fields["name"] = []string{"The name may not be greater than 255 characters."}
	}
	switch {
	case in.URL == nil && create:
		fields["url"] = []string{"The url field is required."}
	case in.URL != nil:
		*in.URL = strings.TrimSpace(*in.URL)
		if err := hooks.CheckURL(*in.URL); err != nil {
			fields["url"] = []string{err.Error()}
		}
	}
	switch {
	case in.Events == nil && create:
		fields["events"] = []string{"The events field is required."}
	case in.Events != nil && len(in.Events) == 0:
		fields["events"] = []string{"The events field must have at least 1 item."}
	case in.Events != nil:
		for _, e := range in.Events {
			if !slices.Contains(subscribable, e) {
				fields["events"] = append(fields["events"], "The event "+e+" is not one of: "+strings.Join(subscribable, ", ")+".")
			}
		}
		in.Events = dedupe(in.Events)
	}
	if len(fields) > 0 {
		return invalidData(fields)
	}
	return nil
}

// invalidData is SkyLight's published 422 ("The given data was invalid.")
// with the reasons per field.
func invalidData(fields map[string][]string) *sim.Error { return sim.Invalid(fields) }

func dedupe(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// errWebhookNotFound is the 404 of an unknown (or another tenant's) webhook.
func errWebhookNotFound() *sim.Error {
	return errNotFound("Webhook")
}

// handleListWebhooks answers GET /webhooks (paginated with meta: published
// version A).
func handleListWebhooks(w *world, c *call) (reply, *sim.Error) {
	list, m := pageOf(w.hooks.List(), c.query)
	out := make([]webhookView, 0, len(list))
	for _, h := range list {
		out = append(out, viewWebhook(h))
	}
	return paged(out, m, "Webhooks retrieved successfully."), nil
}

// handleCreateWebhook answers POST /webhooks: 201 with the secret, shown
// this once.
func handleCreateWebhook(w *world, c *call) (reply, *sim.Error) {
	var in webhookInput
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	if err := in.check(w.hooks, true); err != nil {
		return reply{}, err
	}
	active := in.IsActive == nil || *in.IsActive
	h, secret := w.hooks.Create(*in.Name, *in.URL, in.Events, active, c.now)
	return created(webhookSecretView{viewWebhook(h), secret}, "Webhook created successfully. Store the secret now: it is not shown again."), nil
}

// handleWebhookEvents answers GET /webhooks/events: the events this mock
// can emit.
func handleWebhookEvents(_ *world, _ *call) (reply, *sim.Error) {
	return ok(webhookEvents, "Webhook events retrieved successfully."), nil
}

// handleGetWebhook answers GET /webhooks/{id}.
func handleGetWebhook(w *world, c *call) (reply, *sim.Error) {
	h, found := w.hooks.Get(c.id())
	if !found {
		return reply{}, errWebhookNotFound()
	}
	return ok(viewWebhook(h), "Webhook retrieved successfully."), nil
}

// handleUpdateWebhook answers PUT /webhooks/{id}: the fields sent change.
func handleUpdateWebhook(w *world, c *call) (reply, *sim.Error) {
	if _, found := w.hooks.Get(c.id()); !found {
		return reply{}, errWebhookNotFound()
	}
	var in webhookInput
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	if err := in.check(w.hooks, false); err != nil {
		return reply{}, err
	}
	h, _ := w.hooks.Update(c.id(), webhook.Patch{Name: in.Name, URL: in.URL, Events: in.Events, Active: in.IsActive}, c.now)
	return ok(viewWebhook(h), "Webhook updated successfully."), nil
}

// handleDeleteWebhook answers DELETE /webhooks/{id} with 204 (published).
func handleDeleteWebhook(w *world, c *call) (reply, *sim.Error) {
	if !w.hooks.Delete(c.id()) {
		return reply{}, errWebhookNotFound()
	}
	return reply{status: http.StatusNoContent}, nil
}

// handleTestWebhook answers POST /webhooks/{id}/test: a test event goes out
// at once, whatever the clock; the answer does not wait for the receiver.
// The event is the body's `event`, else the webhook's first.
func handleTestWebhook(w *world, c *call) (reply, *sim.Error) {
	h, found := w.hooks.Get(c.id())
	if !found {
		return reply{}, errWebhookNotFound()
	}
	var in struct {
		Event string `json:"event"`
	}
	if len(c.body) > 0 {
		if err := c.decode(&in); err != nil {
			return reply{}, err
		}
	}
	name := in.Event
	switch {
	case name == "" && len(h.Events) > 0:
		name = h.Events[0]
	case !slices.Contains(subscribable, name):
		return reply{}, invalidData(map[string][]string{"event": {"The event must be one of: " + strings.Join(subscribable, ", ") + "."}})
	}
	d, _, err := w.hooks.Test(h.ID, w.sampleEvent(name, c.now))
	if err != nil {
		return reply{}, &sim.Error{Kind: sim.KindInternal, Message: err.Error()}
	}
	return ok(viewDelivery(d), "Test event sent."), nil
}

// handleWebhookDeliveries answers GET /webhooks/{id}/deliveries: the log,
// newest first, filtered by status.
func handleWebhookDeliveries(w *world, c *call) (reply, *sim.Error) {
	all, found := w.hooks.Deliveries(c.id(), c.query.Get("status"))
	if !found {
		return reply{}, errWebhookNotFound()
	}
	list, m := pageOf(all, c.query)
	out := make([]deliveryView, 0, len(list))
	for _, d := range list {
		out = append(out, viewDelivery(d))
	}
	return paged(out, m, "Webhook deliveries retrieved successfully."), nil
}

// handleRegenerateSecret answers POST /webhooks/{id}/regenerate-secret: the
// new secret, shown this once; the old one stops signing at once.
func handleRegenerateSecret(w *world, c *call) (reply, *sim.Error) {
	h, secret, found := w.hooks.Regenerate(c.id(), c.now)
	if !found {
		return reply{}, errWebhookNotFound()
	}
	return ok(webhookSecretView{viewWebhook(h), secret}, "Webhook secret regenerated successfully."), nil
}
