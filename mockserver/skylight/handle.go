package skylight

import (
	"encoding/json"
	"net/url"
	"strconv"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// gate lists the checks an operation needs before its own.
type gate uint8

const (
	needsAccess     gate = 1 << iota // linkedin_access on the subscription (403)
	needsConnection                  // a connected LinkedIn account (409)
	needsRecruiter                   // a Recruiter contract (403)

	linkedInOp  = needsAccess | needsConnection
	recruiterOp = needsAccess | needsConnection | needsRecruiter
)

// call is what an operation gets from its request: the request's instant,
// its path parameters, query and body (already validated against the spec).
type call struct {
	now    time.Time
	params map[string]string
	query  url.Values
	body   []byte
}

// decode reads the JSON body into v.
func (c *call) decode(v any) *sim.Error {
	if err := json.Unmarshal(c.body, v); err != nil {
		return &sim.Error{Kind: sim.KindBadRequest, Message: "reading the request body failed: " + err.Error()}
	}
	return nil
}

// id returns the path's integer id; what names the resource for the 404.
func (c *call) id() int {
	n, err := strconv.Atoi(c.params["id"])
	if err != nil {
		return 0 // the spec's minimum: 1 makes this unreachable; 0 finds nothing
	}
	return n
}

// reply is a successful answer: a resource (or a page of a list, with its
// meta) for the envelope, or a file.
type reply struct {
	status int
	body   any
	meta   *metaView
	msg    string
	file   *file
}

// file is a binary answer (the resume PDF).
type file struct {
	contentType, name string
	data              []byte
}

// opFunc is one operation on a locked world.
type opFunc func(w *world, c *call) (reply, *sim.Error)

// op makes the operation of fn: it locks the tenant's world for the whole
// call, applies the gate, runs fn and turns its reply into the contract's.
func op(g gate, fn opFunc) sim.Operation[*world] {
	return func(w *world, sc *sim.Call) (sim.Reply, *sim.Error) {
		c := &call{now: sc.Now, params: sc.PathParams, query: sc.Query, body: sc.Body}
		rep, err := w.run(g, fn, c, readOps[sc.OperationID])
		if err != nil {
			return sim.Reply{}, err
		}
		out := sim.Reply{Status: rep.status, Body: rep.body, Message: rep.msg}
		if rep.meta != nil {
			out.Body = pagedBody{items: rep.body, meta: *rep.meta}
		}
		if f := rep.file; f != nil {
			out.File = &sim.File{ContentType: f.contentType, Name: f.name, Data: f.data}
		}
		return out, nil
	}
}

// run applies the gate and fn with the world locked: shared for an
// operation that only reads, alone for any other, which also drops what was
// derived from the world.
func (w *world) run(g gate, fn opFunc, c *call, readOnly bool) (reply, *sim.Error) {
	if readOnly {
		w.mu.RLock()
		defer w.mu.RUnlock()
	} else {
		w.mu.Lock()
		defer w.mu.Unlock()
		defer w.changed()
	}
	if err := w.guard(g); err != nil {
		return reply{}, err
	}
	return fn(w, c)
}
