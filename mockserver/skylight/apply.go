package skylight

import (
	"time"

	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// ApplyScenario moves an existing world w (a tenant's, as NewWorld made it)
// from the settings of from to those of to (an in-place switch): the
// world keeps its people, contacts, campaigns and jobs. The toggles
// (LinkedIn access, Recruiter contract, 2FA, InMail balance) take the new
// values; the connection and the quotas change only where the two
// scenarios differ, so what the world did meanwhile (a connect, quota
// used) is kept unless the new scenario says otherwise. A disconnect stops
// the campaigns at now; a connect starts a session (connecting, syncing)
// and resumes them. Sizes and locale are a new world's: they do not apply.
func (a *api) ApplyScenario(w *world, from, to *scenarios.Settings, now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.apply(from.SkyLight, to.SkyLight, now)
}

func (w *world) apply(from, to scenarios.SkyLight, now time.Time) {
	w.settings = to
	if from.Quotas != to.Quotas {
		q := to.Quotas
		w.quotas = quotas{
			jobs:    quota{q.LinkedInJobs.Limit, q.LinkedInJobs.Used},
			screens: quota{q.AIScreens.Limit, q.AIScreens.Used},
			resumes: quota{q.ResumeDownloads.Limit, q.ResumeDownloads.Used},
		}
	}
	if from.Connected == to.Connected {
		return
	}
	switch {
	case !to.Connected && w.conn.state != stDisconnected:
		w.disconnect(now)
	case to.Connected && !w.conn.connected():
		acc := w.loc.Account
		w.establish(w.accountIDFor(acc.Username), acc.Username, "SA", now)
	}
}
