package konnector

import "github.com/linkedin-mock/linkedin-mock/mockserver/sim"

// The JSON shapes of /dashboard-info.
type (
	// memberPoint is a {date, count_data} item: campaign_member_info's
	// members and, as the 2025-05-11 draft prints them, connection_graph's
	// requests and accepts.
	memberPoint struct {
		Date      string `json:"date"`
		CountData int    `json:"count_data"`
	}
	memberInfo struct {
		Data             []memberPoint `json:"data"`
		TotalMemberCount int           `json:"total_member_count"`
	}
	countInfo struct {
		Completed int `json:"completed"`
		Active    int `json:"active"`
		Inactive  int `json:"inactive"`
		Draft     int `json:"draft"`
		Total     int `json:"total"`
	}
	connectionGraph struct {
		Request                 []memberPoint `json:"request"`
		Accept                  []memberPoint `json:"accept"`
		PendingRejectCount      int           `json:"pending_reject_count"`
		TotalFriendAcceptCount  int           `json:"total_friend_accept_count"`
		TotalFriendRequestCount int           `json:"total_friend_request_count"`
		ConnectionPercentage    float64       `json:"connection_percentage"`
	}
	dailyMessages struct {
		Date    string `json:"date"`
		Sent    int    `json:"sent"`
		Replied int    `json:"replied"`
	}
	messageStats struct {
		Sent         int             `json:"sent"`
		Replied      int             `json:"replied"`
		ResponseRate float64         `json:"response_rate"`
		DailyStats   []dailyMessages `json:"daily_stats"`
	}
	typeCounts struct {
		FriendRequestFollowMessage int `json:"friend_request_follow_message"`
		ConnectorCampaign          int `json:"connector_campaign"`
		FriendCampaign             int `json:"friend_campaign"`
		SmartCampaign              int `json:"smart_campaign"`
		SharedCampaign             int `json:"shared_campaign"`
	}
	userPerformance struct {
		ID              string  `json:"linkedin_user_information_id"`
		Name            string  `json:"name"`
		Email           string  `json:"email"`
		ConnectionRate  float64 `json:"connection_rate"`
		ResponseRate    float64 `json:"response_rate"`
		ActiveCampaigns int     `json:"active_campaigns"`
	}
	dashboardData struct {
		CampaignMemberInfo memberInfo        `json:"campaign_member_info"`
		CampaignCountInfo  countInfo         `json:"campaign_count_info"`
		ConnectionGraph    connectionGraph   `json:"connection_graph"`
		MessageStats       messageStats      `json:"message_stats"`
		CampaignTypes      typeCounts        `json:"campaign_types"`
		UserPerformance    []userPerformance `json:"user_performance"`
		stamp
	}
)

// dashboardFrom answers /dashboard-info with the filters read by read.
func (a *api) dashboardFrom(read queryReader) operation {
	return func(c *call) (string, any, *sim.Error) {
		q, err := read(c.req.Query, c.req.Body)
		if err != nil {
			return "", nil, err
		}
		rg, err := resolveRange(q.startDate, q.endDate, c.today)
		if err != nil {
			return "", nil, err
		}
		users, err := c.world.selectUsers(q.userIDs)
		if err != nil {
			return "", nil, err
		}
		data := c.world.dashboard(users, rg, c.today)
		data.stamp = c.stamp()
		return "Dashboard details shared successfully", data, nil
	}
}

// routinesOf returns the routines the date range selects for the users:
// theirs, created on or before the range's last day (campaign-info selects
// the same ones before its status, type and term filters).
func (w *world) routinesOf(users []*user, rg dateRange) []*routine {
	chosen := make(map[*user]bool, len(users))
	for _, u := range users {
		chosen[u] = true
	}
	var out []*routine
	for _, r := range w.routines {
		if chosen[r.owner] && r.created <= rg.to {
			out = append(out, r)
		}
	}
	return out
}

// dashboard computes the dashboard of the users' routines over rg: every
// series sums the routines' daily events, every total sums its series.
func (w *world) dashboard(users []*user, rg dateRange, today day) dashboardData {
	n := rg.len()
	d := dashboardData{
		CampaignMemberInfo: memberInfo{Data: make([]memberPoint, n)},
		ConnectionGraph:    connectionGraph{Request: make([]memberPoint, n), Accept: make([]memberPoint, n)},
		MessageStats:       messageStats{DailyStats: make([]dailyMessages, n)},
		UserPerformance:    make([]userPerformance, 0, len(users)),
	}
	for i, date := range rg.dates() {
		d.CampaignMemberInfo.Data[i].Date = date
		d.ConnectionGraph.Request[i].Date = date
		d.ConnectionGraph.Accept[i].Date = date
		d.MessageStats.DailyStats[i].Date = date
	}
	perUser := make(map[*user]*events, len(users))
	active := make(map[*user]int, len(users))
	for _, u := range users {
		perUser[u] = &events{}
	}
	for _, r := range w.routinesOf(users, rg) {
		r.each(rg, today, func(i int, e events) {
			d.CampaignMemberInfo.Data[i].CountData += e.members
			d.ConnectionGraph.Request[i].CountData += e.requests
			d.ConnectionGraph.Accept[i].CountData += e.accepts
			d.MessageStats.DailyStats[i].Sent += e.sent()
			d.MessageStats.DailyStats[i].Replied += e.replied()
			perUser[r.owner].add(e)
		})
		status := r.statusOn(today)
		d.CampaignCountInfo.count(status)
		d.CampaignTypes.count(r.kind)
		if status == "active" {
			active[r.owner]++
		}
	}
	for i := range n {
		d.CampaignMemberInfo.TotalMemberCount += d.CampaignMemberInfo.Data[i].CountData
		d.ConnectionGraph.TotalFriendRequestCount += d.ConnectionGraph.Request[i].CountData
		d.ConnectionGraph.TotalFriendAcceptCount += d.ConnectionGraph.Accept[i].CountData
		d.MessageStats.Sent += d.MessageStats.DailyStats[i].Sent
		d.MessageStats.Replied += d.MessageStats.DailyStats[i].Replied
	}
	g := &d.ConnectionGraph
	g.PendingRejectCount = g.TotalFriendRequestCount - g.TotalFriendAcceptCount
	g.ConnectionPercentage = percent(g.TotalFriendAcceptCount, g.TotalFriendRequestCount)
	d.MessageStats.ResponseRate = percent(d.MessageStats.Replied, d.MessageStats.Sent)
	for _, u := range users {
		e := perUser[u]
		d.UserPerformance = append(d.UserPerformance, userPerformance{
			ID: u.id, Name: u.name, Email: u.email,
			ConnectionRate: percent(e.accepts, e.requests), ResponseRate: percent(e.replied(), e.sent()),
			ActiveCampaigns: active[u],
		})
	}
	return d
}

// count adds a routine of the status.
func (c *countInfo) count(status string) {
	switch status {
	case "active":
		c.Active++
	case "inactive":
		c.Inactive++
	case "completed":
		c.Completed++
	case "draft":
		c.Draft++
	}
	c.Total = c.Active + c.Inactive + c.Completed + c.Draft
}

// count adds a routine of the type.
func (t *typeCounts) count(kind string) {
	switch kind {
	case "friend_request_follow_message":
		t.FriendRequestFollowMessage++
	case "connector_campaign":
		t.ConnectorCampaign++
	case "friend_campaign":
		t.FriendCampaign++
	case "smart_campaign":
		t.SmartCampaign++
	case "shared_campaign":
		t.SharedCampaign++
	}
}
