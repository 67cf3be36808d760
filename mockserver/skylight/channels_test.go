package skylight_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var login = map[string]any{"username": "m.alotaibi@noortech.sa", "password": "S3cret-pass!", "country": "SA"}

// channelKeys are the published channel object's fields.
var channelKeys = []string{"id", "type", "username", "is_connected", "sync_status", "last_synced_at"}

func requireChannel(t *testing.T, v map[string]any) {
	t.Helper()
	for _, k := range channelKeys {
		require.Contains(t, v, k)
	}
	require.Equal(t, "linkedin", v["type"])
}

func TestConnectWithout2FA(t *testing.T) {
	t.Parallel()
	c := newClient(t, "disconnected")
	st := c.ok(200, "GET", "/channels/linkedin/status", nil)
	requireChannel(t, st)
	require.Equal(t, false, st["is_connected"])
	require.Nil(t, st["sync_status"])
	require.Nil(t, st["username"])

	res := c.ok(200, "POST", "/channels/linkedin/connect", login)
	requireChannel(t, res)
	require.Equal(t, false, res["requires_2fa"])
	require.Equal(t, true, res["is_connected"])
	require.Equal(t, "CONNECTING", res["sync_status"])
	require.Equal(t, "m.alotaibi@noortech.sa", res["username"])
	require.NotEmpty(t, res["account_id"])
	require.Equal(t, st["id"], res["id"], "the channel keeps its id")
	require.NotContains(t, string(c.do("GET", "/linkedin/overview", nil).Raw), "S3cret-pass!")
	c.fails(409, "", "POST", "/channels/linkedin/connect", login) // disconnect first
}

func TestSyncStatusFollowsTheClock(t *testing.T) {
	t.Parallel()
	c := newClient(t, "disconnected")
	c.ok(200, "POST", "/channels/linkedin/connect", login)
	st := c.ok(200, "GET", "/channels/linkedin/status", nil)
	require.Equal(t, "CONNECTING", st["sync_status"])
	require.Nil(t, st["last_synced_at"])
	c.advance(5 * time.Second)
	st = c.ok(200, "GET", "/channels/linkedin/status", nil)
	require.Equal(t, "OK", st["sync_status"])
	require.Equal(t, "2025-05-11T09:00:05.000000Z", st["last_synced_at"], "ISO 8601 UTC with microseconds")

	c.advance(time.Hour)
	ref := c.ok(200, "POST", "/channels/linkedin/refresh", nil)
	require.Equal(t, "SYNC_SUCCESS", ref["sync_status"])
	require.Equal(t, "2025-05-11T10:00:05.000000Z", ref["last_synced_at"])
	require.Equal(t, "SYNC_SUCCESS", get(c.ok(200, "GET", "/linkedin/overview", nil), "connection", "sync_status"))
	chans := c.envelope(200, "GET", "/account/channels", nil)["data"].([]any)
	require.Len(t, chans, 1)
	require.Equal(t, ref, chans[0], "the account's channels list the same object")
}

// TestBrokenSessions: the scenarios with a broken provider session report
// their sync_status and make LinkedIn operations answer 409 with their own
// code; ERROR is recovered by a refresh, the others by a new connect.
func TestBrokenSessions(t *testing.T) {
	t.Parallel()
	cases := []struct{ scenario, status, code string }{
		{"credentials-expired", "CREDENTIALS", "linkedin_credentials_expired"},
		{"sync-error", "ERROR", "linkedin_sync_error"},
		{"account-stopped", "STOPPED", "linkedin_account_stopped"},
	}
	for _, tc := range cases {
		t.Run(tc.scenario, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, tc.scenario)
			st := c.ok(200, "GET", "/channels/linkedin/status", nil)
			require.Equal(t, tc.status, st["sync_status"])
			require.Equal(t, false, st["is_connected"])
			e := c.fails(409, tc.code, "POST", "/linkedin/sourcing/search", map[string]any{"keywords": "x"})
			require.Equal(t, tc.status, e["sync_status"])
			c.fails(409, tc.code, "POST", "/messages/send", map[string]any{"contact_id": 418, "message": "hi"})
			c.fails(409, tc.code, "GET", "/linkedin/recruiter", nil)
			if tc.status == "ERROR" {
				require.Equal(t, "SYNC_SUCCESS", c.ok(200, "POST", "/channels/linkedin/refresh", nil)["sync_status"])
			} else {
				c.fails(409, tc.code, "POST", "/channels/linkedin/refresh", nil)
				require.Equal(t, "CONNECTING", c.ok(200, "POST", "/channels/linkedin/connect", login)["sync_status"])
			}
			c.ok(200, "POST", "/linkedin/sourcing/search", map[string]any{"keywords": "x"})
		})
	}
}

