package konnector

import (
	"strconv"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// routes maps operationIds to operations.
func (a *api) routes() map[string]sim.Operation[*world] {
	return map[string]sim.Operation[*world]{
		"getUserCampaignFilters":  a.handle(a.userCampaignFilters),
		"createApiKey":            a.handle(a.createAPIKey),
		"getDashboardInfo":        a.handle(a.dashboardFrom(queryFromURL)),
		"postDashboardInfo":       a.handle(a.dashboardFrom(queryFromBody)),
		"getCampaignInfo":         a.handle(a.campaignInfoFrom(queryFromURL)),
		"postCampaignInfo":        a.handle(a.campaignInfoFrom(queryFromBody)),
		"getOptimizedRoutineData": a.handle(a.optimizedRoutineData),
	}
}

// call is one request as an operation sees it: the contract's call, its
// tenant's world (immutable, so read without a lock) and the virtual day it
// arrived on.
type call struct {
	req   *sim.Call
	world *world
	today day
}

// settings returns the tenant's scenario settings.
func (c *call) settings() *scenarios.Settings { return c.req.Settings() }

// stamp returns the request id and the +05:30 timestamp of the call.
func (c *call) stamp() stamp {
	return stamp{Timestamp: timestamp(c.req.Now), RequestID: c.req.RequestID}
}

// stamp is the timestamp and request_id that end every success data object.
type stamp struct {
	Timestamp string `json:"timestamp"`
	RequestID string `json:"request_id"`
}

// operation answers one call with the success message and data, or an error.
type operation func(c *call) (message string, data any, err *sim.Error)

// handle adapts an operation to the contract: the message and data become
// the reply that the encoder wraps in Konnector's envelope.
func (a *api) handle(op operation) sim.Operation[*world] {
	return func(w *world, c *sim.Call) (sim.Reply, *sim.Error) {
		msg, data, err := op(&call{req: c, world: w, today: dayOf(c.Now)})
		if err != nil {
			return sim.Reply{}, err
		}
		return sim.Reply{Message: msg, Body: data}, nil
	}
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
