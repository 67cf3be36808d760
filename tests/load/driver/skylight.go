package driver

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
)

// skyLightOps are the SkyLight operations and their weights: mostly reads,
// about a third writes.
var skyLightOps = []struct {
	weight int
	run    func(wk *worker, ctx context.Context, t *slTenant)
}{
	{4, (*worker).slOverview},
	{4, (*worker).slStatus},
	{3, (*worker).slSubscription},
	{5, (*worker).slContacts},
	{6, (*worker).slConversation},
	{5, (*worker).slCampaignList},
	{8, (*worker).slCampaignRead},
	{3, (*worker).slRecruiter},
	{3, (*worker).slJobRead},
	{5, (*worker).slSearch},
	{5, (*worker).slCreateCampaign},
	{7, (*worker).slTransition},
	{7, (*worker).slMessage},
	{3, (*worker).slCreateJob},
	{3, (*worker).slJobAction},
	{3, (*worker).slScreen},
	{3, (*worker).slResume},
}

var skyLightWeights = func() []int {
	w := make([]int, len(skyLightOps))
	for i, op := range skyLightOps {
		w[i] = op.weight
	}
	return w
}()

func (wk *worker) skyLightOp(ctx context.Context, t *slTenant) {
	skyLightOps[weighted(wk.rng, skyLightWeights)].run(wk, ctx, t)
}

func (wk *worker) sl(op, method, path string, t *slTenant, body any, expect ...int) request {
	return request{op: op, vendor: "skylight", method: method, path: path, body: body, key: t.key, expect: expect}
}

func (wk *worker) slOverview(ctx context.Context, t *slTenant) {
	wk.do(ctx, wk.sl("overview", http.MethodGet, "/linkedin/overview", t, nil))
}

func (wk *worker) slStatus(ctx context.Context, t *slTenant) {
	wk.do(ctx, wk.sl("status", http.MethodGet, "/channels/linkedin/status", t, nil))
}

func (wk *worker) slSubscription(ctx context.Context, t *slTenant) {
	wk.do(ctx, wk.sl("subscription", http.MethodGet, "/account/subscription", t, nil))
}

func (wk *worker) slContacts(ctx context.Context, t *slTenant) {
	q := fmt.Sprintf("/contacts?page=%d&per_page=%d", 1+wk.rng.IntN(4), pick(wk.rng, []int{10, 20, 50}))
	if wk.rng.IntN(3) == 0 {
		q += "&type=linkedin"
	}
	wk.do(ctx, wk.sl("contacts", http.MethodGet, q, t, nil))
}

func (wk *worker) slConversation(ctx context.Context, t *slTenant) {
	wk.do(ctx, wk.sl("conversation", http.MethodGet, fmt.Sprintf("/contacts/%d/messages", pick(wk.rng, t.contacts)), t, nil))
}

func (wk *worker) slCampaignList(ctx context.Context, t *slTenant) {
	q := fmt.Sprintf("/linkedin/outreach/campaigns?page=%d&per_page=%d", 1+wk.rng.IntN(3), pick(wk.rng, []int{10, 20}))
	if wk.rng.IntN(3) == 0 {
		q += "&status=" + pick(wk.rng, []string{"active", "paused", "completed", "cancelled"})
	}
	wk.do(ctx, wk.sl("campaign-list", http.MethodGet, q, t, nil))
}

// slCampaignRead reads one campaign (its own, when the worker has some,
// checking the state it set), its stats or its contacts.
func (wk *worker) slCampaignRead(ctx context.Context, t *slTenant) {
	id := pick(wk.rng, t.campaigns)
	var model *campaignModel
	if own := wk.mine[t]; own != nil && len(own.campaigns) > 0 && wk.rng.IntN(2) == 0 {
		model = pick(wk.rng, own.campaigns)
		id = model.id
	}
	switch wk.rng.IntN(3) {
	case 0:
		rq := wk.sl("campaign-get", http.MethodGet, fmt.Sprintf("/linkedin/outreach/campaigns/%d", id), t, nil)
		a := wk.do(ctx, rq)
		var got struct {
			Campaign struct {
				Status string `json:"status"`
			} `json:"data"`
		}
		if model != nil && model.state != "" && a.ok() && !wk.d.cfg.Bare && a.decode(&got) && !sameState(model.state, got.Campaign.Status) {
			wk.wrong(rq, a, fmt.Sprintf("campaign %d is %s; the traffic left it %s", id, got.Campaign.Status, model.state))
		}
	case 1:
		wk.do(ctx, wk.sl("campaign-stats", http.MethodGet, fmt.Sprintf("/linkedin/outreach/campaigns/%d/stats", id), t, nil))
	default:
		wk.do(ctx, wk.sl("campaign-contacts", http.MethodGet, fmt.Sprintf("/linkedin/outreach/campaigns/%d/contacts?per_page=20", id), t, nil))
	}
}

