package mockserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// skyLogin is the doc's LinkedIn login (with a password the journal must
// never show).
var skyLogin = map[string]any{"username": "m.alotaibi@noortech.sa", "password": "S3cret-pass!", "country": "SA"}

// TestSecretsAreNeverEchoed: neither the answers nor the journal show the
// password or a 2FA code.
func TestSecretsAreNeverEchoed(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "2fa-required")
	var bodies []string
	r := c.do("POST", "/channels/linkedin/connect", skyLogin)
	bodies = append(bodies, string(r.Raw))
	id := skyGet(r.Map(), "data", "account_id")
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

func TestTwoFactorFlow(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "2fa-required")
	res := c.ok(200, "POST", "/channels/linkedin/connect", skyLogin)
	skyRequireChannel(t, res)
	require.Equal(t, true, res["requires_2fa"])
	require.Equal(t, "CONNECTING", res["sync_status"])
	require.Equal(t, false, res["is_connected"])
	require.Equal(t, "2025-05-11T09:10:00.000000Z", res["code_expires_at"], "the scenario's 10 minute TTL from the clock")
	id := res["account_id"].(string)
	require.Equal(t, "CONNECTING", c.ok(200, "GET", "/channels/linkedin/status", nil)["sync_status"])
	c.fails(409, "linkedin_not_connected", "POST", "/linkedin/sourcing/search", map[string]any{"title": "x"})

	c.fails(404, "", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": "li_acc_000000", "code": "123456"})
	e := c.fails(422, "invalid_2fa_code", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "000000"})
	require.EqualValues(t, 2, e["attempts_remaining"])
	v := c.fails(422, "", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "12"})
	require.Equal(t, "The given data was invalid.", v["message"])
	require.Contains(t, v["errors"], "code")

	ok := c.ok(200, "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
	require.Equal(t, false, ok["requires_2fa"])
	require.Equal(t, "CONNECTING", ok["sync_status"])
	require.Equal(t, id, ok["account_id"])
	c.ok(200, "POST", "/linkedin/sourcing/search", map[string]any{"title": "مدير تسويق"})
	c.fails(404, "", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
}
