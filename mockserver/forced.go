package mockserver

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// forceStatus answers X-Mock-Status: "<status>" or "<status> <example name>".
// An error status answers the spec's example for that status in a fresh
// envelope (with this request's id); a success status lets the handler run,
// since its real answer is the consistent one. A status the operation does
// not document is a 400 naming the documented ones. It reports whether the
// request was answered.
func (s *Server) forceStatus(w http.ResponseWriter, r *http.Request, vr *vendorRoutes, op *operation, header string) bool {
	v := vr.vendor
	code, name, _ := strings.Cut(strings.TrimSpace(header), " ")
	name = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), "example="))
	status, err := strconv.Atoi(code)
	if err != nil || !slices.Contains(op.statuses, status) {
		v.WriteError(w, r, &sim.Error{Kind: sim.KindBadRequest, Code: "unknown_forced_status", Allowed: statusList(op.statuses),
			Message: fmt.Sprintf("X-Mock-Status %q: %s documents %s", header, op.id, strings.Join(statusList(op.statuses), ", "))})
		return true
	}
	if status < 400 {
		return false
	}
	exs := op.examples[status]
	var chosen *example
	for i := range exs {
		if name == "" || exs[i].name == name {
			chosen = &exs[i]
			break
		}
	}
	if chosen == nil && name != "" {
		var names []string
		for _, ex := range exs {
			names = append(names, ex.name)
		}
		v.WriteError(w, r, &sim.Error{Kind: sim.KindBadRequest, Code: "unknown_forced_status", Allowed: names,
			Message: fmt.Sprintf("X-Mock-Status %q: %s has no example %q for %d", header, op.id, name, status)})
		return true
	}
	e := &sim.Error{Kind: kindForStatus(status), Status: status, Message: http.StatusText(status)}
	if chosen != nil {
		if fromEx, err := v.ErrorFromExample(status, chosen.body); err == nil {
			e = fromEx
		}
	}
	if status == http.StatusTooManyRequests && e.RetryAfter == 0 {
		e.RetryAfter = sim.Seconds(60)
	}
	v.WriteError(w, r, e)
	return true
}

func statusList(statuses []int) []string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = strconv.Itoa(s)
	}
	return out
}