// sameState compares a campaign's reported status with the one the traffic
// set: an active campaign may have completed with the clock.
func sameState(set, got string) bool {
	return set == got || (set == "active" && got == "completed")
}

func (wk *worker) slRecruiter(ctx context.Context, t *slTenant) {
	wk.do(ctx, wk.sl("recruiter", http.MethodGet, "/linkedin/recruiter", t, nil))
}

func (wk *worker) slJobRead(ctx context.Context, t *slTenant) {
	wk.do(ctx, wk.sl("job-get", http.MethodGet, fmt.Sprintf("/linkedin/recruiter/jobs/%d", pick(wk.rng, t.jobs)), t, nil))
}

var searchTitles = []string{"Manager", "Engineer", "Developer", "Sales", "Marketing", "Analyst", "مدير"}

// slSearch searches people and, when there is a next page, follows its cursor.
func (wk *worker) slSearch(ctx context.Context, t *slTenant) {
	body := map[string]any{"title": pick(wk.rng, searchTitles), "limit": pick(wk.rng, []int{10, 25})}
	a := wk.do(ctx, wk.sl("search", http.MethodPost, "/linkedin/sourcing/search", t, body))
	var page struct {
		Data struct {
			NextCursor *string `json:"next_cursor"`
		} `json:"data"`
	}
	if !a.ok() || !a.decode(&page) || wk.d.cfg.Bare || page.Data.NextCursor == nil || wk.rng.IntN(2) == 0 {
		return
	}
	body["cursor"] = *page.Data.NextCursor
	wk.do(ctx, wk.sl("search-next", http.MethodPost, "/linkedin/sourcing/search", t, body))
}

// slCreateCampaign launches a campaign of one to three people, by provider
// ids or by profile URLs in `targets`.
func (wk *worker) slCreateCampaign(ctx context.Context, t *slTenant) {
	name := fmt.Sprintf("load g%d w%d n%d", wk.w.gen, wk.id, wk.seq)
	body := map[string]any{"name": name, "campaign_type": "invite"}
	n := 1 + wk.rng.IntN(3)
	people := map[int]bool{} // distinct indexes into providers and profiles
	for len(people) < min(n, len(t.providers), len(t.profiles)) {
		people[wk.rng.IntN(min(len(t.providers), len(t.profiles)))] = true
	}
	var ids []string
	var lines string
	for _, i := range slices.Sorted(maps.Keys(people)) {
		ids = append(ids, t.providers[i])
		lines += t.profiles[i] + "\n"
	}
	if wk.rng.IntN(4) == 0 {
		body["targets"] = lines
	} else {
		body["provider_ids"] = ids
	}
	if wk.rng.IntN(2) == 0 {
		body["campaign_type"] = "sequence"
		body["sequence_messages"] = []map[string]any{{"text": "Thanks for connecting, " + name, "wait_days": 1 + wk.rng.IntN(3)}}
	}
	if wk.rng.IntN(2) == 0 {
		body["invite_note"] = "Hello from the load driver"
	}
	path := "/linkedin/outreach/campaigns"
	if wk.rng.IntN(2) == 0 {
		path = "/linkedin/sourcing/launch-campaign"
	}
	rq := wk.sl("campaign-create", http.MethodPost, path, t, body, http.StatusCreated)
	a := wk.do(ctx, rq)
	if a == nil && !wk.d.cfg.Bare {
		t.unansweredCreates.Add(1)
	}
	var got struct {
		Campaign struct {
			ID            int    `json:"id"`
			Status        string `json:"status"`
			ContactsCount int    `json:"contacts_count"`
		} `json:"data"`
	}
	if !a.ok() || !a.decode(&got) || wk.d.cfg.Bare {
		return
	}
	if got.Campaign.ContactsCount != len(people) || got.Campaign.Status != "active" {
		wk.wrong(rq, a, fmt.Sprintf("created campaign has %d contacts and status %s; sent %d people", got.Campaign.ContactsCount, got.Campaign.Status, len(people)))
	}
	m := &campaignModel{id: got.Campaign.ID, name: name, people: got.Campaign.ContactsCount, state: "active"}
	wk.own(t).campaigns = append(wk.own(t).campaigns, m)
	t.mu.Lock()
	t.created = append(t.created, m)
	t.mu.Unlock()
}

