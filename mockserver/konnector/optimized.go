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
		Date             string `json:"date"`
		RequestsSent     int    `json:"requests_sent"`
		RequestsAccepted int    `json:"requests_accepted"`
	}
	connectionMetrics struct {
		FriendRequestCount   int               `json:"friend_request_count"`
		FriendAcceptCount    int               `json:"friend_accept_count"`
		ConnectionPercentage float64           `json:"connection_percentage"`
		PendingCount         int               `json:"pending_count"`
		DailyMetrics         []connectionDaily `json:"daily_metrics"`
	}
	messageDaily struct {
		Date            string `json:"date"`
		MessagesSent    int    `json:"messages_sent"`
		MessagesReplied int    `json:"messages_replied"`
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
		CampaignSteps      []stepMetricsView  `json:"campaign_steps"`
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
	f := w.figures(r, rg, c.today)
	status := r.statusOn(c.today)
	data := optimizedData{
		CampaignDetails: campaignDetails{
			ID: r.id, Name: r.name, CampaignType: r.kind, CampaignStatus: status,
			CreatedAt: r.createdText, LastActivateTime: r.lastActiveText,
			CampaignDurationDays: r.durationDays(c.req.Now), MaxCampaignDays: r.maxDays,
		},
		PerformanceMetrics: performanceMetrics{
			MemberCount: f.life.members,
			ConnectionMetrics: connectionMetrics{
				FriendRequestCount: f.sum.requests, FriendAcceptCount: f.sum.accepts,
				ConnectionPercentage: percent(f.sum.accepts, f.sum.requests),
				PendingCount:         f.sum.requests - f.sum.accepts,
				DailyMetrics:         make([]connectionDaily, len(f.series)),
			},
			MessageMetrics: messageMetrics{
				MessageSentCount: f.sum.sent(), MessageRepliedCount: f.sum.replied(),
				ResponseRate: percent(f.sum.replied(), f.sum.sent()), DailyMetrics: make([]messageDaily, len(f.series)),
			},
		},
		CampaignSteps: f.steps,
		LinkedInUser:  w.userRefView(r.owner),
		stamp:         c.stamp(),
	}
	m := &data.PerformanceMetrics
	dates := rg.dates()
	for i, e := range f.series {
		date := dates[i]
		m.ConnectionMetrics.DailyMetrics[i] = connectionDaily{Date: date, RequestsSent: e.requests, RequestsAccepted: e.accepts}
		m.MessageMetrics.DailyMetrics[i] = messageDaily{Date: date, MessagesSent: e.sent(), MessagesReplied: e.replied()}
	}
	return "Campaign routine data retrieved successfully", data, nil
}
