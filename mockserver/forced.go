package mockserver

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// forcedError is the answer to X-Mock-Status: "<status>" or "<status>
// <example name>". An error status answers the spec's example for that
// status in a fresh envelope (with this request's id); a success status
// returns nil, letting the operation run, since its real answer is the
// consistent one. A status the operation does not document is a 400 naming
// the documented ones. fromExample is the vendor's reader of its examples.
func forcedError(op *operation, header string, fromExample func(status int, body []byte) (*sim.Error, error)) *sim.Error {
	code, name, _ := strings.Cut(strings.TrimSpace(header), " ")
	name = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), "example="))
	status, err := strconv.Atoi(code)
	if err != nil || !slices.Contains(op.statuses, status) {
		return &sim.Error{Kind: sim.KindBadRequest, Code: "unknown_forced_status", Allowed: statusList(op.statuses),
			Message: fmt.Sprintf("X-Mock-Status %q: %s documents %s", header, op.id, strings.Join(statusList(op.statuses), ", "))}
	}
	if status < 400 {
		return nil
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
		return &sim.Error{Kind: sim.KindBadRequest, Code: "unknown_forced_status", Allowed: names,
			Message: fmt.Sprintf("X-Mock-Status %q: %s has no example %q for %d", header, op.id, name, status)}
	}
	e := &sim.Error{Kind: kindForStatus(status), Status: status, Message: http.StatusText(status)}
	if chosen != nil {
		if fromEx, err := fromExample(status, chosen.body); err == nil {
			e = fromEx
		}
	}
	if status == http.StatusTooManyRequests && e.RetryAfter == 0 {
		e.RetryAfter = sim.Seconds(60)
	}
	return e
}

func statusList(statuses []int) []string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = strconv.Itoa(s)
	}
	return out
}
