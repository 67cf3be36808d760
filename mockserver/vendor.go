package mockserver

import (
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// vendorSite is a simulated vendor as the server sees it, whatever the type
// of its worlds: its routes, its pipeline and its tenants.
type vendorSite interface {
	// load reads the vendor's spec and routes it (New runs each vendor's
	// load on its own core).
	load() error
	// routes returns what load built.
	routes() *vendorRoutes
	// serve runs a request under the vendor's base path through the
	// pipeline (pipeline.go).
	serve(w http.ResponseWriter, r *http.Request, x *exchange)
	// fail answers e in the vendor's envelope, unvalidated.
	fail(w http.ResponseWriter, x *exchange, e *sim.Error)
	// alias makes a new API key name an existing tenant.
	alias(alias, target sim.TenantKey) bool
}

// site is a sim.Vendor with its routes and its tenants, typed by the
// vendor's world W: the world never crosses the boundary as any.
type site[W any] struct {
	srv     *Server
	v       sim.Vendor[W]
	ops     map[string]sim.Operation[W]
	vr      *vendorRoutes
	tenants *sim.Tenants[W]
}

// bind makes the server's site of a vendor.
func bind[W any](s *Server, v sim.Vendor[W]) vendorSite {
	return &site[W]{srv: s, v: v, ops: v.Operations(), tenants: sim.NewTenants[W](s.tenants)}
}

func (st *site[W]) load() error {
	vr, err := newVendorRoutes(st.v.Name(), st.v.SpecFile(), func(id string) bool { return st.ops[id] != nil })
	st.vr = vr
	return err
}

func (st *site[W]) routes() *vendorRoutes { return st.vr }

func (st *site[W]) fail(w http.ResponseWriter, x *exchange, e *sim.Error) {
	writeEncoded(w, st.v.Encode(x.call(), sim.Reply{}, e))
}

func (st *site[W]) alias(alias, target sim.TenantKey) bool { return st.tenants.Alias(alias, target) }

// keyAliases lets a vendor alias API keys in its own tenant store, found by
// the target's vendor name when the alias is made (the stores are made
// after the vendors).
type keyAliases struct{ s *Server }

// Alias makes alias name the tenant of target.
func (k keyAliases) Alias(alias, target sim.TenantKey) bool {
	for _, vs := range k.s.vendors {
		if vs.routes().name == target.Vendor {
			return vs.alias(alias, target)
		}
	}
	return false
}

// writeEncoded writes an encoded answer: its headers added to those already
// set (request id, rate limits, Allow), then status and body, once.
func writeEncoded(w http.ResponseWriter, e sim.Encoded) {
	h := w.Header()
	for k, v := range e.Header {
		h[k] = v
	}
	w.WriteHeader(e.Status)
	_, _ = w.Write(e.Body)
}
