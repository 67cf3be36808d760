package skylight

import (
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleOverview answers GET /linkedin/overview.
func handleOverview(w *world, c *call) (reply, *sim.Error) {
	return ok(w.overview(c.now), "LinkedIn overview retrieved successfully."), nil
}

// handleConnect answers POST /channels/linkedin/connect.
func handleConnect(w *world, c *call) (reply, *sim.Error) {
	var in connectRequest
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	v, msg, err := w.connect(in, c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(v, msg), nil
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
	v, err := w.submit2FA(in.AccountID, in.Code, c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(v, "LinkedIn account connected successfully."), nil
}

// handleResend2FA answers POST /channels/linkedin/2fa/resend.
func handleResend2FA(w *world, c *call) (reply, *sim.Error) {
	var in struct {
		AccountID string `json:"account_id"`
	}
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	v, msg, err := w.resend2FA(in.AccountID, c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(v, msg), nil
}

// handleStatus answers GET /channels/linkedin/status.
func handleStatus(w *world, c *call) (reply, *sim.Error) {
	return ok(w.channelView(c.now), "LinkedIn status retrieved successfully."), nil
}

// handleRefresh answers POST /channels/linkedin/refresh.
func handleRefresh(w *world, c *call) (reply, *sim.Error) {
	v, err := w.refresh(c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(v, "LinkedIn account synchronised successfully."), nil
}

// handleDisconnect answers POST /channels/linkedin/disconnect.
func handleDisconnect(w *world, c *call) (reply, *sim.Error) {
	v, err := w.disconnect(c.now)
	if err != nil {
		return reply{}, err
	}
	return ok(v, "LinkedIn account disconnected."), nil
}

// handleSubscription answers GET /account/subscription.
func handleSubscription(w *world, c *call) (reply, *sim.Error) {
	return ok(w.subscription(c.now), "Subscription retrieved successfully."), nil
}

// handleAccountChannels answers GET /account/channels: the account's
// messaging channels; the mock simulates LinkedIn only.
func handleAccountChannels(w *world, c *call) (reply, *sim.Error) {
	return ok([]channelView{w.channelView(c.now)}, "Channels retrieved successfully."), nil
}
