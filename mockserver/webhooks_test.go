package mockserver_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
)

func TestWebhookTestEventIsSignedAndLogged(t *testing.T) {
	t.Parallel()
	srv := newHookServer(t, mockserver.Options{})
	rcv := receiver(t)
	c := &hookClient{t: t, srv: srv, key: "key-test-event"}
	id, secret := c.register(rcv.URL+"/hook", "message.received")
	rcv.SetSecret(secret)
	require.Regexp(t, `^whsec_[A-Za-z0-9]{64}$`, secret)

	res := c.call(200, "POST", "/webhooks/"+itoa(id)+"/test", nil)
	require.Equal(t, "pending", res["data"].(map[string]any)["status"])
	d, err := rcv.WaitFor("message.received", wait)
	require.NoError(t, err)
	require.Equal(t, independentSign(secret, d.Body), d.Header.Get("X-Skylight-Signature"))
	require.True(t, d.SignatureOK)
	t.Logf("%s %s", d.Header, d.Body)
}
