package konnector

import (
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// The JSON shapes of /optimized_routine_data.
type (
	campaignDetails struct {
		ID                   string  `json:"id"`
		Name                 string  `json:"name"`
		CampaignType         string  `json:"campaign_type"`
		CampaignStatus       string  `json:"campaign_status"`
		CreatedAt            string  `json:"created_at"`
		LastActivateTime     *string `json:"last_activate_time"`
		CampaignDurationDays int     `json:"campaign_duration_days"`
		MaxCampaignDays      int     `json:"max_campaign_days"`
	}
	connectionDaily struct {
		Date         string `json:"date"`
		RequestCount int    `json:"request_count"`
		AcceptCount  int    `json:"accept_count"`
	}
	connectionMetrics struct {
		FriendRequestCount   int               `json:"friend_request_count"`
		FriendAcceptCount    int               `json:"friend_accept_count"`
		ConnectionPercentage float64           `json:"connection_percentage"`
		PendingCount         int               `json:"pending_count"`
		DailyMetrics         []connectionDaily `json:"daily_metrics"`
	}
	messageDaily struct {
		Date         string `json:"date"`
		SentCount    int    `json:"sent_count"`
		RepliedCount int    `json:"replied_count"`
	}
	messageMetrics struct {
		MessageSentCount    int            `json:"message_sent_count"`
		MessageRepliedCount int            `json:"message_replied_count"`
		ResponseRate        float64        `json:"response_rate"`
		DailyMetrics        []messageDaily `json:"daily_metrics"`
	}
	performanceMetrics struct {
		MemberCount       int               `json:"member_count"`
		ConnectionMetrics connectionMetrics `json:"connection_metrics"`
		MessageMetrics    messageMetrics    `json:"message_metrics"`
	}
	optimizedData struct {
		CampaignDetails    campaignDetails    `json:"campaign_details"`
		PerformanceMetrics performanceMetrics `json:"performance_metrics"`
		CampaignSteps      []stepView         `json:"campaign_steps"`
		LinkedInUser       userRefView        `json:"linkedin_user"`
		stamp
	}
)

// optimizedRoutineData answers GET /optimized_routine_data: one routine over
// the date range, with the same figures as its campaign-info row.
func (a *api) optimizedRoutineData(c *call) (string, any, *sim.Error) {
	v := c.req.Query
	if !v.Has("linkedin_campaign_routine_id") {
		return "", nil, sim.Errorf(sim.KindBadRequest, "linkedin_campaign_routine_id: is required")
	}
	opt := func(name string) *string {
		if !v.Has(name) {
			return nil
		}
		s := v.Get(name)
		return &s
	}
	rg, err := resolveRange(opt("start_date"), opt("end_date"), c.today)
	if err != nil {
		return "", nil, err
	}
	w := c.world
	kind, n, ok := w.ids.Decode(v.Get("linkedin_campaign_routine_id"))
	if !ok || kind != kindRoutine {
		return "", nil, &sim.Error{Kind: sim.KindBadRequest, Status: http.StatusBadRequest, Code: "INVALID_ROUTINE_ID",
			Summary: "Invalid parameters", Message: "linkedin_campaign_routine_id is invalid"}
	}
	r := w.routine(n)
	if r == nil {
		return "", nil, &sim.Error{Kind: sim.KindNotFound, Message: "Campaign routine not found"}
	}
	item := w.campaignItem(r, rg, c.today, c.req.Now)
	data := optimizedData{
		CampaignDetails: campaignDetails{
			ID: item.Routine.ID, Name: r.name, CampaignType: r.kind, CampaignStatus: item.Routine.CampaignStatus,
			CreatedAt: item.Routine.CreatedAt, LastActivateTime: item.Routine.LastActivateTime,
			CampaignDurationDays: item.CampaignDurationDays, MaxCampaignDays: r.maxDays,
		},
		PerformanceMetrics: performanceMetrics{
			MemberCount: item.MemberCount,
			ConnectionMetrics: connectionMetrics{
				FriendRequestCount: item.FriendRequestCount, FriendAcceptCount: item.FriendAcceptCount,
				ConnectionPercentage: item.ConnectionPercentage,
				PendingCount:         item.FriendRequestCount - item.FriendAcceptCount,
				DailyMetrics:         make([]connectionDaily, 0, len(item.DailyStats)),
			},
			MessageMetrics: messageMetrics{
				MessageSentCount: item.MessageSentCount, MessageRepliedCount: item.MessageRepliedCount,
				ResponseRate: item.ResponseRate, DailyMetrics: make([]messageDaily, 0, len(item.DailyStats)),
			},
		},
		CampaignSteps: item.CampaignSteps,
		LinkedInUser:  w.userRefView(r.owner),
		stamp:         c.stamp(),
	}
	for _, d := range item.DailyStats {
		m := &data.PerformanceMetrics
		m.ConnectionMetrics.DailyMetrics = append(m.ConnectionMetrics.DailyMetrics,
			connectionDaily{Date: d.Date, RequestCount: d.FriendRequestCount, AcceptCount: d.FriendAcceptCount})
		m.MessageMetrics.DailyMetrics = append(m.MessageMetrics.DailyMetrics,
			messageDaily{Date: d.Date, SentCount: d.MessageSentCount, RepliedCount: d.MessageRepliedCount})
	}
	return "Campaign routine data retrieved successfully", data, nil
}
