package skylight

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// How long a session reports `connecting`, then `syncing`, after a connect;
// a refresh reports `syncing` for syncDuration.
const (
	connectingFor = 5 * time.Second
	syncDuration  = 2 * time.Minute
	defaultTTL    = 10 * time.Minute
)

// Connection states (the stored part; sync_status is derived from the clock).
const (
	stDisconnected = "disconnected"
	stPending      = "pending_2fa"
	stConnected    = "connected"
)

// account is the customer's own LinkedIn profile.
type account struct {
	name, headline, publicID, company, city string
}

// persona is the LinkedIn profile behind a login: the fixtures' account of
// the locale whose login it is (the doc's m.alotaibi@noortech.sa is the
// Arabic one), else the world locale's.
func (w *world) persona(username string) account {
	a := w.loc.Account
	for _, code := range w.fx.Codes() {
		if l := w.fx.Locale(code); strings.EqualFold(l.Account.Username, username) {
			a = l.Account
		}
	}
	return account{name: a.Name, headline: a.Headline, publicID: a.PublicIdentifier, company: a.Company, city: a.City}
}

// connection is the LinkedIn session of the account.
type connection struct {
	state       string
	accountID   string
	username    string
	country     string
	connectedAt time.Time
	syncFrom    time.Time // start of the latest sync (connect or refresh)
	prevSynced  time.Time // end of the last sync finished before syncFrom
	fresh       bool      // the latest sync began with a connect
	pending     *pending2FA
}

// pending2FA is a login waiting for its verification code. The code itself
// is the scenario's: it is never stored here, echoed or logged.
type pending2FA struct {
	accountID, username, country string
	expires                      time.Time
	attempts                     int
	locked                       bool
}

func (c *connection) connected() bool { return c.state == stConnected }

// syncStatus derives the status at now: connecting for a few seconds after a
// connect, syncing until the sync finishes, then connected.
func (c *connection) syncStatus(now time.Time) string {
	switch {
	case c.state != stConnected:
		return c.state
	case c.fresh && now.Before(c.syncFrom.Add(connectingFor)):
		return "connecting"
	case now.Before(c.syncFrom.Add(syncDuration)):
		return "syncing"
	}
	return "connected"
}

// lastSynced is when the latest finished sync ended (zero if none).
func (c *connection) lastSynced(now time.Time) time.Time {
	if c.state == stConnected && !now.Before(c.syncFrom.Add(syncDuration)) {
		return c.syncFrom.Add(syncDuration)
	}
	return c.prevSynced
}

// accountIDFor names the LinkedIn account of a login: the same username
// always gives the same id.
func (w *world) accountIDFor(username string) string {
	return fmt.Sprintf("li_acc_%06x", sim.Hash(w.seed, "skylight", "account", strings.ToLower(username))&0xffffff)
}

func (w *world) accountView(now time.Time) *accountView {
	c := &w.conn
	if !c.connected() {
		return nil
	}
	return &accountView{
		AccountID: c.accountID, Name: w.account.name, Headline: w.account.headline,
		PublicIdentifier: w.account.publicID, ProfileURL: "https://www.linkedin.com/in/" + w.account.publicID,
		Username: c.username, Country: c.country, SyncStatus: c.syncStatus(now),
		ConnectedAt: isoPtr(c.connectedAt), LastSyncedAt: isoPtr(c.lastSynced(now)),
	}
}

func (w *world) statusView(now time.Time) statusView {
	return statusView{Success: true, connectionView: w.connectionView(now)}
}

// connectionView is the connection as status and the overview report it.
func (w *world) connectionView(now time.Time) connectionView {
	return connectionView{Connected: w.conn.connected(), SyncStatus: w.conn.syncStatus(now), Account: w.accountView(now)}
}

// connectRequest is the connect body. The password is read to be ignored:
// any password logs in.
type connectRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Country  string `json:"country"`
}

// connect logs in: at once, or with a 2FA challenge when the scenario asks.
// Connecting again replaces the session or pending challenge.
func (w *world) connect(in connectRequest, now time.Time) connectResult {
	id := w.accountIDFor(in.Username)
	if !w.settings.TwoFactor.Required {
		w.establish(id, in.Username, in.Country, now)
		return w.connectedResult(now)
	}
	if w.conn.connected() {
		w.conn.prevSynced = w.conn.lastSynced(now)
		w.setRunning(false, now)
	}
	w.conn.state = stPending
	w.conn.pending = &pending2FA{accountID: id, username: in.Username, country: in.Country, expires: now.Add(w.codeTTL())}
	expires, method := iso(w.conn.pending.expires), "email"
	return connectResult{Success: true, Requires2FA: true, AccountID: id, SyncStatus: stPending,
		Message:       fmt.Sprintf("A verification code was sent to %s. Submit it to POST /channels/linkedin/2fa.", maskLogin(in.Username)),
		CodeExpiresAt: &expires, TwoFactorMethod: &method}
}