func (wk *worker) own(t *slTenant) *owned {
	o := wk.mine[t]
	if o == nil {
		o = &owned{}
		wk.mine[t] = o
	}
	return o
}

// slTransition pauses, resumes or cancels one of the worker's campaigns;
// one time in eight it asks for a transition the state forbids (409).
func (wk *worker) slTransition(ctx context.Context, t *slTenant) {
	own := wk.mine[t]
	if own == nil || len(own.campaigns) == 0 || wk.d.cfg.Bare {
		wk.slCreateCampaign(ctx, t)
		return
	}
	m := pick(wk.rng, own.campaigns)
	if m.state == "" {
		return // a transition got no answer: the state is unknown
	}
	action, next := "", ""
	switch {
	case wk.rng.IntN(8) == 0 || m.state == "cancelled" || m.state == "completed":
		action = pick(wk.rng, []string{"pause", "resume", "cancel"})
	case m.state == "active" && wk.rng.IntN(4) > 0:
		action, next = "pause", "paused"
	case m.state == "paused" && wk.rng.IntN(4) > 0:
		action, next = "resume", "active"
	default:
		action, next = "cancel", "cancelled"
	}
	allowed := map[string][]string{"pause": {"active"}, "resume": {"paused"}, "cancel": {"active", "paused"}}
	valid := false
	for _, s := range allowed[action] {
		valid = valid || s == m.state
	}
	if next == "" && valid {
		next = map[string]string{"pause": "paused", "resume": "active", "cancel": "cancelled"}[action]
	}
	expect := []int{http.StatusConflict}
	if valid {
		expect = []int{http.StatusOK, http.StatusConflict} // 409 only if the clock completed it
	}
	rq := wk.sl("campaign-"+action, http.MethodPost, fmt.Sprintf("/linkedin/outreach/campaigns/%d/%s", m.id, action), t, nil, expect...)
	a := wk.do(ctx, rq)
	if a == nil {
		m.state = ""
		return
	}
	var got struct {
		Campaign struct {
			Status string `json:"status"`
		} `json:"data"`
		Current string `json:"current_status"`
	}
	a.decode(&got)
	switch {
	case a.status == http.StatusOK:
		m.state = next
		if got.Campaign.Status != next {
			wk.wrong(rq, a, fmt.Sprintf("after %s the campaign is %s, not %s", action, got.Campaign.Status, next))
		}
	case a.status == http.StatusConflict && valid:
		if got.Current != "completed" {
			wk.wrong(rq, a, fmt.Sprintf("%s refused from %s (the traffic left it %s)", action, got.Current, m.state))
		}
		m.state = "completed"
	case a.status == http.StatusConflict && got.Current != m.state && !(m.state == "active" && got.Current == "completed"):
		wk.wrong(rq, a, fmt.Sprintf("refused %s says %s; the traffic left it %s", action, got.Current, m.state))
	}
}

// slMessage sends a LinkedIn message and remembers it.
func (wk *worker) slMessage(ctx context.Context, t *slTenant) {
	contact := pick(wk.rng, t.contacts)
	text := fmt.Sprintf("load message g%d w%d n%d", wk.w.gen, wk.id, wk.seq)
	rq := wk.sl("message", http.MethodPost, "/messages/send", t, map[string]any{"contact_id": contact, "message": text}, http.StatusCreated)
	a := wk.do(ctx, rq)
	var got struct {
		Message struct {
			ID   int    `json:"id"`
			Text string `json:"content"`
		} `json:"data"`
	}
	if !a.ok() || !a.decode(&got) || wk.d.cfg.Bare {
		return
	}
	if got.Message.Text != text {
		wk.wrong(rq, a, "the message echoed another text")
	}
	t.mu.Lock()
	t.messages[contact] = append(t.messages[contact], sentMessage{id: got.Message.ID, text: text})
	t.mu.Unlock()
}

