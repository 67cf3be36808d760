package skylight

import "time"

// snapshot is what the console shows of a SkyLight world: the connection,
// the Recruiter quotas and each campaign's funnel, read under the world's
// lock without changing anything (no journal, no coverage, no rate limit).
type snapshot struct {
	Locale            string           `json:"locale"`
	LinkedInAccess    bool             `json:"linkedin_access"`
	RecruiterContract bool             `json:"recruiter_contract"`
	Connected         bool             `json:"connected"`
	SyncStatus        string           `json:"sync_status"`
	Username          string           `json:"username,omitempty"`
	Quotas            []quotaSnapshot  `json:"quotas"`
	Campaigns         []funnelSnapshot `json:"campaigns"`
}

type quotaSnapshot struct {
	Name  string `json:"name"`
	Limit int    `json:"limit"`
	Used  int    `json:"used"`
}

// funnelSnapshot is a campaign's funnel: members invited, accepted, sent at
// least one message, and replied.
type funnelSnapshot struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Contacts int    `json:"contacts"`
	Invited  int    `json:"invited"`
	Accepted int    `json:"accepted"`
	Messaged int    `json:"messaged"`
	Replied  int    `json:"replied"`
}

// Snapshot returns the console's view of a world w (a tenant's, as NewWorld
// made it) at now.
func (a *api) Snapshot(w *world, now time.Time) any {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := snapshot{Locale: w.loc.Code, LinkedInAccess: w.settings.LinkedInAccess, RecruiterContract: w.settings.RecruiterContract,
		Connected: w.conn.connected(), Campaigns: []funnelSnapshot{},
		Quotas: []quotaSnapshot{
			{"LinkedIn job posts", w.quotas.jobs.limit, w.quotas.jobs.used},
			{"AI screenings", w.quotas.screens.limit, w.quotas.screens.used},
			{"Resume downloads", w.quotas.resumes.limit, w.quotas.resumes.used},
		}}
	if st := w.conn.syncStatus(now); st != nil {
		s.SyncStatus = *st
	}
	if s.Connected {
		s.Username = w.conn.username
	}
	for _, c := range w.newestFirst() {
		status, _ := c.status(now)
		f := funnelSnapshot{ID: c.ID, Name: c.Name, Type: c.Type, Status: status, Contacts: len(c.members)}
		v := c.elapsed(now)
		for _, m := range c.members {
			p := c.progressOf(m, v)
			f.Invited += btoi(!p.invitedAt.IsZero())
			f.Accepted += btoi(!p.acceptedAt.IsZero())
			f.Messaged += btoi(p.sent > 0)
			f.Replied += btoi(!p.repliedAt.IsZero())
		}
		s.Campaigns = append(s.Campaigns, f)
	}
	return s
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
