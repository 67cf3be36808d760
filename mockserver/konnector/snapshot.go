package konnector

import "time"

// snapshot is what the console shows of a Konnector organisation: the
// dashboard's daily connection requests and accepts over the default range
// (the last 30 days to today), and campaign counts by status and type, as
// /dashboard-info reports them for all users. Reading it changes nothing.
type snapshot struct {
	Organisation string       `json:"organisation"`
	Users        int          `json:"users"`
	Requests     []dailyCount `json:"requests"`
	Accepts      []dailyCount `json:"accepts"`
	ByStatus     countInfo    `json:"by_status"`
	ByType       typeCounts   `json:"by_type"`
}

// Snapshot returns the console's view of an organisation v (a tenant's world,
// as NewWorld made it) at now, or nil when it is not a Konnector world.
func (a *API) Snapshot(v any, now time.Time) any {
	w, ok := v.(*World)
	if !ok {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	today := dayOf(now)
	rg, err := resolveRange(nil, nil, today)
	if err != nil {
		return nil
	}
	d := w.dashboard(w.users, rg, today)
	return snapshot{Organisation: w.org.name, Users: len(w.users), Requests: d.ConnectionGraph.Request,
		Accepts: d.ConnectionGraph.Accept, ByStatus: d.CampaignCountInfo, ByType: d.CampaignTypes}
}