// slCreateJob creates a draft, or a published job (one job-post unit).
func (wk *worker) slCreateJob(ctx context.Context, t *slTenant) {
	publish := wk.rng.IntN(2) == 0
	title := fmt.Sprintf("Load job g%d w%d n%d", wk.w.gen, wk.id, wk.seq)
	body := map[string]any{"title": title, "description": "A job created by the load driver.", "location": "Riyadh, Saudi Arabia",
		"employment_type": "FULL_TIME", "workplace_type": pick(wk.rng, []string{"ON_SITE", "HYBRID", "REMOTE"}), "publish_now": publish}
	expect := []int{http.StatusCreated}
	if publish {
		expect = append(expect, http.StatusForbidden)
	}
	a := wk.do(ctx, wk.sl("job-create", http.MethodPost, "/linkedin/recruiter/jobs", t, body, expect...))
	if wk.d.cfg.Bare {
		return
	}
	if a == nil {
		if publish {
			t.unanswered[qJobs].Add(1)
		}
		return
	}
	if a.status == http.StatusForbidden {
		wk.refused(t, qJobs, a)
		return
	}
	var got struct {
		Job struct {
			ID     int    `json:"id"`
			Status string `json:"status"`
		} `json:"data"`
	}
	if !a.ok() || !a.decode(&got) {
		return
	}
	if publish {
		t.consumed[qJobs].Add(1)
	}
	m := &jobModel{id: got.Job.ID, title: title, state: got.Job.Status}
	wk.own(t).jobs = append(wk.own(t).jobs, m)
	t.mu.Lock()
	t.newJobs = append(t.newJobs, m)
	t.mu.Unlock()
}

// slJobAction publishes (one job-post unit) or closes one of the worker's
// jobs; a closed job's close is refused (409).
func (wk *worker) slJobAction(ctx context.Context, t *slTenant) {
	own := wk.mine[t]
	if own == nil || len(own.jobs) == 0 || wk.d.cfg.Bare {
		wk.slCreateJob(ctx, t)
		return
	}
	m := pick(wk.rng, own.jobs)
	if m.state == "" {
		return
	}
	action, expect := "close", []int{http.StatusOK}
	switch {
	case m.state == "draft" && wk.rng.IntN(4) > 0:
		action, expect = "publish", []int{http.StatusOK, http.StatusForbidden}
	case m.state == "closed":
		expect = []int{http.StatusConflict}
	}
	a := wk.do(ctx, wk.sl("job-"+action, http.MethodPost, fmt.Sprintf("/linkedin/recruiter/jobs/%d/%s", m.id, action), t, nil, expect...))
	switch {
	case a == nil && action == "publish":
		t.unanswered[qJobs].Add(1)
		m.state = "" // published or not: unknown
	case a == nil:
		m.state = ""
	case a.status == http.StatusForbidden:
		wk.refused(t, qJobs, a)
	case a.status == http.StatusOK && action == "publish":
		t.consumed[qJobs].Add(1)
		m.state = "published"
	case a.status == http.StatusOK:
		m.state = "closed"
	}
}

// slScreen AI-screens an applicant (one AI-screening unit).
func (wk *worker) slScreen(ctx context.Context, t *slTenant) {
	path := fmt.Sprintf("/linkedin/recruiter/applicants/%d/ai-screen", pick(wk.rng, t.applicants))
	a := wk.do(ctx, wk.sl("ai-screen", http.MethodPost, path, t, nil, http.StatusOK, http.StatusForbidden))
	wk.consumed(t, qScreens, a)
}

// slResume downloads an applicant's resume (one resume-download unit).
func (wk *worker) slResume(ctx context.Context, t *slTenant) {
	path := fmt.Sprintf("/linkedin/recruiter/applicants/%d/resume", pick(wk.rng, t.applicants))
	a := wk.do(ctx, wk.sl("resume", http.MethodGet, path, t, nil, http.StatusOK, http.StatusForbidden))
	wk.consumed(t, qResumes, a)
}

func (wk *worker) consumed(t *slTenant, q int, a *answer) {
	switch {
	case wk.d.cfg.Bare:
	case a == nil:
		t.unanswered[q].Add(1)
	case a.ok():
		t.consumed[q].Add(1)
	case a.status == http.StatusForbidden:
		wk.refused(t, q, a)
	}
}

// refused counts a quota 403. It must be the quota's own error; whether the
// quota really was spent is checked at the end (used == limit).
func (wk *worker) refused(t *slTenant, q int, a *answer) {
	t.refused[q].Add(1)
	var e struct {
		Error string `json:"error"`
	}
	a.decode(&e)
	want := [nQuotas]string{"insufficient_linkedin_jobs_limit", "insufficient_recruiter_ai_screens_limit", "insufficient_recruiter_resume_downloads_limit"}[q]
	if e.Error != want {
		t.mu.Lock()
		t.refusals = append(t.refusals, fmt.Sprintf("%s: a 403 %q instead of %s", t.key, e.Error, want))
		t.mu.Unlock()
	}
}
