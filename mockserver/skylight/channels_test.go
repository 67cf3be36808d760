package skylight_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var login = map[string]any{"username": "m.alotaibi@noortech.sa", "password": "S3cret-pass!", "country": "SA"}

func TestConnectWithout2FA(t *testing.T) {
	t.Parallel()
	c := newClient(t, "disconnected")
	st := c.ok(200, "GET", "/channels/linkedin/status", nil)
	require.Equal(t, false, st["connected"])
	require.Equal(t, "disconnected", st["sync_status"])
	require.Nil(t, st["account"])

	res := c.ok(200, "POST", "/channels/linkedin/connect", login)
	require.Equal(t, false, res["requires_2fa"])
	require.Equal(t, "connecting", res["sync_status"])
	require.Equal(t, "m.alotaibi@noortech.sa", get(res, "account", "username"))
	require.Equal(t, res["account_id"], get(res, "account", "account_id"))
	require.NotContains(t, string(c.do("GET", "/linkedin/overview", nil).Raw), "S3cret-pass!")
}

func TestSyncStatusFollowsTheClock(t *testing.T) {
	t.Parallel()
	c := newClient(t, "disconnected")
	c.ok(200, "POST", "/channels/linkedin/connect", login)
	steps := []struct {
		after  time.Duration
		status string
	}{
		{0, "connecting"},
		{5 * time.Second, "syncing"},
		{2 * time.Minute, "connected"},
	}
	for _, s := range steps {
		c.advance(s.after)
		st := c.ok(200, "GET", "/channels/linkedin/status", nil)
		require.Equal(t, s.status, st["sync_status"], "after %s", s.after)
		require.Equal(t, true, st["connected"], "every phase counts as connected")
		require.Equal(t, s.status, get(st, "account", "sync_status"))
	}
	synced := get(c.ok(200, "GET", "/channels/linkedin/status", nil), "account", "last_synced_at")
	require.NotNil(t, synced)

	ref := c.ok(200, "POST", "/channels/linkedin/refresh", nil)
	require.Equal(t, "syncing", ref["sync_status"])
	require.Equal(t, synced, get(ref, "account", "last_synced_at"), "the last finished sync until this one ends")
	c.advance(2 * time.Minute)
	st := c.ok(200, "GET", "/channels/linkedin/status", nil)
	require.Equal(t, "connected", st["sync_status"])
	require.NotEqual(t, synced, get(st, "account", "last_synced_at"))
	require.Equal(t, "connected", get(c.ok(200, "GET", "/linkedin/overview", nil), "connection", "sync_status"))
}

