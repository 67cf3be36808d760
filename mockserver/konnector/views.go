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
		CampaignType: r.kind, CreatedAt: utc(r.createdAt), LastActivateTime: utcOrNil(r.lastActivate),
		InitialActivateTime: utcOrNil(r.initialActivate), MaxCampaignDays: r.maxDays, Source: r.source,
		Metadata: metadataView{
			TargetIndustry: r.meta.industry, TargetPositions: append([]string{}, r.meta.positions...),
			CampaignGoals: r.meta.goal,
		},
	}
}

// stepView is a CampaignStep with its counters over the routine's life.
type stepView struct {
	StepNumber      int     `json:"step_number"`
	StepType        string  `json:"step_type"`
	Name            string  `json:"name"`
	DelayDays       int     `json:"delay_days"`
	MessageTemplate *string `json:"message_template"`
	SentCount       int     `json:"sent_count"`
	AcceptedCount   int     `json:"accepted_count"`
	RepliedCount    int     `json:"replied_count"`
	Status          string  `json:"status"`
}

// stepViews returns the routine's steps with counters from its lifetime
// events: a profile visit or a liked post per member, the connection
// requests and their accepts, the first messages and the follow-ups with
// their replies.
func stepViews(r *routine, life events, today day) []stepView {
	status := r.statusOn(today)
	out := make([]stepView, 0, len(r.steps))
	for i, s := range r.steps {
		v := stepView{StepNumber: i + 1, StepType: s.kind, Name: s.name, DelayDays: s.delay}
		if s.template != "" {
			t := s.template
			v.MessageTemplate = &t
		}
		switch s.kind {
		case "connection_request":
			v.SentCount, v.AcceptedCount = life.requests, life.accepts
		case "message":
			v.SentCount, v.RepliedCount = life.firstSent, life.firstReplied
		case "follow_up_message":
			v.SentCount, v.RepliedCount = life.followSent, life.followReplied
		default: // profile_visit, like_post, endorse_skills
			if status != "draft" {
				v.SentCount = life.members
			}
		}
		switch {
		case status == "completed":
			v.Status = "completed"
		case v.SentCount > 0:
			v.Status = "running"
		default:
			v.Status = "pending"
		}
		out = append(out, v)
	}
	return out
}

// campaignDailyView is a CampaignDailyStat.
type campaignDailyView struct {
	Date                string `json:"date"`
	FriendRequestCount  int    `json:"friend_request_count"`
	FriendAcceptCount   int    `json:"friend_accept_count"`
	MessageSentCount    int    `json:"message_sent_count"`
	MessageRepliedCount int    `json:"message_replied_count"`
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

// campaignItem builds the row of routine r over rg.
func (w *world) campaignItem(r *routine, rg dateRange, today day, now time.Time) campaignItem {
	series := r.series(rg, today)
	daily := make([]campaignDailyView, len(series))
	var sum events
	for i, e := range series {
		sum.add(e)
		daily[i] = campaignDailyView{Date: (rg.from + day(i)).String(), FriendRequestCount: e.requests,
			FriendAcceptCount: e.accepts, MessageSentCount: e.sent(), MessageRepliedCount: e.replied()}
	}
	life := r.lifetime(today)
	return campaignItem{
		Routine: w.routineView(r, today), MemberCount: life.members,
		FriendRequestCount: sum.requests, FriendAcceptCount: sum.accepts,
		ConnectionPercentage: percent(sum.accepts, sum.requests),
		MessageSentCount:     sum.sent(), MessageRepliedCount: sum.replied(),
		ResponseRate: percent(sum.replied(), sum.sent()), CampaignDurationDays: r.durationDays(now),
		DailyStats: daily, LinkedInUser: w.userView(r.owner), CampaignSteps: stepViews(r, life, today),
	}
}
