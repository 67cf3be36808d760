package skylight

import (
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleOverview answers GET /linkedin/overview.
func handleOverview(w *world, c *call) (reply, *sim.Error) { return ok(w.overview(c.now)), nil }

// handleConnect answers POST /channels/linkedin/connect.
func handleConnect(w *world, c *call) (reply, *sim.Error) {
	var in connectRequest
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	return ok(w.connect(in, c.now)), nil
}

// handleSubmit2FA answers POST /channels/linkedin/2fa.
func handleSubmit2FA(w *world, c *call) (reply, *sim.Error) {
	var in struct {
		AccountID string `json:"account_id"`
		Code      string `json:"code"`
	}
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	res, err := w.submit2FA(in.AccountID, in.Code, c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(res), nil
}

// handleResend2FA answers POST /channels/linkedin/2fa/resend.
func handleResend2FA(w *world, c *call) (reply, *sim.Error) {
	var in struct {
		AccountID string `json:"account_id"`
	}
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	res, err := w.resend2FA(in.AccountID, c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(res), nil
}

// handleStatus answers GET /channels/linkedin/status.
func handleStatus(w *world, c *call) (reply, *sim.Error) { return ok(w.statusView(c.now)), nil }

// handleRefresh answers POST /channels/linkedin/refresh.
func handleRefresh(w *world, c *call) (reply, *sim.Error) { return ok(w.refresh(c.now)), nil }

// handleDisconnect answers POST /channels/linkedin/disconnect.
func handleDisconnect(w *world, c *call) (reply, *sim.Error) { return ok(w.disconnect(c.now)), nil }

// handleSubscription answers GET /subscription.
func handleSubscription(w *world, c *call) (reply, *sim.Error) { return ok(w.subscription(c.now)), nil }
