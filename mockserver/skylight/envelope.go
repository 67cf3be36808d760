package skylight

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// SkyLight's success envelope (published-docs 1.3 and 1.4), in one place: it
// becomes the vendor's encoder when the pipeline takes typed replies.
//
//	{"success": true, "data": <resource or array>, "message": "<sentence>"}
//	{"success": true, "data": [...], "meta": {current_page, last_page, per_page, total}, "message": "..."}

// successBody is the encoded success envelope.
type successBody struct {
	Success bool      `json:"success"`
	Data    any       `json:"data"`
	Meta    *metaView `json:"meta,omitempty"`
	Message string    `json:"message,omitempty"`
}

// metaView is the published pagination block.
type metaView struct {
	CurrentPage int `json:"current_page"`
	LastPage    int `json:"last_page"`
	PerPage     int `json:"per_page"`
	Total       int `json:"total"`
}

// pagedBody is the body of a list reply: one page and its meta.
type pagedBody struct {
	items any
	meta  metaView
}

// encodeSuccess wraps a reply's resource (or page) in the envelope.
func encodeSuccess(rep sim.Reply) successBody {
	out := successBody{Success: true, Data: rep.Body, Message: rep.Message}
	if p, ok := rep.Body.(pagedBody); ok {
		m := p.meta
		out.Data, out.Meta = p.items, &m
	}
	return out
}

func ok(v any, msg string) reply { return reply{status: http.StatusOK, body: v, msg: msg} }

func created(v any, msg string) reply { return reply{status: http.StatusCreated, body: v, msg: msg} }

// paged is a list answer: one page of items and its meta.
func paged(items any, m metaView, msg string) reply {
	return reply{status: http.StatusOK, body: items, meta: &m, msg: msg}
}

// Pagination defaults and bounds (published-docs 1.4; the spec enforces the
// bounds with a 422).
const (
	defaultPerPage = 15
	maxPerPage     = 100
)

// page reads page and per_page (defaults 1 and 15).
func page(q url.Values) (int, int) {
	p, per := 1, defaultPerPage
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		p = n
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
		per = min(n, maxPerPage)
	}
	return p, per
}

// paginate returns the bounds of page p over total items and its meta; a
// page past the last one is empty. last_page is at least 1, as Laravel's.
func paginate(total, p, per int) (lo, hi int, m metaView) {
	m = metaView{CurrentPage: p, PerPage: per, Total: total, LastPage: max((total+per-1)/per, 1)}
	lo = total
	if p-1 <= total/per {
		lo = min((p-1)*per, total)
	}
	hi = min(lo+per, total)
	return lo, hi, m
}

// pageOf pages a slice by the call's page and per_page.
func pageOf[T any](items []T, q url.Values) ([]T, metaView) {
	p, per := page(q)
	lo, hi, m := paginate(len(items), p, per)
	return append([]T{}, items[lo:hi]...), m
}
