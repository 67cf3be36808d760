package mockserver

import (
	"slices"
	"sort"
	"strconv"
	"sync"
)

// coverage counts, per operation of both specs, the requests served and the
// statuses answered, so a client's CI sees which parts of the contract its
// tests never touched.
type coverage struct {
	ops []coverageOp // fixed at start: every operation of both specs

	mu       sync.Mutex // guards requests, answered and dropped
	requests map[string]int
	answered map[string]map[int]int // op key -> status -> count
	dropped  map[string]int         // op key -> connections closed without an answer
}

type coverageOp struct {
	vendor, id, method, path string
	documented               []int
}

func newCoverage(vendors []vendorSite) *coverage {
	c := &coverage{}
	for _, vs := range vendors {
		vr := vs.routes()
		for _, op := range vr.ops {
			c.ops = append(c.ops, coverageOp{vendor: vr.name, id: op.id, method: op.method,
				path: vr.basePath + op.template, documented: op.statuses})
		}
	}
	c.reset()
	return c
}

func opKey(vendor, id string) string { return vendor + "/" + id }

// record counts one request aimed at an operation; status 0 means the
// connection was dropped without an answer.
func (c *coverage) record(vendor, id string, status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := opKey(vendor, id)
	c.requests[k]++
	if status == 0 {
		c.dropped[k]++
		return
	}
	if c.answered[k] == nil {
		c.answered[k] = map[int]int{}
	}
	c.answered[k][status]++
}

func (c *coverage) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests = map[string]int{}
	c.answered = map[string]map[int]int{}
	c.dropped = map[string]int{}
}

// coverageReport is the body of GET /__admin/coverage.
type coverageReport struct {
	Operations        int                 `json:"operations"`
	OperationsCovered int                 `json:"operations_covered"`
	Responses         int                 `json:"documented_responses"`
	ResponsesCovered  int                 `json:"documented_responses_covered"`
	Summary           string              `json:"summary"`
	PerOperation      []operationCoverage `json:"per_operation"`
	// WebhookEvents counts the webhook deliveries delivered, per event.
	WebhookEvents map[string]int `json:"webhook_events_delivered"`
}

// operationCoverage is one operation's line of the report.
type operationCoverage struct {
	Vendor       string         `json:"vendor"`
	OperationID  string         `json:"operation_id"`
	Method       string         `json:"method"`
	Path         string         `json:"path"`
	Requests     int            `json:"requests"`
	Documented   []int          `json:"documented_statuses"`
	Answered     map[string]int `json:"answered_statuses"`
	Dropped      int            `json:"dropped,omitempty"` // requests closed without an answer
	NotAnswered  []int          `json:"documented_not_answered"`
	Undocumented []int          `json:"undocumented_answered,omitempty"`
}

func (c *coverage) report() coverageReport {
	c.mu.Lock()
	defer c.mu.Unlock()
	var rep coverageReport
	for _, op := range c.ops {
		k := opKey(op.vendor, op.id)
		oc := operationCoverage{Vendor: op.vendor, OperationID: op.id, Method: op.method, Path: op.path,
			Requests: c.requests[k], Documented: op.documented, Answered: map[string]int{}, NotAnswered: []int{},
			Dropped: c.dropped[k]}
		for status, n := range c.answered[k] {
			oc.Answered[strconv.Itoa(status)] = n
			if !slices.Contains(op.documented, status) {
				oc.Undocumented = append(oc.Undocumented, status)
			}
		}
		sort.Ints(oc.Undocumented)
		for _, st := range op.documented {
			if c.answered[k][st] > 0 {
				rep.ResponsesCovered++
			} else {
				oc.NotAnswered = append(oc.NotAnswered, st)
			}
		}
		rep.Operations++
		rep.Responses += len(op.documented)
		if oc.Requests > 0 {
			rep.OperationsCovered++
		}
		rep.PerOperation = append(rep.PerOperation, oc)
	}
	rep.Summary = strconv.Itoa(rep.OperationsCovered) + " of " + strconv.Itoa(rep.Operations) + " operations, " +
		strconv.Itoa(rep.ResponsesCovered) + " of " + strconv.Itoa(rep.Responses) + " documented responses"
	return rep
}
