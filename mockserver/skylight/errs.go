package skylight

import (
	"fmt"
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// The errors the simulation answers. Which carry the machine code `error`
// (published-docs 1.5: the generic errors have none):
//   - the LinkedIn page's own codes: linkedin_upgrade_required and the
//     insufficient_*_limit quota errors;
//   - the LinkedIn-specific states a client must tell apart (inferred):
//     linkedin_not_connected, the broken-session states
//     (linkedin_credentials_expired, linkedin_sync_error,
//     linkedin_account_stopped), recruiter_contract_required and the 2FA
//     outcomes (invalid_2fa_code, 2fa_code_expired, too_many_2fa_attempts).
//
// Everything else (401, 404, 409 transitions, 422 validation, 429, 500) is
// told apart by its status alone and carries the published message.

func errUpgrade() *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: "linkedin_upgrade_required",
		Message: "LinkedIn is not enabled on your subscription. Please upgrade your plan."}
}

func errNotConnected() *sim.Error {
	return &sim.Error{Status: http.StatusConflict, Code: "linkedin_not_connected",
		Message: "No LinkedIn account is connected. Connect one with POST /channels/linkedin/connect."}
}

// errBroken is the 409 of a connected account whose session is broken on
// the provider's side (sync_status CREDENTIALS, ERROR or STOPPED).
func errBroken(status string) *sim.Error {
	e := &sim.Error{Status: http.StatusConflict, Extra: map[string]any{"sync_status": status}}
	switch status {
	case syncCredentials:
		e.Code, e.Message = "linkedin_credentials_expired", "The LinkedIn password has changed. Connect the account again with POST /channels/linkedin/connect."
	case syncError:
		e.Code, e.Message = "linkedin_sync_error", "LinkedIn reported an error on the connected account. Refresh it with POST /channels/linkedin/refresh, or connect it again."
	default:
		e.Code, e.Message = "linkedin_account_stopped", "The LinkedIn account is stopped. Connect it again with POST /channels/linkedin/connect."
	}
	return e
}

func errAlreadyConnected() *sim.Error {
	return &sim.Error{Status: http.StatusConflict,
		Message: "LinkedIn is already connected. Disconnect it first with POST /channels/linkedin/disconnect."}
}

func errContract() *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: "recruiter_contract_required",
		Message: "A LinkedIn Recruiter contract is required. None was detected on the connected LinkedIn account."}
}

// errNotFound is the published 404 ("Contact not found.").
func errNotFound(what string) *sim.Error {
	return &sim.Error{Kind: sim.KindNotFound, Message: what + " not found."}
}

// errQuota is the doc's quota error for one of the three limits.
func errQuota(q quotaKind) *sim.Error {
	return &sim.Error{Status: http.StatusForbidden, Code: q.code,
		Message: fmt.Sprintf("You have reached your subscription limit for %s. Please upgrade your plan.", q.label)}
}

// errTransition is a 409 for an action the current status forbids.
func errTransition(what, current, action string) *sim.Error {
	return &sim.Error{Status: http.StatusConflict,
		Message: fmt.Sprintf("The %s is %s and cannot be %s.", what, current, action),
		Extra:   map[string]any{"current_status": current}}
}
