package skylight

import (
	"fmt"
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// The errors the simulation answers, worded as the doc (or the spec's
// examples, where the doc is silent) words them.

func errUpgrade() *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: "linkedin_upgrade_required",
		Message: "LinkedIn is not enabled on your subscription. Please upgrade your plan."}
}

func errNotConnected() *sim.Error {
	return &sim.Error{Status: http.StatusConflict, Code: "linkedin_not_connected",
		Message: "No LinkedIn account is connected. Connect one with POST /channels/linkedin/connect."}
}

func errContract() *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: "recruiter_contract_required",
		Message: "A LinkedIn Recruiter contract is required. None was detected on the connected LinkedIn account."}
}

func errNotFound(what string, id any) *sim.Error {
	return &sim.Error{Kind: sim.KindNotFound, Message: fmt.Sprintf("%s %v was not found.", what, id)}
}

// errQuota is the doc's quota error for one of the three limits.
func errQuota(q quotaKind) *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: q.code,
		Message: fmt.Sprintf("You have reached your subscription limit for %s. Please upgrade your plan.", q.label)}
}

// errTransition is a 409 for an action the current status forbids.
func errTransition(what, current, action string) *sim.Error {
	return &sim.Error{Status: http.StatusConflict, Code: "invalid_status_transition",
		Message: fmt.Sprintf("The %s is %s and cannot be %s.", what, current, action),
		Extra:   map[string]any{"current_status": current}}
}
