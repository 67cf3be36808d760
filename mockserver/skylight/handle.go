package skylight

import (
	"encoding/json"
	"net/http"
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

// op makes the handler of an operation: it finds the tenant's world, locks
// it for the whole request, applies the gate, runs fn and writes the answer
// or the error in SkyLight's envelope.
func op(g gate, fn opFunc) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		req := sim.RequestFrom(r.Context())
		var w *world
		if req.Tenant != nil {
			w, _ = req.Tenant.World.(*world)
		}
		if w == nil {
			writeError(rw, r, &sim.Error{Kind: sim.KindInternal, Message: "the tenant has no SkyLight world"})
			return
		}
		c := &call{now: req.Now, params: req.PathParams, query: r.URL.Query(), body: req.Body}
		rep, err := w.run(g, fn, c)
		if err != nil {
			writeError(rw, r, err)
			return
		}
		if rep.status == http.StatusNoContent {
			rw.WriteHeader(rep.status)
			return
		}
		if rep.file != nil {
			rw.Header().Set("Content-Type", rep.file.contentType)
			rw.Header().Set("Content-Disposition", `attachment; filename="`+rep.file.name+`"`)
			rw.WriteHeader(rep.status)
			_, _ = rw.Write(rep.file.data)
			return
		}
		writeJSON(rw, rep.status, encodeSuccess(rep))
	})
}

func (w *world) run(g gate, fn opFunc, c *call) (reply, *sim.Error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.guard(g); err != nil {
		return reply{}, err
	}
	return fn(w, c)
}
