package konnector

import (
	"net/http"
	"strconv"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// basePath is the path the vendor's API is served under (the spec's server
// URL), used in pagination URLs.
const basePath = "/social_app/api/v1/third_party"

// routes maps operationIds to handlers.
func (a *API) routes() map[string]http.Handler {
	return map[string]http.Handler{
		"getUserCampaignFilters":  a.handle(a.userCampaignFilters),
		"createApiKey":            a.handle(a.createAPIKey),
		"getDashboardInfo":        a.handle(a.dashboardFrom(queryFromURL)),
		"postDashboardInfo":       a.handle(a.dashboardFrom(queryFromBody)),
		"getCampaignInfo":         a.handle(a.campaignInfoFrom(queryFromURL)),
		"postCampaignInfo":        a.handle(a.campaignInfoFrom(queryFromBody)),
		"getOptimizedRoutineData": a.handle(a.optimizedRoutineData),
	}
}

// call is one request as a handler sees it: the request, its tenant's world
// (locked for the whole call) and the virtual day it arrived on.
type call struct {
	r     *http.Request
	req   *sim.Request
	world *World
	today day
}

// settings returns the tenant's scenario settings.
func (c *call) settings() *scenarios.Settings {
	if t := c.req.Tenant; t != nil && t.Scenario() != nil {
		return &t.Scenario().Settings
	}
	return &scenarios.Settings{}
}

// stamp returns the request id and the +05:30 timestamp of the call.
func (c *call) stamp() stamp {
	return stamp{Timestamp: timestamp(c.req.Now), RequestID: c.req.ID}
}

// stamp is the timestamp and request_id that end every success data object.
type stamp struct {
	Timestamp string `json:"timestamp"`
	RequestID string `json:"request_id"`
}

// operation answers one call with the success message and data, or an error.
type operation func(c *call) (message string, data any, err *sim.Error)

// handle adapts an operation to HTTP: it finds the tenant's world, holds its
// lock for the call, and writes the answer in Konnector's envelope.
func (a *API) handle(op operation) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := sim.RequestFrom(r.Context())
		var world *World
		if req.Tenant != nil {
			world, _ = req.Tenant.World.(*World)
		}
		if world == nil {
			writeError(w, r, &sim.Error{Kind: sim.KindInternal, Message: "the request reached a handler without its organisation"})
			return
		}
		world.mu.Lock()
		defer world.mu.Unlock()
		msg, data, err := op(&call{r: r, req: req, world: world, today: dayOf(req.Now)})
		if err != nil {
			writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, envelope{Code: http.StatusOK, Status: true, Message: msg, Data: data})
	})
}

// utc formats a resource time: RFC 3339 in UTC with the Z suffix.
func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// utcOrNil formats an optional resource time; nil stays null.
func utcOrNil(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := utc(*t)
	return &s
}

func itoa(n int) string { return strconv.Itoa(n) }