// TestTwoFactorLockAndResend: the wrong code that uses up the last attempt
// (the third) answers 429 too_many_2fa_attempts and fails the login
// (CREATION_FAIL); every 2FA call after it answers 429 until a new connect.
func TestTwoFactorLockAndResend(t *testing.T) {
	t.Parallel()
	c := newClient(t, "2fa-required")
	id := c.ok(200, "POST", "/channels/linkedin/connect", login)["account_id"]
	wrong := map[string]any{"account_id": id, "code": "111111"}
	for _, left := range []int{2, 1} {
		e := c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", wrong)
		require.EqualValues(t, left, e["attempts_remaining"])
	}
	e := c.fails(429, "too_many_2fa_attempts", "POST", "/channels/linkedin/2fa", wrong)
	require.EqualValues(t, 0, e["attempts_remaining"])
	require.NotContains(t, e, "retry_after", "a lock, not the rate limit")
	require.Equal(t, "CREATION_FAIL", c.ok(200, "GET", "/channels/linkedin/status", nil)["sync_status"])
	c.fails(429, "too_many_2fa_attempts", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	c.fails(429, "too_many_2fa_attempts", "POST", "/channels/linkedin/2fa/resend", map[string]any{"account_id": id})

	// Connecting again starts a new challenge; resend renews its expiry.
	id = c.ok(200, "POST", "/channels/linkedin/connect", login)["account_id"]
	c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", wrong)
	c.advance(11 * time.Minute)
	c.fails(422, "2fa_code_expired", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	r := c.envelope(200, "POST", "/channels/linkedin/2fa/resend", map[string]any{"account_id": id})
	require.Equal(t, "2025-05-11T09:21:00.000000Z", get(r, "data", "code_expires_at"))
	require.Contains(t, r["message"], "m.a****@noortech.sa")
	for range 2 {
		c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", wrong)
	}
	c.ok(200, "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	c.fails(404, "", "POST", "/channels/linkedin/2fa/resend", map[string]any{"account_id": "li_acc_nope"})
}

func TestDisconnectAndReconnect(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	d := c.ok(200, "POST", "/channels/linkedin/disconnect", nil)
	requireChannel(t, d)
	require.Equal(t, false, d["is_connected"])
	require.Nil(t, d["sync_status"])
	c.fails(409, "linkedin_not_connected", "POST", "/channels/linkedin/disconnect", nil)
	c.fails(409, "linkedin_not_connected", "POST", "/channels/linkedin/refresh", nil)
	c.fails(409, "linkedin_not_connected", "POST", "/linkedin/sourcing/search", map[string]any{"keywords": "x"})
	c.fails(409, "linkedin_not_connected", "POST", "/linkedin/sourcing/launch-campaign", docCampaign())
	c.fails(409, "linkedin_not_connected", "POST", "/messages/send", map[string]any{"contact_id": 418, "message": "hi"})
	c.fails(409, "linkedin_not_connected", "GET", "/linkedin/recruiter", nil)
	ov := c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, false, get(ov, "connection", "is_connected"))
	require.Nil(t, ov["account"])
	require.Equal(t, false, ov["recruiter_contract_detected"])
	require.EqualValues(t, 0, ov["inmail_balance"])
	c.page("/linkedin/outreach/campaigns")

	c.ok(200, "POST", "/channels/linkedin/connect", login)
	c.ok(200, "POST", "/linkedin/sourcing/search", map[string]any{"keywords": "x"})
	ov = c.ok(200, "GET", "/linkedin/overview", nil)
	require.Equal(t, true, ov["recruiter_contract_detected"])
	require.EqualValues(t, 150, ov["inmail_balance"])
	require.Equal(t, "m.alotaibi@noortech.sa", get(ov, "account", "username"))
}
