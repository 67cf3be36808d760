package driver

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

// The three SkyLight quotas, as indexes.
const (
	qJobs = iota
	qScreens
	qResumes
	nQuotas
)

var quotaNames = [nQuotas]string{"max_linkedin_jobs", "max_recruiter_ai_screens", "max_recruiter_resume_downloads"}

// slTenant is one SkyLight API key: what setup learned of its world and
// what the traffic did to it.
type slTenant struct {
	key        string
	contacts   []int    // LinkedIn contacts, to message
	providers  []string // provider ids of people, for campaigns
	profiles   []string // profile URLs, for campaign targets
	campaigns  []int    // the generated campaigns, to read
	jobs       []int    // the generated jobs, to read
	applicants []int    // applicants of the generated jobs, to screen
	startTotal int      // campaigns listed at setup

	quotaUsed  [nQuotas]int // used at setup
	quotaLimit [nQuotas]int
	consumed   [nQuotas]atomic.Int64 // successful consuming calls
	refused    [nQuotas]atomic.Int64 // quota 403s
	// unanswered counts consuming calls and campaign creations that got no
	// answer: the server may or may not have done them.
	unanswered        [nQuotas]atomic.Int64
	unansweredCreates atomic.Int64

	mu       sync.Mutex // guards the fields below
	messages map[int][]sentMessage
	created  []*campaignModel
	newJobs  []*jobModel
	refusals []string // quota 403s answered while the quota had units left
}

// sentMessage is a message the traffic sent.
type sentMessage struct {
	id   int
	text string
}

// campaignModel is a campaign the traffic created; only its creator changes it.
type campaignModel struct {
	id     int
	name   string
	people int
	state  string // active, paused, cancelled (completed: the clock finished it); "" unknown
}

// jobModel is a job the traffic created; only its creator changes it.
type jobModel struct {
	id    int
	title string
	state string // draft, published, closed
}

// fallback identifiers, used against a bare handler (no setup answers) and
// when a generated world has none of a kind.
var (
	fallbackContacts  = []int{401, 402, 403}
	fallbackProviders = []string{"ACoAABcD1234"}
	fallbackJobs      = []int{29, 30, 31, 32}
)

// setupSkyLight reads what the traffic needs from a fresh tenant: quotas,
// contacts, people, campaigns, jobs and applicants.
func (d *driver) setupSkyLight(ctx context.Context, key string) (*slTenant, error) {
	t := &slTenant{key: key, messages: map[int][]sentMessage{}, contacts: fallbackContacts,
		providers: fallbackProviders, profiles: []string{"https://www.linkedin.com/in/khalid-alshammari-ksa"},
		campaigns: []int{51, 52}, jobs: fallbackJobs, applicants: []int{5001}}
	if d.cfg.Bare {
		return t, nil
	}
	get := func(path string, body any, v any) error {
		method := http.MethodGet
		if body != nil {
			method = http.MethodPost
		}
		a, _, err := d.send(ctx, request{vendor: "skylight", method: method, path: path, body: body, key: key})
		switch {
		case err != nil:
			return fmt.Errorf("%w: %s %s: %v", errSetup, method, path, err)
		case !a.ok() || !a.decode(v):
			return fmt.Errorf("%w: %s %s answered %d: %.300s", errSetup, method, path, a.status, a.body)
		}
		return nil
	}
	if err := d.readQuotas(ctx, t, &t.quotaUsed, &t.quotaLimit); err != nil {
		return nil, err
	}
	var contacts struct {
		Contacts []struct {
			ID int `json:"id"`
		} `json:"data"`
	}
	if err := get("/contacts?type=linkedin&per_page=100", nil, &contacts); err != nil {
		return nil, err
	}
	if len(contacts.Contacts) > 0 {
		t.contacts = nil
		for _, c := range contacts.Contacts {
			t.contacts = append(t.contacts, c.ID)
		}
	}
	var found struct {
		Data struct {
			Items []struct {
				ProviderID string `json:"provider_id"`
				ProfileURL string `json:"profile_url"`
			} `json:"items"`
		} `json:"data"`
	}
	if err := get("/linkedin/sourcing/search", map[string]any{"title": "Manager", "limit": 100}, &found); err != nil {
		return nil, err
	}
	if len(found.Data.Items) > 0 {
		t.providers, t.profiles = nil, nil
		for _, it := range found.Data.Items {
			t.providers = append(t.providers, it.ProviderID)
			t.profiles = append(t.profiles, it.ProfileURL)
		}
	}
	var camps struct {
		Campaigns []struct {
			ID int `json:"id"`
		} `json:"data"`
		Pagination struct {
			Total int `json:"total"`
		} `json:"meta"`
	}
	if err := get("/linkedin/outreach/campaigns?per_page=100", nil, &camps); err != nil {
		return nil, err
	}
	t.startTotal = camps.Pagination.Total
	if len(camps.Campaigns) > 0 {
		t.campaigns = nil
		for _, c := range camps.Campaigns {
			t.campaigns = append(t.campaigns, c.ID)
		}
	}
	var rec struct {
		Data struct {
			Jobs []struct {
				ID             int    `json:"id"`
				Status         string `json:"status"`
				ApplicantCount int    `json:"applicants_count"`
			} `json:"jobs"`
		} `json:"data"`
	}
	if err := get("/linkedin/recruiter?per_page=100", nil, &rec); err != nil {
		return nil, err
	}
	t.jobs, t.applicants = nil, nil
	for _, j := range rec.Data.Jobs {
		t.jobs = append(t.jobs, j.ID)
		if j.ApplicantCount == 0 {
			continue
		}
		var detail struct {
			Job struct {
				Applicants []struct {
					ID int `json:"id"`
				} `json:"applicants"`
			} `json:"data"`
		}
		if err := get(fmt.Sprintf("/linkedin/recruiter/jobs/%d", j.ID), nil, &detail); err != nil {
			return nil, err
		}
		for _, a := range detail.Job.Applicants {
			t.applicants = append(t.applicants, a.ID)
		}
	}
	if len(t.jobs) == 0 {
		t.jobs = fallbackJobs
	}
	if len(t.applicants) == 0 {
		t.applicants = []int{5001}
	}
	return t, nil
}

// quotaView is one quota in GET /account/subscription.
type quotaView struct {
	Limit int `json:"max"`
	Used  int `json:"used"`
}

// readQuotas reads the three quotas through GET /account/subscription.
func (d *driver) readQuotas(ctx context.Context, t *slTenant, used, limit *[nQuotas]int) error {
	a, _, err := d.send(ctx, request{vendor: "skylight", method: http.MethodGet, path: "/account/subscription", key: t.key})
	if err != nil {
		return fmt.Errorf("%w: GET /account/subscription: %v", errSetup, err)
	}
	var sub struct {
		Subscription struct {
			Limits map[string]quotaView `json:"limits"`
		} `json:"data"`
	}
	if !a.ok() || !a.decode(&sub) {
		return fmt.Errorf("%w: GET /account/subscription answered %d: %.300s", errSetup, a.status, a.body)
	}
	for i, name := range quotaNames {
		q, ok := sub.Subscription.Limits[name]
		if !ok {
			return fmt.Errorf("%w: GET /account/subscription has no %s", errSetup, name)
		}
		used[i], limit[i] = q.Used, q.Limit
	}
	return nil
}
