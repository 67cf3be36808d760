package skylight

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// How long a fresh connection reports CONNECTING before its first sync
// completes (inferred timing, on the virtual clock).
const (
	connectingFor = 5 * time.Second
	defaultTTL    = 10 * time.Minute
)

// The published sync_status values (published-docs 1.7).
const (
	syncOK           = "OK"
	syncConnecting   = "CONNECTING"
	syncSuccess      = "SYNC_SUCCESS"
	syncCredentials  = "CREDENTIALS"
	syncError        = "ERROR"
	syncStopped      = "STOPPED"
	syncCreationFail = "CREATION_FAIL"
)

// Connection states (the stored part; sync_status is derived from it and
// the clock).
const (
	stDisconnected = "disconnected" // no account: sync_status null
	stPending      = "pending_2fa"  // waiting for the code: CONNECTING
	stFailed       = "failed"       // the 2FA login was locked: CREATION_FAIL
	stConnected    = "connected"    // CONNECTING, then OK; SYNC_SUCCESS after a refresh; or broken
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

// connection is the LinkedIn channel of the account.
type connection struct {
	channelID   int // the channel setting's id: the same for the world's life
	state       string
	broken      string // CREDENTIALS, ERROR or STOPPED: the provider reports a broken session
	accountID   string
	username    string
	country     string
	connectedAt time.Time
	syncedAt    time.Time // when the latest sync completes (or completed)
	prevSynced  time.Time // the sync completed before syncedAt
	refreshed   bool      // the latest sync was a refresh: SYNC_SUCCESS
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

// connected reports whether LinkedIn operations can run: a session exists
// and the provider reports it healthy.
func (c *connection) connected() bool { return c.state == stConnected && c.broken == "" }

// syncStatus derives the published sync_status at now; nil when no account
// is connected.
func (c *connection) syncStatus(now time.Time) *string {
	s := ""
	switch {
	case c.state == stDisconnected:
		return nil
	case c.state == stPending:
		s = syncConnecting
	case c.state == stFailed:
		s = syncCreationFail
	case c.broken != "":
		s = c.broken
	case now.Before(c.syncedAt):
		s = syncConnecting
	case c.refreshed:
		s = syncSuccess
	default:
		s = syncOK
	}
	return &s
}

// lastSynced is when the latest completed sync ended (zero if none).
func (c *connection) lastSynced(now time.Time) time.Time {
	if c.state == stConnected && !now.Before(c.syncedAt) {
		return c.syncedAt
	}
	return c.prevSynced
}

// accountIDFor names the LinkedIn account of a login: the same username
// always gives the same id.
func (w *world) accountIDFor(username string) string {
	return fmt.Sprintf("li_acc_%06x", sim.Hash(w.seed, "skylight", "account", strings.ToLower(username))&0xffffff)
}

// channelView is the published channel object at now.
func (w *world) channelView(now time.Time) channelView {
	c := &w.conn
	v := channelView{ID: c.channelID, Type: chLinkedIn, IsConnected: c.connected(), SyncStatus: c.syncStatus(now),
		LastSyncedAt: isoPtr(c.lastSynced(now))}
	if c.state != stDisconnected {
		v.Username = strPtr(c.username)
	}
	return v
}

// accountView is the connected account's profile, or nil.
func (w *world) accountView() *accountView {
	c := &w.conn
	if c.state != stConnected {
		return nil
	}
	return &accountView{
		AccountID: c.accountID, Name: w.account.name, Headline: w.account.headline,
		PublicIdentifier: w.account.publicID, ProfileURL: "https://www.linkedin.com/in/" + w.account.publicID,
		Username: c.username, Country: c.country, ConnectedAt: isoPtr(c.connectedAt),
	}
}

// connectRequest is the connect body. The password is read to be ignored:
// any password logs in.
type connectRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Country  string `json:"country"`
}

// connect logs in: at once, or with a 2FA challenge when the scenario asks.
// A healthy connected account answers 409 (disconnect first, as the
// published WhatsApp connect); a pending, failed or broken one is replaced.
func (w *world) connect(in connectRequest, now time.Time) (connectView, string, *sim.Error) {
	if w.conn.connected() {
		return connectView{}, "", errAlreadyConnected()
	}
	id := w.accountIDFor(in.Username)
	if !w.settings.TwoFactor.Required {
		w.establish(id, in.Username, in.Country, now)
		return w.connectedView(now), "LinkedIn account connected successfully.", nil
	}
	w.leave(now)
	w.conn.state = stPending
	w.conn.username, w.conn.accountID = in.Username, id
	w.conn.pending = &pending2FA{accountID: id, username: in.Username, country: in.Country, expires: now.Add(w.codeTTL())}
	expires, method := iso(w.conn.pending.expires), "email"
	v := connectView{channelView: w.channelView(now), Requires2FA: true, AccountID: id, CodeExpiresAt: &expires, TwoFactorMethod: &method}
	return v, fmt.Sprintf("A verification code was sent to %s. Submit it to POST /channels/linkedin/2fa.", maskLogin(in.Username)), nil
}

// leave ends the current session, if any, keeping when it last synced.
func (w *world) leave(now time.Time) {
	w.conn.prevSynced = w.conn.lastSynced(now)
	if w.conn.state == stConnected {
		w.setRunning(false, now)
	}
	w.conn.broken, w.conn.refreshed, w.conn.pending = "", false, nil
}

// establish starts a session: CONNECTING until its first sync completes,
// then OK.
func (w *world) establish(id, username, country string, now time.Time) {
	w.leave(now)
	w.account = w.persona(username)
	w.conn = connection{channelID: w.conn.channelID, state: stConnected, accountID: id, username: username, country: country,
		connectedAt: now, syncedAt: now.Add(connectingFor), prevSynced: w.conn.prevSynced}
	w.setRunning(true, now)
}

func (w *world) connectedView(now time.Time) connectView {
	return connectView{channelView: w.channelView(now), AccountID: w.conn.accountID}
}

// pendingFor returns the challenge of accountID or a 404.
func (w *world) pendingFor(accountID string) (*pending2FA, *sim.Error) {
	p := w.conn.pending
	if (w.conn.state != stPending && w.conn.state != stFailed) || p == nil || p.accountID != accountID {
		return nil, &sim.Error{Kind: sim.KindNotFound,
			Message: fmt.Sprintf("No pending LinkedIn verification was found for account_id %s. Connect first.", accountID)}
	}
	return p, nil
}

// errLocked is the answer to the wrong code that uses up the last attempt,
// and to every 2FA call after it: the login failed (CREATION_FAIL), only a
// new connect starts again.
func errLocked() *sim.Error {
	return &sim.Error{Status: http.StatusTooManyRequests, Code: "too_many_2fa_attempts",
		Message: "Too many incorrect verification codes. Connect the account again to get a new code.",
		Extra:   map[string]any{"attempts_remaining": 0}}
}

// submit2FA checks a verification code: locked, expired, wrong (counting the
// attempt; the last allowed wrong code locks the login and answers 429) or
// right (the account connects).
func (w *world) submit2FA(accountID, code string, now time.Time) (connectView, *sim.Error) {
	p, err := w.pendingFor(accountID)
	if err != nil {
		return connectView{}, err
	}
	switch {
	case p.locked:
		return connectView{}, errLocked()
	case now.After(p.expires):
		return connectView{}, &sim.Error{Kind: sim.KindValidation, Code: "2fa_code_expired",
			Message: "The verification code has expired. Request a new one with POST /channels/linkedin/2fa/resend."}
	case subtle.ConstantTimeCompare([]byte(code), []byte(w.settings.TwoFactor.Code)) != 1:
		p.attempts++
		left := max(w.maxAttempts()-p.attempts, 0)
		if left == 0 {
			p.locked, w.conn.state = true, stFailed
			return connectView{}, errLocked()
		}
		return connectView{}, &sim.Error{Kind: sim.KindValidation, Code: "invalid_2fa_code",
			Message: "The verification code is incorrect.", Extra: map[string]any{"attempts_remaining": left}}
	}
	w.establish(p.accountID, p.username, p.country, now)
	return w.connectedView(now), nil
}

// resend2FA issues a new code for a pending challenge: a new expiry and a
// fresh attempt counter. (The mock always accepts the scenario's code.)
func (w *world) resend2FA(accountID string, now time.Time) (resendView, string, *sim.Error) {
	p, err := w.pendingFor(accountID)
	if err != nil {
		return resendView{}, "", err
	}
	if p.locked {
		return resendView{}, "", errLocked()
	}
	p.expires, p.attempts = now.Add(w.codeTTL()), 0
	return resendView{AccountID: p.accountID, CodeExpiresAt: iso(p.expires), TwoFactorMethod: "email"},
		fmt.Sprintf("A new verification code was sent to %s.", maskLogin(p.username)), nil
}

// refresh synchronises the connected account at once: SYNC_SUCCESS. It
// recovers an ERROR session; CREDENTIALS and STOPPED need a new connect.
func (w *world) refresh(now time.Time) (channelView, *sim.Error) {
	c := &w.conn
	switch {
	case c.state != stConnected:
		return channelView{}, errNotConnected()
	case c.broken == syncError:
		c.broken = ""
		w.setRunning(true, now)
	case c.broken != "":
		return channelView{}, errBroken(c.broken)
	}
	c.prevSynced = c.lastSynced(now)
	c.syncedAt, c.refreshed = now, true
	return w.channelView(now), nil
}

// disconnect ends the session (or a pending or failed login); campaigns
// stop progressing.
func (w *world) disconnect(now time.Time) (channelView, *sim.Error) {
	if w.conn.state == stDisconnected {
		return channelView{}, errNotConnected()
	}
	w.leave(now)
	w.conn.state, w.conn.username = stDisconnected, ""
	return w.channelView(now), nil
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
