package driver

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxIssuedKeys bounds the API keys one admin tenant creates per
// generation: each is one more entry in the server's tenant cache.
const maxIssuedKeys = 2

// knTenant is one Konnector API key.
type knTenant struct {
	key      string
	admin    bool     // the key may create API keys
	orgID    int      // the organisation the key opens
	users    []string // encrypted user ids
	routines []string // encrypted routine ids
	today    time.Time

	restUntil atomic.Int64 // unix nanos: the key's budget is spent until then
	minute    atomic.Int64 // the real-time minute `used` counts in
	used      atomic.Int64 // requests sent in that minute
	issuing   atomic.Int32 // API keys asked for

	mu     sync.Mutex // guards issued
	issued []issuedKey
}

// issuedKey is an API key the traffic created, and the organisation it
// must open.
type issuedKey struct {
	key   string
	orgID int
}

func (t *knTenant) issuedKeys() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, k := range t.issued {
		out = append(out, k.key)
	}
	return out
}

// filtersData is the part of GET /user-campaign-filters the traffic uses.
type filtersData struct {
	Data struct {
		Users []struct {
			ID string `json:"linkedin_user_information_id"`
		} `json:"linkedin_users"`
		Routines []struct {
			ID string `json:"linkedin_campaign_routine_id"`
		} `json:"campaign_routines"`
		Organisation struct {
			ID int `json:"id"`
		} `json:"organisation"`
		Timestamp string `json:"timestamp"`
	} `json:"data"`
}

// setupKonnector reads the organisation of a fresh key.
func (d *driver) setupKonnector(ctx context.Context, key string, admin bool) (*knTenant, error) {
	t := &knTenant{key: key, admin: admin, users: []string{"encrypted_id_string"}, routines: []string{"encrypted_id_string"},
		today: time.Date(2025, 5, 11, 0, 0, 0, 0, time.UTC)}
	if d.cfg.Bare {
		return t, nil
	}
	a, _, err := d.send(ctx, request{vendor: "konnector", method: http.MethodGet, path: "/user-campaign-filters", key: key})
	if err != nil {
		return nil, fmt.Errorf("%w: GET /user-campaign-filters: %v", errSetup, err)
	}
	var f filtersData
	if !a.ok() || !a.decode(&f) {
		return nil, fmt.Errorf("%w: GET /user-campaign-filters answered %d: %.300s", errSetup, a.status, a.body)
	}
	t.orgID = f.Data.Organisation.ID
	t.users, t.routines = nil, nil
	for _, u := range f.Data.Users {
		t.users = append(t.users, u.ID)
	}
	for _, r := range f.Data.Routines {
		t.routines = append(t.routines, r.ID)
	}
	if len(t.routines) == 0 {
		t.routines = []string{"encrypted_id_string"}
	}
	if ts, err := time.Parse(time.RFC3339, f.Data.Timestamp); err == nil {
		t.today = time.Date(ts.Year(), ts.Month(), ts.Day(), 0, 0, 0, 0, time.UTC)
	}
	t.pace(a)
	return t, nil
}

// pace follows the rate-limit headers as a polite client does: a key with
// no budget left in its window rests (Retry-After, or a few seconds before
// it is probed again).
func (t *knTenant) pace(a *answer) {
	if a == nil {
		return
	}
	if a.status == http.StatusTooManyRequests {
		wait := 5 * time.Second
		if s, err := strconv.Atoi(a.header.Get("Retry-After")); err == nil && s > 0 {
			wait = time.Duration(s) * time.Second
		}
		t.restUntil.Store(time.Now().Add(wait).UnixNano())
		return
	}
	reserve := 0
	if t.admin {
		reserve = maxIssuedKeys + 2 // kept to read the issued keys back
	}
	minute, errM := strconv.Atoi(a.header.Get("X-RateLimit-Remaining-Minute"))
	day, errD := strconv.Atoi(a.header.Get("X-RateLimit-Remaining-Day"))
	if (errM == nil && minute <= reserve) || (errD == nil && day <= reserve) {
		t.restUntil.Store(time.Now().Add(5 * time.Second).UnixNano())
	}
}

// documentedPerMinute is Konnector's documented budget of a key.
const documentedPerMinute = 100

// budgetLeft tells whether the key has sent fewer requests than its
// documented budget in this real-time minute. The driver keeps this count
// itself, so a bare handler (which sends no rate-limit headers) gets the
// same Konnector share of the traffic as the mock.
func (t *knTenant) budgetLeft(now time.Time) bool {
	m := now.Unix() / 60
	if t.minute.Swap(m) != m {
		t.used.Store(0)
	}
	reserve := int64(0)
	if t.admin {
		reserve = maxIssuedKeys + 2
	}
	return t.used.Load() < documentedPerMinute-reserve
}

