package konnector

import "time"

// The JSON shapes of the spec's records, built from the world. Struct field
// order is the doc's field order; every array is non-nil so it encodes as [].

// userView is a LinkedInUser.
type userView struct {
	ID     string `json:"linkedin_user_information_id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Status string `json:"status"`
}

// userRefView is a LinkedInUserRef (no status).
type userRefView struct {
	Name  string `json:"name"`
	ID    string `json:"linkedin_user_information_id"`
	Email string `json:"email"`
}

func (w *world) userView(u *user) userView {
	return userView{ID: u.id, Name: u.name, Email: u.email, Status: u.status}
}

func (w *world) userRefView(u *user) userRefView {
	return userRefView{Name: u.name, ID: u.id, Email: u.email}
}

// metadataView is a CampaignMetadata.
type metadataView struct {
	TargetIndustry  string   `json:"target_industry"`
	TargetPositions []string `json:"target_positions"`
	CampaignGoals   string   `json:"campaign_goals"`
}

// routineView is a CampaignRoutine (campaign-info's linkedin_campaign_routine).
type routineView struct {
	ID                  string       `json:"id"`
	CampaignName        string       `json:"campaign_name"`
	CampaignStatus      string       `json:"campaign_status"`
	CampaignType        string       `json:"campaign_type"`
	CreatedAt           string       `json:"created_at"`
	LastActivateTime    *string      `json:"last_activate_time"`
	InitialActivateTime *string      `json:"initial_activate_time"`
	MaxCampaignDays     int          `json:"max_campaign_days"`
	Source              string       `json:"source"`
	Metadata            metadataView `json:"metadata"`
}

func (w *world) routineView(r *routine, today day) routineView {
	return routineView{
		ID: r.id, CampaignName: r.name, CampaignStatus: r.statusOn(today),
		CampaignType: r.kind, CreatedAt: r.createdText, LastActivateTime: r.lastActiveText,
		InitialActivateTime: r.initialText, MaxCampaignDays: r.maxDays, Source: r.source,
		Metadata: metadataView{
			TargetIndustry: r.meta.industry, TargetPositions: r.meta.positions, // never written: shared, not copied
			CampaignGoals: r.meta.goal,
		},
	}
}

// stepMetrics are a step's attempts over the routine's life: the members
// the step acted on, and how many of those it succeeded with.
type stepMetrics struct {
	TotalAttempts int `json:"total_attempts"`
	Successful    int `json:"successful"`
	Failed        int `json:"failed"`
}

// stepView is a CampaignStep (campaign-info).
type stepView struct {
	StepID         string  `json:"step_id"`
	StepName       string  `json:"step_name"`
	StepType       string  `json:"step_type"`
	CompletionRate float64 `json:"completion_rate"`
}

// stepMetricsView is a CampaignStepWithMetrics (optimized_routine_data).
type stepMetricsView struct {
	stepView
	Metrics stepMetrics `json:"metrics"`
}

// stepFigures returns the routine's steps with their metrics from its
// lifetime events: a profile visit or a liked post acts once on every member
// and always succeeds; a connection request succeeds when accepted; a
// message when it is replied to. completion_rate is successful /
// total_attempts * 100, one decimal.
func stepFigures(r *routine, ids []string, life events, today day) []stepMetricsView {
	out := make([]stepMetricsView, len(r.steps))
	for i, s := range r.steps {
		var m stepMetrics
		switch s.action {
		case actConnect:
			m.TotalAttempts, m.Successful = life.requests, life.accepts
		case actFirst:
			m.TotalAttempts, m.Successful = life.firstSent, life.firstReplied
		case actFollow:
			m.TotalAttempts, m.Successful = life.followSent, life.followReplied
		default: // actTouch
			if r.statusOn(today) != "draft" {
				m.TotalAttempts, m.Successful = life.members, life.members
			}
		}
		m.Failed = m.TotalAttempts - m.Successful
		out[i] = stepMetricsView{
			stepView: stepView{StepID: ids[i], StepName: s.name, StepType: s.kind,
				CompletionRate: percent(m.Successful, m.TotalAttempts)},
			Metrics: m,
		}
	}
	return out
}

// stepViews returns the steps without their metrics, as campaign-info
// lists them.
func stepViews(steps []stepMetricsView) []stepView {
	out := make([]stepView, len(steps))
	for i, s := range steps {
		out[i] = s.stepView
	}
	return out
}

// connectionsView and messagesView are a CampaignDailyStat's two halves.
type (
	connectionsView struct {
		Sent     int `json:"sent"`
		Accepted int `json:"accepted"`
	}
	messagesView struct {
		Sent    int `json:"sent"`
		Replied int `json:"replied"`
	}
)

// campaignDailyView is a CampaignDailyStat: {date, connections: {sent,
// accepted}, messages: {sent, replied}}, as the 2025-05-11 draft prints it.
type campaignDailyView struct {
	Date        string          `json:"date"`
	Connections connectionsView `json:"connections"`
	Messages    messagesView    `json:"messages"`
}

// campaignItem is a CampaignInfoItem: one routine over a date range.
type campaignItem struct {
	Routine              routineView         `json:"linkedin_campaign_routine"`
	MemberCount          int                 `json:"member_count"`
	FriendRequestCount   int                 `json:"friend_request_count"`
	FriendAcceptCount    int                 `json:"friend_accept_count"`
	ConnectionPercentage float64             `json:"connection_percentage"`
	MessageSentCount     int                 `json:"message_sent_count"`
	MessageRepliedCount  int                 `json:"message_replied_count"`
	ResponseRate         float64             `json:"response_rate"`
	CampaignDurationDays int                 `json:"campaign_duration_days"`
	DailyStats           []campaignDailyView `json:"daily_stats"`
	LinkedInUser         userView            `json:"linkedin_user"`
	CampaignSteps        []stepView          `json:"campaign_steps"`
}

// routineFigures are one routine's figures over a date range, from which
// both campaign-info's row and optimized_routine_data are built.
type routineFigures struct {
	series []events // one per date of the range
	sum    events   // over the range
	life   events   // from creation to today
	steps  []stepMetricsView
}

// figures computes routine r's figures over rg.
func (w *world) figures(r *routine, rg dateRange, today day) routineFigures {
	life := r.lifetime(today)
	return routineFigures{series: r.series(rg, today), sum: r.total(rg, today), life: life,
		steps: stepFigures(r, r.stepIDs.of(r, w.ids), life, today)}
}

// campaignItem builds the row of routine r over rg, whose dates are given.
func (w *world) campaignItem(r *routine, rg dateRange, dates []string, today day, now time.Time) campaignItem {
	f := w.figures(r, rg, today)
	daily := make([]campaignDailyView, len(f.series))
	for i, e := range f.series {
		daily[i] = campaignDailyView{Date: dates[i],
			Connections: connectionsView{Sent: e.requests, Accepted: e.accepts},
			Messages:    messagesView{Sent: e.sent(), Replied: e.replied()}}
	}
	return campaignItem{
		Routine: w.routineView(r, today), MemberCount: f.life.members,
		FriendRequestCount: f.sum.requests, FriendAcceptCount: f.sum.accepts,
		ConnectionPercentage: percent(f.sum.accepts, f.sum.requests),
		MessageSentCount:     f.sum.sent(), MessageRepliedCount: f.sum.replied(),
		ResponseRate: percent(f.sum.replied(), f.sum.sent()), CampaignDurationDays: r.durationDays(now),
		DailyStats: daily, LinkedInUser: w.userView(r.owner), CampaignSteps: stepViews(f.steps),
	}
}
