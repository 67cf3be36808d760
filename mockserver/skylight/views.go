package skylight

import "time"

// The JSON shapes of the responses, as the spec's schemas name them. Structs
// keep the field order stable; nullable fields are pointers.

// iso formats an instant as the API does (UTC, whole seconds).
func iso(t time.Time) string { return t.UTC().Format(time.RFC3339) }

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

type accountView struct {
	AccountID        string  `json:"account_id"`
	Name             string  `json:"name"`
	Headline         string  `json:"headline"`
	PublicIdentifier string  `json:"public_identifier"`
	ProfileURL       string  `json:"profile_url"`
	Username         string  `json:"username"`
	Country          string  `json:"country"`
	SyncStatus       string  `json:"sync_status"`
	ConnectedAt      *string `json:"connected_at"`
	LastSyncedAt     *string `json:"last_synced_at"`
}

// statusView is GET /channels/linkedin/status: the overview's connection
// with the envelope's success flag.
type statusView struct {
	Success bool `json:"success"`
	connectionView
}

type connectionView struct {
	Connected  bool         `json:"connected"`
	SyncStatus string       `json:"sync_status"`
	Account    *accountView `json:"account"`
}

type connectResult struct {
	Success         bool         `json:"success"`
	Requires2FA     bool         `json:"requires_2fa"`
	AccountID       string       `json:"account_id"`
	SyncStatus      string       `json:"sync_status"`
	Message         string       `json:"message"`
	Account         *accountView `json:"account"`
	CodeExpiresAt   *string      `json:"code_expires_at"`
	TwoFactorMethod *string      `json:"two_factor_method"`
}

type resendResult struct {
	Success         bool   `json:"success"`
	AccountID       string `json:"account_id"`
	Message         string `json:"message"`
	CodeExpiresAt   string `json:"code_expires_at"`
	TwoFactorMethod string `json:"two_factor_method"`
}

type disconnectResult struct {
	Success    bool   `json:"success"`
	Connected  bool   `json:"connected"`
	SyncStatus string `json:"sync_status"`
	Message    string `json:"message"`
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
	Success                   bool            `json:"success"`
	Connection                connectionView  `json:"connection"`
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
	Success    bool         `json:"success"`
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

type campaignResponse struct {
	Success  bool         `json:"success"`
	Campaign campaignView `json:"campaign"`
}

type paginationView struct {
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	Total      int `json:"total"`
	TotalPages int `json:"total_pages"`
}

type campaignList struct {
	Success    bool           `json:"success"`
	Campaigns  []campaignView `json:"campaigns"`
	Pagination paginationView `json:"pagination"`
}

type statsResponse struct {
	Success    bool      `json:"success"`
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

type campaignContactList struct {
	Success    bool                  `json:"success"`
	Contacts   []campaignContactView `json:"contacts"`
	Pagination paginationView        `json:"pagination"`
}

type messageView struct {
	ID        int    `json:"id"`
	ContactID int    `json:"contact_id"`
	Channel   string `json:"channel"`
	Direction string `json:"direction"`
	Text      string `json:"text"`
	Status    string `json:"status"`
	SentAt    string `json:"sent_at"`
}

type messageResponse struct {
	Success bool        `json:"success"`
	Message messageView `json:"message"`
}

type contactView struct {
	ID            int     `json:"id"`
	Type          string  `json:"type"`
	Name          string  `json:"name"`
	ProviderID    *string `json:"provider_id"`
	ProfileURL    *string `json:"profile_url"`
	Headline      *string `json:"headline"`
	Company       *string `json:"company"`
	Location      *string `json:"location"`
	Phone         *string `json:"phone"`
	CreatedAt     string  `json:"created_at"`
	LastMessageAt *string `json:"last_message_at"`
	UnreadCount   int     `json:"unread_count"`
}

type contactList struct {
	Success    bool           `json:"success"`
	Contacts   []contactView  `json:"contacts"`
	Pagination paginationView `json:"pagination"`
}

type contactMessages struct {
	Success  bool          `json:"success"`
	Contact  contactView   `json:"contact"`
	Messages []messageView `json:"messages"`
}

type quotaView struct {
	Limit     int `json:"limit"`
	Used      int `json:"used"`
	Remaining int `json:"remaining"`
}

type limitsView struct {
	Jobs    quotaView `json:"max_linkedin_jobs"`
	Screens quotaView `json:"max_recruiter_ai_screens"`
	Resumes quotaView `json:"max_recruiter_resume_downloads"`
}

type subscriptionView struct {
	Plan             string     `json:"plan"`
	Status           string     `json:"status"`
	LinkedInAccess   bool       `json:"linkedin_access"`
	CurrentPeriodEnd string     `json:"current_period_end"`
	Limits           limitsView `json:"limits"`
}

type subscriptionResponse struct {
	Success      bool             `json:"success"`
	Subscription subscriptionView `json:"subscription"`
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
	Success                   bool       `json:"success"`
	RecruiterContractDetected bool       `json:"recruiter_contract_detected"`
	Jobs                      []jobView  `json:"jobs"`
	Quotas                    limitsView `json:"quotas"`
}

type jobResponse struct {
	Success bool       `json:"success"`
	Job     jobView    `json:"job"`
	Quotas  limitsView `json:"quotas"`
}

type jobDetailResponse struct {
	Success bool    `json:"success"`
	Job     jobView `json:"job"`
}

type syncResponse struct {
	Success bool    `json:"success"`
	Job     jobView `json:"job"`
	Added   int     `json:"added"`
}

type applicantResponse struct {
	Success   bool          `json:"success"`
	Applicant applicantView `json:"applicant"`
}

type screenResponse struct {
	Success     bool       `json:"success"`
	ApplicantID int        `json:"applicant_id"`
	Screening   screenView `json:"screening"`
	Quotas      limitsView `json:"quotas"`
}
