package konnector

import "github.com/linkedin-mock/linkedin-mock/mockserver/sim"

// routineSummaryView is a CampaignRoutineSummary.
type routineSummaryView struct {
	ID             string `json:"linkedin_campaign_routine_id"`
	Name           string `json:"name"`
	CampaignType   string `json:"campaign_type"`
	CampaignStatus string `json:"campaign_status"`
	CreatedAt      string `json:"created_at"`
}

// organisationView is an Organisation.
type organisationView struct {
	ID                 int    `json:"id"`
	Name               string `json:"name"`
	CreatedAt          string `json:"created_at"`
	SubscriptionStatus string `json:"subscription_status"`
}

// identifiersData is the data of GET /user-campaign-filters.
type identifiersData struct {
	LinkedInUsers    []userView           `json:"linkedin_users"`
	CampaignRoutines []routineSummaryView `json:"campaign_routines"`
	Organisation     organisationView     `json:"organisation"`
	stamp
}

// userCampaignFilters answers GET /user-campaign-filters: every user and
// every routine of the organisation, oldest first, with their encrypted ids:
// exactly the records the other operations report.
func (a *api) userCampaignFilters(c *call) (string, any, *sim.Error) {
	w := c.world
	data := identifiersData{
		LinkedInUsers:    make([]userView, 0, len(w.users)),
		CampaignRoutines: make([]routineSummaryView, 0, len(w.routines)),
		Organisation: organisationView{ID: w.org.id, Name: w.org.name, CreatedAt: utc(w.org.createdAt),
			SubscriptionStatus: w.org.status},
		stamp: c.stamp(),
	}
	for _, u := range w.users {
		data.LinkedInUsers = append(data.LinkedInUsers, w.userView(u))
	}
	for _, r := range w.routines {
		data.CampaignRoutines = append(data.CampaignRoutines, routineSummaryView{
			ID: r.id, Name: r.name, CampaignType: r.kind,
			CampaignStatus: r.statusOn(c.today), CreatedAt: r.createdText,
		})
	}
	return "Encrypted identifiers retrieved successfully", data, nil
}