// pickKonnector returns a key with budget left, or nil.
func (wk *worker) pickKonnector() *knTenant {
	now := time.Now()
	for range 4 {
		t := wk.w.konnector[wk.rng.IntN(len(wk.w.konnector))]
		if t.restUntil.Load() <= now.UnixNano() && t.budgetLeft(now) {
			return t
		}
	}
	return nil
}

func (wk *worker) kn(op, method, path string, t *knTenant, body any, expect ...int) request {
	return request{op: "kn-" + op, vendor: "konnector", method: method, path: path, body: body, key: t.key, expect: expect}
}

// doK sends a Konnector request and paces the key by the answer.
func (wk *worker) doK(ctx context.Context, t *knTenant, rq request) *answer {
	t.used.Add(1)
	a := wk.do(ctx, rq)
	t.pace(a)
	return a
}

var konnectorOps = []struct {
	weight int
	run    func(wk *worker, ctx context.Context, t *knTenant)
}{
	{3, (*worker).knFilters},
	{6, (*worker).knDashboard},
	{6, (*worker).knCampaignPages},
	{4, (*worker).knRoutine},
	{1, (*worker).knCreateKey},
}

var konnectorWeights = func() []int {
	w := make([]int, len(konnectorOps))
	for i, op := range konnectorOps {
		w[i] = op.weight
	}
	return w
}()

func (wk *worker) konnectorOp(ctx context.Context, t *knTenant) {
	konnectorOps[weighted(wk.rng, konnectorWeights)].run(wk, ctx, t)
}

func (wk *worker) knFilters(ctx context.Context, t *knTenant) {
	wk.doK(ctx, t, wk.kn("filters", http.MethodGet, "/user-campaign-filters", t, nil))
}

// dateRange draws a week, a fortnight or a month ending in the last ten days.
func (wk *worker) dateRange(t *knTenant) (string, string) {
	end := t.today.AddDate(0, 0, -wk.rng.IntN(10))
	start := end.AddDate(0, 0, 1-pick(wk.rng, []int{7, 7, 14, 30}))
	return start.Format(time.DateOnly), end.Format(time.DateOnly)
}

// someUsers draws a few user ids, or none (every user).
func (wk *worker) someUsers(t *knTenant) []string {
	if wk.rng.IntN(2) == 0 || len(t.users) == 0 {
		return nil
	}
	return []string{pick(wk.rng, t.users)}
}

func (wk *worker) knDashboard(ctx context.Context, t *knTenant) {
	start, end := wk.dateRange(t)
	users := wk.someUsers(t)
	if wk.rng.IntN(2) == 0 {
		q := url.Values{"start_date": {start}, "end_date": {end}}
		for _, u := range users {
			q.Add("linkedin_user_information_ids", u)
		}
		wk.doK(ctx, t, wk.kn("dashboard-get", http.MethodGet, "/dashboard-info?"+q.Encode(), t, nil))
		return
	}
	body := map[string]any{"start_date": start, "end_date": end}
	if users != nil {
		body["linkedin_user_information_ids"] = users
	}
	wk.doK(ctx, t, wk.kn("dashboard-post", http.MethodPost, "/dashboard-info", t, body))
}

// campaignPage is the part of a /campaign-info answer paging needs.
type campaignPage struct {
	Data struct {
		Items []struct {
			Routine struct {
				ID string `json:"id"`
			} `json:"linkedin_campaign_routine"`
		} `json:"campaign_info"`
		Total      int `json:"total_campaign_routines_count"`
		Pagination struct {
			Next *string `json:"next_page_url"`
		} `json:"pagination"`
	} `json:"data"`
}

// knCampaignPages pages through /campaign-info with next_page_url (GET) or
// offsets (POST), and checks that the pages hold every routine exactly once.
func (wk *worker) knCampaignPages(ctx context.Context, t *knTenant) {
	limit := pick(wk.rng, []int{5, 8, 10})
	sortBy := pick(wk.rng, []string{"created_at", "campaign_name", "member_count", "response_rate"})
	usePost := wk.rng.IntN(3) == 0
	start, end := wk.dateRange(t)
	seen := map[string]bool{}
	next := fmt.Sprintf("%s/campaign-info?limit=%d&offset=0&sort_by=%s&start_date=%s&end_date=%s", konnectorBase, limit, sortBy, start, end)
	total := -1
	for page := 0; page < 50; page++ {
		var rq request
		if usePost {
			rq = wk.kn("campaign-info-post", http.MethodPost, "/campaign-info", t,
				map[string]any{"limit": limit, "offset": page * limit, "sort_by": sortBy, "start_date": start, "end_date": end})
		} else {
			rq = wk.kn("campaign-info-get", http.MethodGet, next, t, nil)
			rq.rawPath = true
		}
		a := wk.doK(ctx, t, rq)
		var p campaignPage
		if !a.ok() || !a.decode(&p) || wk.d.cfg.Bare {
			return
		}
		total = p.Data.Total
		for _, it := range p.Data.Items {
			if seen[it.Routine.ID] {
				wk.wrong(rq, a, "routine "+it.Routine.ID+" is on two pages")
			}
			seen[it.Routine.ID] = true
		}
		more := p.Data.Pagination.Next != nil
		if usePost {
			more = (page+1)*limit < total
		}
		if !more {
			break
		}
		if p.Data.Pagination.Next != nil {
			next = *p.Data.Pagination.Next
			if !strings.HasPrefix(next, konnectorBase+"/") {
				wk.wrong(rq, a, "next_page_url "+next+" is not under the base path")
				return
			}
		}
	}
	if total >= 0 && len(seen) != total {
		wk.wrong(request{op: "kn-campaign-info-pages"}, &answer{status: 200}, fmt.Sprintf("paging found %d routines of %d", len(seen), total))
	}
}

