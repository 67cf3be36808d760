package skylight

import "time"

// The JSON shapes of the resources inside SkyLight's envelope (envelope.go
// wraps them), as the spec's schemas name them. Structs keep the field order
// stable; nullable fields are pointers.

// isoLayout is the published timestamp convention (published-docs 1.3): ISO
// 8601 in UTC with microseconds, e.g. 2026-03-04T14:30:00.000000Z.
const isoLayout = "2006-01-02T15:04:05.000000Z"

// iso formats an instant as the API does.
func iso(t time.Time) string { return t.UTC().Format(isoLayout) }

// isoPtr is iso, or nil for the zero time.
func isoPtr(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := iso(t)
	return &s
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// channelView is the published channel object (published-docs 1.7).
type channelView struct {
	ID           int     `json:"id"`
	Type         string  `json:"type"`
	Username     *string `json:"username"`
	IsConnected  bool    `json:"is_connected"`
	SyncStatus   *string `json:"sync_status"`
	LastSyncedAt *string `json:"last_synced_at"`
}

// connectView is the channel object with the connect and 2FA additions.
type connectView struct {
	channelView
	Requires2FA     bool    `json:"requires_2fa"`
	AccountID       string  `json:"account_id"`
	CodeExpiresAt   *string `json:"code_expires_at"`
	TwoFactorMethod *string `json:"two_factor_method"`
}

// resendView is POST /channels/linkedin/2fa/resend.
type resendView struct {
	AccountID       string `json:"account_id"`
	CodeExpiresAt   string `json:"code_expires_at"`
	TwoFactorMethod string `json:"two_factor_method"`
}

// accountView is the connected LinkedIn account's own profile (overview).
type accountView struct {
	AccountID        string  `json:"account_id"`
	Name             string  `json:"name"`
	Headline         string  `json:"headline"`
	PublicIdentifier string  `json:"public_identifier"`
	ProfileURL       string  `json:"profile_url"`
	Username         string  `json:"username"`
	Country          string  `json:"country"`
	ConnectedAt      *string `json:"connected_at"`
}

type inboxView struct {
	Conversations       int `json:"conversations"`
	UnreadConversations int `json:"unread_conversations"`
	MessagesSent        int `json:"messages_sent"`
	MessagesReceived    int `json:"messages_received"`
}

type campaignSummary struct {
	ID            int    `json:"id"`
	Name          string `json:"name"`
	CampaignType  string `json:"campaign_type"`
	Status        string `json:"status"`
	ContactsCount int    `json:"contacts_count"`
	CreatedAt     string `json:"created_at"`
}

type activeCampaigns struct {
	Count int               `json:"count"`
	Items []campaignSummary `json:"items"`
}

type overviewView struct {
	Connection                channelView     `json:"connection"`
	Account                   *accountView    `json:"account"`
	Inbox                     inboxView       `json:"inbox"`
	ActiveCampaigns           activeCampaigns `json:"active_campaigns"`
	InMailBalance             int             `json:"inmail_balance"`
	RecruiterContractDetected bool            `json:"recruiter_contract_detected"`
}

type personView struct {
	ProviderID       string `json:"provider_id"`
	PublicIdentifier string `json:"public_identifier"`
	Name             string `json:"name"`
	Headline         string `json:"headline"`
	Title            string `json:"title"`
	Company          string `json:"company"`
	Industry         string `json:"industry"`
	Location         string `json:"location"`
	ProfileURL       string `json:"profile_url"`
}

func viewPerson(p *person) personView {
	return personView{ProviderID: p.ProviderID, PublicIdentifier: p.PublicID, Name: p.Name, Headline: p.Headline,
		Title: p.Title, Company: p.Company, Industry: p.Industry, Location: p.Location, ProfileURL: p.ProfileURL()}
}

type searchResult struct {
	Items      []personView `json:"items"`
	NextCursor *string      `json:"next_cursor"`
	Total      int          `json:"total"`
}

type statsView struct {
	TotalContacts  int     `json:"total_contacts"`
	Invited        int     `json:"invited"`
	Accepted       int     `json:"accepted"`
	Pending        int     `json:"pending"`
	MessagesSent   int     `json:"messages_sent"`
	Replies        int     `json:"replies"`
	AcceptanceRate float64 `json:"acceptance_rate"`
	ReplyRate      float64 `json:"reply_rate"`
}

type campaignView struct {
	ID               int               `json:"id"`
	Name             string            `json:"name"`
	CampaignType     string            `json:"campaign_type"`
	Status           string            `json:"status"`
	InviteNote       *string           `json:"invite_note"`
	SequenceMessages []sequenceMessage `json:"sequence_messages"`
	ContactsCount    int               `json:"contacts_count"`
	Stats            statsView         `json:"stats"`
	CreatedAt        string            `json:"created_at"`
	UpdatedAt        string            `json:"updated_at"`
	StartedAt        string            `json:"started_at"`
	PausedAt         *string           `json:"paused_at"`
	CompletedAt      *string           `json:"completed_at"`
	CancelledAt      *string           `json:"cancelled_at"`
}

type statsResponse struct {
	CampaignID int       `json:"campaign_id"`
	Status     string    `json:"status"`
	Stats      statsView `json:"stats"`
}

type campaignContactView struct {
	ContactID     int     `json:"contact_id"`
	ProviderID    string  `json:"provider_id"`
	Name          string  `json:"name"`
	Headline      string  `json:"headline"`
	ProfileURL    string  `json:"profile_url"`
	Status        string  `json:"status"`
	InvitedAt     *string `json:"invited_at"`
	AcceptedAt    *string `json:"accepted_at"`
	LastMessageAt *string `json:"last_message_at"`
	RepliedAt     *string `json:"replied_at"`
	MessagesSent  int     `json:"messages_sent"`
}

// messageView is the published message object (published-docs 1.9).
type messageView struct {
	ID        int     `json:"id"`
	ContactID int     `json:"contact_id"`
	Direction string  `json:"direction"`
	Channel   string  `json:"channel"`
	Content   string  `json:"content"`
	Status    string  `json:"status"`
	SentAt    *string `json:"sent_at"`
	CreatedAt string  `json:"created_at"`
}

// conversationView is one item of GET /conversations.
type conversationView struct {
	ContactID     int     `json:"contact_id"`
	ContactName   string  `json:"contact_name"`
	Channel       string  `json:"channel"`
	LastMessage   *string `json:"last_message"`
	LastMessageAt *string `json:"last_message_at"`
	UnreadCount   int     `json:"unread_count"`
}

// contactView is the published contact object (published-docs 1.10) with
// the LinkedIn fields a client needs (inferred).
type contactView struct {
	ID            int      `json:"id"`
	Name          string   `json:"name"`
	Email         *string  `json:"email"`
	Phone         *string  `json:"phone"`
	Type          string   `json:"type"`
	Status        string   `json:"status"`
	Blacklisted   bool     `json:"blacklisted"`
	Tags          []string `json:"tags"`
	LastMessageAt *string  `json:"last_message_at"`
	CreatedAt     string   `json:"created_at"`
	UpdatedAt     string   `json:"updated_at"`
	ProviderID    *string  `json:"provider_id"`
	ProfileURL    *string  `json:"profile_url"`
	Headline      *string  `json:"headline"`
}

// limitView is one entry of the subscription's limits: the published
// {max, used}, plus the remaining count the LinkedIn page promises for
// its three Recruiter limits.
type limitView struct {
	Max       int  `json:"max"`
	Used      int  `json:"used"`
	Remaining *int `json:"remaining,omitempty"`
}

// quotaView is one Recruiter limit as the Recruiter routes report it.
type quotaView struct {
	Max       int `json:"max"`
	Used      int `json:"used"`
	Remaining int `json:"remaining"`
}

type limitsView struct {
	Jobs    quotaView `json:"max_linkedin_jobs"`
	Screens quotaView `json:"max_recruiter_ai_screens"`
	Resumes quotaView `json:"max_recruiter_resume_downloads"`
}

type planView struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type featuresView struct {
	LinkedInAccess    bool `json:"linkedin_access"`
	Webhooks          bool `json:"webhooks"`
	APIAccess         bool `json:"api_access"`
	Booking           bool `json:"booking"`
	OmniChannel       bool `json:"omni_channel"`
	AdvancedAnalytics bool `json:"advanced_analytics"`
}

// subscriptionView is the published subscription (published-docs 1.11).
type subscriptionView struct {
	Plan      planView             `json:"plan"`
	Status    string               `json:"status"`
	ExpiresAt string               `json:"expires_at"`
	Limits    map[string]limitView `json:"limits"`
	Features  featuresView         `json:"features"`
}

type screenView struct {
	Score          int      `json:"score"`
	Recommendation string   `json:"recommendation"`
	Reasons        []string `json:"reasons"`
	Model          string   `json:"model"`
	ScreenedAt     string   `json:"screened_at"`
}

type applicantView struct {
	ID         int         `json:"id"`
	JobID      int         `json:"job_id"`
	Name       string      `json:"name"`
	Headline   string      `json:"headline"`
	Location   string      `json:"location"`
	ProfileURL string      `json:"profile_url"`
	Email      *string     `json:"email"`
	Stage      string      `json:"stage"`
	AppliedAt  string      `json:"applied_at"`
	AIScreen   *screenView `json:"ai_screen"`
}

type jobView struct {
	ID              int              `json:"id"`
	Title           string           `json:"title"`
	Description     string           `json:"description"`
	Location        string           `json:"location"`
	CompanyName     string           `json:"company_name"`
	EmploymentType  string           `json:"employment_type"`
	WorkplaceType   string           `json:"workplace_type"`
	Status          string           `json:"status"`
	CreatedAt       string           `json:"created_at"`
	PublishedAt     *string          `json:"published_at"`
	ClosedAt        *string          `json:"closed_at"`
	ApplicantsCount int              `json:"applicants_count"`
	LinkedInJobURL  *string          `json:"linkedin_job_url"`
	Applicants      *[]applicantView `json:"applicants,omitempty"`
}

type recruiterOverview struct {
	RecruiterContractDetected bool       `json:"recruiter_contract_detected"`
	Jobs                      []jobView  `json:"jobs"`
	Quotas                    limitsView `json:"quotas"`
}

type syncResponse struct {
	Job   jobView `json:"job"`
	Added int     `json:"added"`
}

type screenResponse struct {
	ApplicantID int        `json:"applicant_id"`
	Screening   screenView `json:"screening"`
	Quotas      limitsView `json:"quotas"`
}