// establish starts a session: connecting, then syncing, then connected.
func (w *world) establish(id, username, country string, now time.Time) {
	prev := w.conn.lastSynced(now)
	w.account = w.persona(username)
	w.conn = connection{state: stConnected, accountID: id, username: username, country: country,
		connectedAt: now, syncFrom: now, prevSynced: prev, fresh: true}
	w.setRunning(true, now)
}

func (w *world) connectedResult(now time.Time) connectResult {
	return connectResult{Success: true, AccountID: w.conn.accountID, SyncStatus: w.conn.syncStatus(now),
		Message: "LinkedIn account connected successfully. Your inbox, contacts and campaigns are being synchronised.",
		Account: w.accountView(now)}
}

// pendingFor returns the challenge of accountID or a 404.
func (w *world) pendingFor(accountID string) (*pending2FA, *sim.Error) {
	p := w.conn.pending
	if w.conn.state != stPending || p == nil || p.accountID != accountID {
		return nil, &sim.Error{Kind: sim.KindNotFound,
			Message: fmt.Sprintf("No pending LinkedIn verification was found for account_id %s. Connect first.", accountID)}
	}
	return p, nil
}

func errLocked() *sim.Error {
	return &sim.Error{Status: http.StatusTooManyRequests, Code: "too_many_2fa_attempts",
		Message: "Too many incorrect verification codes. Connect the account again to get a new code.",
		Extra:   map[string]any{"attempts_remaining": 0}}
}

// submit2FA checks a verification code: locked, expired, wrong (counting the
// attempt) or right (the account connects).
func (w *world) submit2FA(accountID, code string, now time.Time) (connectResult, *sim.Error) {
	p, err := w.pendingFor(accountID)
	if err != nil {
		return connectResult{}, err
	}
	switch {
	case p.locked:
		return connectResult{}, errLocked()
	case now.After(p.expires):
		return connectResult{}, &sim.Error{Kind: sim.KindValidation, Code: "2fa_code_expired",
			Message: "The verification code has expired. Request a new one with POST /channels/linkedin/2fa/resend."}
	case subtle.ConstantTimeCompare([]byte(code), []byte(w.settings.TwoFactor.Code)) != 1:
		p.attempts++
		left := max(w.maxAttempts()-p.attempts, 0)
		msg := "The verification code is incorrect."
		if left == 0 {
			p.locked = true
			msg += " No attempts remain: connect the account again to get a new code."
		}
		return connectResult{}, &sim.Error{Kind: sim.KindValidation, Code: "invalid_2fa_code", Message: msg,
			Extra: map[string]any{"attempts_remaining": left}}
	}
	w.establish(p.accountID, p.username, p.country, now)
	return w.connectedResult(now), nil
}

// resend2FA issues a new code for a pending challenge: a new expiry and a
// fresh attempt counter. (The mock always accepts the scenario's code.)
func (w *world) resend2FA(accountID string, now time.Time) (resendResult, *sim.Error) {
	p, err := w.pendingFor(accountID)
	if err != nil {
		return resendResult{}, err
	}
	if p.locked {
		return resendResult{}, errLocked()
	}
	p.expires, p.attempts = now.Add(w.codeTTL()), 0
	return resendResult{Success: true, AccountID: p.accountID,
		Message:       fmt.Sprintf("A new verification code was sent to %s.", maskLogin(p.username)),
		CodeExpiresAt: iso(p.expires), TwoFactorMethod: "email"}, nil
}

// refresh starts a new sync of the connected account.
func (w *world) refresh(now time.Time) statusView {
	w.conn.prevSynced = w.conn.lastSynced(now)
	w.conn.syncFrom, w.conn.fresh = now, false
	return w.statusView(now)
}

// disconnect ends the session; campaigns stop progressing.
func (w *world) disconnect(now time.Time) disconnectResult {
	w.conn.prevSynced = w.conn.lastSynced(now)
	w.conn.state, w.conn.pending = stDisconnected, nil
	w.setRunning(false, now)
	return disconnectResult{Success: true, SyncStatus: stDisconnected, Message: "LinkedIn account disconnected."}
}

func (w *world) codeTTL() time.Duration {
	if d := w.settings.TwoFactor.CodeTTL.D(); d > 0 {
		return d
	}
	return defaultTTL
}

func (w *world) maxAttempts() int {
	if n := w.settings.TwoFactor.MaxAttempts; n > 0 {
		return n
	}
	return 3
}

// maskLogin hides most of a login: m.alotaibi@noortech.sa -> m.a****@noortech.sa.
func maskLogin(login string) string {
	local, domain, ok := strings.Cut(login, "@")
	r := []rune(local)
	keep := min(3, len(r)/2)
	if !ok {
		return string(r[:keep]) + "****"
	}
	return string(r[:keep]) + "****@" + domain
}