func (wk *worker) knRoutine(ctx context.Context, t *knTenant) {
	start, end := wk.dateRange(t)
	q := url.Values{"linkedin_campaign_routine_id": {pick(wk.rng, t.routines)}, "start_date": {start}, "end_date": {end}}
	rq := wk.kn("routine", http.MethodGet, "/optimized_routine_data?"+q.Encode(), t, nil)
	// The vendor's other published header: the same tenant and budget.
	rq.key, rq.headers = "", []string{"X-API-KEY", t.key}
	a := wk.doK(ctx, t, rq)
	var got routineFigures
	if !a.ok() || !a.decode(&got) || wk.d.cfg.Bare {
		return
	}
	if msg := got.check(); msg != "" {
		wk.wrong(rq, a, msg)
	}
}

// routineFigures is the part of an /optimized_routine_data answer whose sums
// the traffic checks.
type routineFigures struct {
	Data struct {
		Metrics struct {
			Connections struct {
				Requests int `json:"friend_request_count"`
				Daily    []struct {
					Sent int `json:"requests_sent"`
				} `json:"daily_metrics"`
			} `json:"connection_metrics"`
		} `json:"performance_metrics"`
		Steps []struct {
			Metrics struct {
				Total      int `json:"total_attempts"`
				Successful int `json:"successful"`
				Failed     int `json:"failed"`
			} `json:"metrics"`
		} `json:"campaign_steps"`
	} `json:"data"`
}

// check returns what does not add up, or "".
func (f *routineFigures) check() string {
	sent := 0
	for _, d := range f.Data.Metrics.Connections.Daily {
		sent += d.Sent
	}
	if sent != f.Data.Metrics.Connections.Requests {
		return fmt.Sprintf("daily requests_sent add up to %d, friend_request_count is %d", sent, f.Data.Metrics.Connections.Requests)
	}
	for i, s := range f.Data.Steps {
		if m := s.Metrics; m.Successful+m.Failed != m.Total {
			return fmt.Sprintf("step %d: successful %d + failed %d != total_attempts %d", i, m.Successful, m.Failed, m.Total)
		}
	}
	return ""
}

// knCreateKey creates an API key (admin keys only, a couple per tenant) and
// checks at once that it opens the same organisation.
func (wk *worker) knCreateKey(ctx context.Context, t *knTenant) {
	if !t.admin || t.issuing.Add(1) > maxIssuedKeys {
		wk.knFilters(ctx, t)
		return
	}
	rq := wk.kn("create-key", http.MethodPost, "/create-api-key", t, map[string]any{"description": fmt.Sprintf("load g%d w%d", wk.w.gen, wk.id)})
	a := wk.doK(ctx, t, rq)
	var got struct {
		Data struct {
			APIKey string `json:"api_key"`
			OrgID  int    `json:"organisation_id"`
		} `json:"data"`
	}
	if !a.ok() || !a.decode(&got) || wk.d.cfg.Bare {
		return
	}
	if got.Data.OrgID != t.orgID {
		wk.wrong(rq, a, fmt.Sprintf("the key was made for organisation %d, not %d", got.Data.OrgID, t.orgID))
	}
	t.mu.Lock()
	t.issued = append(t.issued, issuedKey{key: got.Data.APIKey, orgID: t.orgID})
	t.mu.Unlock()

	// The new key works at once, on the same organisation.
	check := wk.kn("issued-key", http.MethodGet, "/user-campaign-filters", t, nil)
	check.key = got.Data.APIKey
	b := wk.doK(ctx, t, check)
	var f filtersData
	if b.ok() && b.decode(&f) && f.Data.Organisation.ID != t.orgID {
		wk.wrong(check, b, fmt.Sprintf("the new key opens organisation %d, not %d", f.Data.Organisation.ID, t.orgID))
	}
}
