package skylight

import (
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleSearch answers POST /linkedin/sourcing/search.
func handleSearch(w *world, c *call) (reply, *sim.Error) {
	var in searchRequest
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	res, err := w.search(in)
	if err != nil {
		return reply{}, err
	}
	return ok(res, "Search completed successfully."), nil
}

// handleCreateCampaign answers POST /linkedin/sourcing/launch-campaign and
// POST /linkedin/outreach/campaigns.
func handleCreateCampaign(w *world, c *call) (reply, *sim.Error) {
	var in campaignCreate
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	people, err := w.campaignTargets(in)
	if err != nil {
		return reply{}, err
	}
	camp := w.newCampaign(in, people, c.now)
	return created(camp.view(c.now), "Campaign launched successfully."), nil
}

// handleListCampaigns answers GET /linkedin/outreach/campaigns.
func handleListCampaigns(w *world, c *call) (reply, *sim.Error) {
	status, kind := c.query.Get("status"), c.query.Get("campaign_type")
	var list []*campaign
	for _, camp := range w.newestFirst() {
		s, _ := camp.status(c.now)
		if (status == "" || s == status) && (kind == "" || camp.Type == kind) {
			list = append(list, camp)
		}
	}
	items, meta := pageOf(list, c.query)
	out := make([]campaignView, 0, len(items))
	for _, camp := range items {
		out = append(out, camp.view(c.now))
	}
	return paged(out, meta, "Campaigns retrieved successfully."), nil
}

// campaign returns the path's campaign or a 404.
func (w *world) campaign(c *call) (*campaign, *sim.Error) {
	id := c.id()
	camp := w.campaignByID[id]
	if camp == nil {
		return nil, errNotFound("Campaign")
	}
	return camp, nil
}

// handleGetCampaign answers GET /linkedin/outreach/campaigns/{id}.
func handleGetCampaign(w *world, c *call) (reply, *sim.Error) {
	camp, err := w.campaign(c)
	if err != nil {
		return reply{}, err
	}
	return ok(camp.view(c.now), "Campaign retrieved successfully."), nil
}

// handleCampaignStats answers GET /linkedin/outreach/campaigns/{id}/stats.
func handleCampaignStats(w *world, c *call) (reply, *sim.Error) {
	camp, err := w.campaign(c)
	if err != nil {
		return reply{}, err
	}
	status, _ := camp.status(c.now)
	return ok(statsResponse{CampaignID: camp.ID, Status: status, Stats: camp.stats(c.now)}, "Campaign stats retrieved successfully."), nil
}

// handleCampaignContacts answers GET /linkedin/outreach/campaigns/{id}/contacts.
func handleCampaignContacts(w *world, c *call) (reply, *sim.Error) {
	camp, err := w.campaign(c)
	if err != nil {
		return reply{}, err
	}
	status := c.query.Get("status")
	var list []campaignContactView
	for i := range camp.members {
		if v := camp.contactView(i, c.now); status == "" || v.Status == status {
			list = append(list, v)
		}
	}
	items, meta := pageOf(list, c.query)
	return paged(items, meta, "Campaign contacts retrieved successfully."), nil
}

// handleTransition answers the pause, resume and cancel routes.
func handleTransition(action string) opFunc {
	return func(w *world, c *call) (reply, *sim.Error) {
		camp, err := w.campaign(c)
		if err != nil {
			return reply{}, err
		}
		if err := w.transition(camp, action, c.now); err != nil {
			return reply{}, err
		}
		return ok(camp.view(c.now), "Campaign "+pastTense[action]+" successfully."), nil
	}
}
