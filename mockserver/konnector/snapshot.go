package konnector

import "time"

// snapshot is what the console shows of a Konnector organisation: the
// dashboard's daily connection requests and accepts over the default range
// (the last 30 days to today), and campaign counts by status and type, as
// /dashboard-info reports them for all users. Reading it changes nothing.
type snapshot struct {
	Organisation string     `json:"organisation"`
	Users        int        `json:"users"`
	Requests     []dayCount `json:"requests"`
	Accepts      []dayCount `json:"accepts"`
	ByStatus     countInfo  `json:"by_status"`
	ByType       typeCounts `json:"by_type"`
}

// Snapshot returns the console's view of an organisation w (a tenant's
// world, as NewWorld made it) at now.
func (a *api) Snapshot(w *world, now time.Time) any {
	// A world is never written after it is made: no lock to take.
	today := dayOf(now)
	rg, err := resolveRange(nil, nil, today)
	if err != nil {
		return nil
	}
	d := w.dashboard(w.users, rg, today)
	return snapshot{Organisation: w.org.name, Users: len(w.users), Requests: dayCounts(d.ConnectionGraph.Request),
		Accepts: dayCounts(d.ConnectionGraph.Accept), ByStatus: d.CampaignCountInfo, ByType: d.CampaignTypes}
}

// dayCount is one day of a series, in the console's shape (whatever shape
// the API gives its points).
type dayCount struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

func dayCounts(points []memberPoint) []dayCount {
	out := make([]dayCount, len(points))
	for i, p := range points {
		out[i] = dayCount{Date: p.Date, Count: p.CountData}
	}
	return out
}