func TestTwoFactorFlow(t *testing.T) {
	t.Parallel()
	c := newClient(t, "2fa-required")
	res := c.ok(200, "POST", "/channels/linkedin/connect", login)
	require.Equal(t, true, res["requires_2fa"])
	require.Equal(t, "pending_2fa", res["sync_status"])
	require.Nil(t, res["account"])
	require.Equal(t, "2025-05-11T09:10:00Z", res["code_expires_at"], "the scenario's 10 minute TTL from the clock")
	id := res["account_id"].(string)
	require.Equal(t, "pending_2fa", c.ok(200, "GET", "/channels/linkedin/status", nil)["sync_status"])
	c.fails(409, "linkedin_not_connected", "POST", "/linkedin/sourcing/search", map[string]any{"title": "x"})

	c.fails(404, "not_found", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": "li_acc_000000", "code": "123456"})
	e := c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "000000"})
	require.EqualValues(t, 2, e["attempts_remaining"])
	c.fails(422, "validation_failed", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "12"})

	ok := c.ok(200, "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	require.Equal(t, false, ok["requires_2fa"])
	require.Equal(t, "connecting", ok["sync_status"])
	require.Equal(t, id, get(ok, "account", "account_id"))
	c.ok(200, "POST", "/linkedin/sourcing/search", map[string]any{"title": "مدير تسويق"})
	c.fails(404, "not_found", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
}

func TestTwoFactorLockAndResend(t *testing.T) {
	t.Parallel()
	c := newClient(t, "2fa-required")
	id := c.ok(200, "POST", "/channels/linkedin/connect", login)["account_id"]
	wrong := map[string]any{"account_id": id, "code": "111111"}
	for _, left := range []int{2, 1, 0} {
		e := c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", wrong)
		require.EqualValues(t, left, e["attempts_remaining"])
	}
	e := c.fails(429, "too_many_2fa_attempts", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	require.EqualValues(t, 0, e["attempts_remaining"])
	c.fails(429, "too_many_2fa_attempts", "POST", "/channels/linkedin/2fa/resend", map[string]any{"account_id": id})

	// Connecting again starts a new challenge; resend renews its expiry.
	id = c.ok(200, "POST", "/channels/linkedin/connect", login)["account_id"]
	c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", wrong)
	c.advance(11 * time.Minute)
	c.fails(422, "2fa_code_expired", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	rs := c.ok(200, "POST", "/channels/linkedin/2fa/resend", map[string]any{"account_id": id})
	require.Equal(t, "2025-05-11T09:21:00Z", rs["code_expires_at"])
	require.Contains(t, rs["message"], "m.a****@noortech.sa")
	for range 2 {
		c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", wrong)
	}
	c.ok(200, "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	c.fails(404, "not_found", "POST", "/channels/linkedin/2fa/resend", map[string]any{"account_id": "li_acc_nope"})
}

func TestSecretsAreNeverEchoed(t *testing.T) {
	t.Parallel()
	c := newClient(t, "2fa-required")
	var bodies []string
	r := c.do("POST", "/channels/linkedin/connect", login)
	bodies = append(bodies, string(r.Raw))
	id := r.Map()["account_id"]
	for _, code := range []string{"999999", "123456"} {
		bodies = append(bodies, string(c.do("POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": code}).Raw))
	}
	bodies = append(bodies, string(c.do("GET", "/channels/linkedin/status", nil).Raw))
	journal := string(c.srv.Admin("GET", "/requests", nil).Raw)
	for _, b := range append(bodies, journal) {
		require.NotContains(t, b, "S3cret-pass!")
		require.NotContains(t, b, "999999")
		require.False(t, strings.Contains(b, `"123456"`), b)
	}
}

func TestDisconnectAndReconnect(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	d := c.ok(200, "POST", "/channels/linkedin/disconnect", nil)
	require.Equal(t, false, d["connected"])
	require.Equal(t, "disconnected", d["sync_status"])
	c.fails(409, "linkedin_not_connected", "POST", "/channels/linkedin/disconnect", nil)
	c.fails(409, "linkedin_not_connected", "POST", "/channels/linkedin/refresh", nil)
	c.fails(409, "linkedin_not_connected", "POST", "/linkedin/sourcing/search", map[string]any{"keywords": "x"})
	c.fails(409, "linkedin_not_connected", "POST", "/linkedin/sourcing/launch-campaign", docCampaign())
	c.fails(409, "linkedin_not_connected", "POST", "/messages", map[string]any{"contact_id": 418, "message": "hi"})
	c.fails(409, "linkedin_not_connected", "GET", "/linkedin/recruiter", nil)
	ov := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, false, get(ov, "connection", "connected"))
	require.Equal(t, false, ov["recruiter_contract_detected"])
	require.EqualValues(t, 0, ov["inmail_balance"])
	c.ok(200, "GET", "/linkedin/outreach/campaigns", nil)

	c.ok(200, "POST", "/channels/linkedin/connect", login)
	c.ok(200, "POST", "/linkedin/sourcing/search", map[string]any{"keywords": "x"})
	ov = c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, true, ov["recruiter_contract_detected"])
	require.EqualValues(t, 150, ov["inmail_balance"])
}
