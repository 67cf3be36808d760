package skylight

import (
	"fmt"
	"sort"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// quota is one subscription limit.
type quota struct{ limit, used int }

func (q quota) remaining() int { return max(q.limit-q.used, 0) }

func (q quota) view() quotaView {
	return quotaView{Max: q.limit, Used: q.used, Remaining: q.remaining()}
}

// quotaKind names a quota in its 403.
type quotaKind struct{ code, label string }

var (
	kindJobs    = quotaKind{"insufficient_linkedin_jobs_limit", "LinkedIn Job Posts"}
	kindScreens = quotaKind{"insufficient_recruiter_ai_screens_limit", "Recruiter AI Screenings"}
	kindResumes = quotaKind{"insufficient_recruiter_resume_downloads_limit", "Recruiter Resume Downloads"}
)

// quotas are the three Recruiter limits of the subscription.
type quotas struct{ jobs, screens, resumes quota }

func (q *quotas) view() limitsView {
	return limitsView{Jobs: q.jobs.view(), Screens: q.screens.view(), Resumes: q.resumes.view()}
}

// check answers the quota's 403 when nothing remains; callers hold the world
// lock from check to use, so a unit is taken exactly once per success.
func check(q *quota, k quotaKind) *sim.Error {
	if q.remaining() == 0 {
		return errQuota(k)
	}
	return nil
}

// job is a LinkedIn Recruiter job.
type job struct {
	ID          int
	key         string
	Title       string
	TitleLatin  string // for the resume PDF; empty when unknown
	Description string
	Location    string
	Company     string
	Employment  string
	Workplace   string
	status      string // draft, published, closed
	createdAt   time.Time
	publishedAt time.Time
	closedAt    time.Time
	url         string
	applicants  []*applicant
	// arrivalAt and arrivalPerson are when applicant k applies and who
	// (an index in the pool), fixed at publication; arrived counts those
	// synchronised so far.
	arrivalAt     []time.Time
	arrivalPerson []int
	arrived       int
}

// applicant is a person who applied to a job.
type applicant struct {
	ID        int
	job       *job
	person    *person
	email     string
	stage     string
	appliedAt time.Time
	screen    *screening
}

// maxArrivals is how many people ever apply to one job.
const maxArrivals = 60

var seededJobStatuses = []string{"published", "closed", "draft", "published"}

var employmentTypes = []string{"FULL_TIME", "FULL_TIME", "FULL_TIME", "FULL_TIME", "PART_TIME", "CONTRACT"}

var workplaceTypes = []string{"ON_SITE", "HYBRID", "REMOTE"}

// genJobs makes n jobs (ids from 29 in creation order), with the applicants
// that applied until two hours before the epoch.
func (w *world) genJobs(n int) {
	var made []*job
	for i := range n {
		r := sim.Rand(w.seed, "skylight", "seed-job", fmt.Sprint(i))
		post := w.loc.JobPostings[i%len(w.loc.JobPostings)]
		city, _ := w.loc.City(w.account.city)
		if i%2 == 1 {
			city = pick(r, w.loc.Cities)
		}
		j := &job{key: fmt.Sprintf("seed-job-%d", i), Title: post.Title, TitleLatin: post.Latin, Description: post.Description,
			Location: w.loc.Location(city), Company: w.account.company, Employment: pick(r, employmentTypes),
			Workplace: pick(r, workplaceTypes), status: seededJobStatuses[i%len(seededJobStatuses)]}
		ages := map[string]int{"published": 3 + r.IntN(12), "closed": 50 + r.IntN(20), "draft": 1 + r.IntN(3)}
		j.createdAt = w.epoch.Add(-time.Duration(ages[j.status]) * day).Add(-time.Duration(r.IntN(600)) * time.Minute)
		if j.status == "closed" {
			j.closedAt = w.epoch.Add(-time.Duration(5+r.IntN(10)) * day)
		}
		made = append(made, j)
	}
	sort.SliceStable(made, func(a, b int) bool { return made[a].createdAt.Before(made[b].createdAt) })
	for i, j := range made {
		j.ID = 29 + i
		w.addJob(j)
		if j.status == "draft" {
			continue
		}
		w.schedule(j, j.createdAt.Add(30*time.Minute))
		w.sync(j, w.epoch.Add(-2*time.Hour))
		for k, a := range j.applicants {
			w.seedApplicant(a, k)
		}
	}
}

// seedApplicant moves a generated applicant along the pipeline and screens
// some of them.
func (w *world) seedApplicant(a *applicant, k int) {
	r := sim.Rand(w.seed, "skylight", "seed-applicant", a.job.key, fmt.Sprint(k))
	stages := []string{"new", "new", "new", "new", "screening", "screening", "interview", "interview", "offer", "rejected"}
	a.stage = stages[r.IntN(len(stages))]
	if a.job.status == "closed" && a.stage == "offer" {
		a.stage = "hired"
	}
	if at := a.appliedAt.Add(day); r.IntN(10) < 3 && at.Before(w.epoch) {
		s := w.screen(a, at)
		a.screen = &s
	}
}

func (w *world) addJob(j *job) {
	w.jobs = append(w.jobs, j)
	w.jobByID[j.ID] = j
	if j.ID >= w.nextJobID {
		w.nextJobID = j.ID + 1
	}
}

// schedule publishes j at `at`: its URL and who applies when.
func (w *world) schedule(j *job, at time.Time) {
	j.status, j.publishedAt = "published", at
	if !j.closedAt.IsZero() {
		j.status = "closed"
	}
	h := sim.Hash(w.seed, "skylight", "job-url", j.key)
	j.url = fmt.Sprintf("https://www.linkedin.com/jobs/view/%d/", 4000000000+h%1000000000)
	j.arrivalAt, j.arrivalPerson = nil, nil
	r := sim.Rand(w.seed, "skylight", "arrivals", j.key)
	pool := w.people.pool
	jobWords := map[string]bool{}
	for _, word := range significantWords(j.Title + " " + j.TitleLatin) {
		jobWords[word] = true
	}
	var fitting []int // people whose title is like the job's: half the applicants
	for i, p := range pool {
		for _, word := range p.titleWords {
			if jobWords[word] {
				fitting = append(fitting, i)
				break
			}
		}
	}
	perm := r.Perm(len(pool))
	used := map[int]bool{}
	next := 0
	t := at
	for k := 0; k < maxArrivals && k < len(pool); k++ {
		idx := -1
		if len(fitting) > 0 && r.IntN(2) == 0 {
			idx = fitting[r.IntN(len(fitting))]
		}
		for ; idx < 0 || used[idx]; next++ {
			idx = perm[next]
		}
		used[idx] = true
		t = t.Add(time.Hour + time.Duration(r.IntN(17*60))*time.Minute)
		j.arrivalAt = append(j.arrivalAt, t)
		j.arrivalPerson = append(j.arrivalPerson, idx)
	}
}

// sync adds the applicants that applied by upTo (and before the job closed);
// it returns how many were new.
func (w *world) sync(j *job, upTo time.Time) int {
	if !j.closedAt.IsZero() && j.closedAt.Before(upTo) {
		upTo = j.closedAt
	}
	added := 0
	for ; j.arrived < len(j.arrivalAt) && !j.arrivalAt[j.arrived].After(upTo); j.arrived++ {
		p := w.people.pool[j.arrivalPerson[j.arrived]]
		a := &applicant{ID: w.nextApplicantID, job: j, person: p, stage: "new", appliedAt: j.arrivalAt[j.arrived]}
		if sim.Hash(w.seed, "skylight", "email", j.key, p.ProviderID)%10 < 6 {
			a.email = dotted(slugify(p.NameLatin)) + "@example.com"
		}
		w.nextApplicantID++
		j.applicants = append(j.applicants, a)
		w.applicantByID[a.ID] = a
		added++
	}
	return added
}

// syncNow is POST sync-applicants: the applicants who applied by now, and
// when none did since the last sync, the next few of the job's pool at once
// (1 to 5, drawn from the seed), so whoever syncs a published job sees
// candidates until its pool is used up. A draft or closed job brings none.
func (w *world) syncNow(j *job, now time.Time) int {
	if j.status != "published" {
		if j.status == "closed" {
			return w.sync(j, now)
		}
		return 0
	}
	if added := w.sync(j, now); added > 0 {
		return added
	}
	r := sim.Rand(w.seed, "skylight", "sync-now", j.key, fmt.Sprint(j.arrived))
	n := min(1+r.IntN(5), len(j.arrivalAt)-j.arrived)
	for k := j.arrived; k < j.arrived+n; k++ {
		j.arrivalAt[k] = now
	}
	return w.sync(j, now)
}

func dotted(slug string) string {
	b := []byte(slug)
	for i := range b {
		if b[i] == '-' {
			b[i] = '.'
		}
	}
	return string(b)
}

// jobCreate is the body of POST /linkedin/recruiter/jobs.
type jobCreate struct {
	Title          string  `json:"title"`
	Description    string  `json:"description"`
	Location       string  `json:"location"`
	CompanyName    *string `json:"company_name"`
	EmploymentType string  `json:"employment_type"`
	WorkplaceType  string  `json:"workplace_type"`
	PublishNow     bool    `json:"publish_now"`
}

// createJob makes a draft, or a published job taking one job-post unit.
func (w *world) createJob(in jobCreate, now time.Time) (*job, *sim.Error) {
	if in.PublishNow {
		if err := check(&w.quotas.jobs, kindJobs); err != nil {
			return nil, err
		}
	}
	j := &job{ID: w.nextJobID, Title: in.Title, Description: in.Description, Location: in.Location,
		Company: w.account.company, Employment: in.EmploymentType, Workplace: in.WorkplaceType,
		status: "draft", createdAt: now}
	j.key = fmt.Sprintf("job-%d", j.ID)
	if in.CompanyName != nil {
		j.Company = *in.CompanyName
	}
	w.addJob(j)
	if in.PublishNow {
		w.quotas.jobs.used++
		w.schedule(j, now)
	}
	return j, nil
}

// publish puts a draft on LinkedIn, taking one job-post unit.
func (w *world) publish(j *job, now time.Time) *sim.Error {
	if j.status != "draft" {
		return errTransition("job", j.status, "published")
	}
	if err := check(&w.quotas.jobs, kindJobs); err != nil {
		return err
	}
	w.quotas.jobs.used++
	w.schedule(j, now)
	return nil
}

// closeJob closes a draft or published job for good.
func (w *world) closeJob(j *job, now time.Time) *sim.Error {
	if j.status == "closed" {
		return errTransition("job", j.status, "closed")
	}
	j.status, j.closedAt = "closed", now
	return nil
}

// The hiring pipeline: forward moves (skipping allowed), `rejected` from any
// stage before the final ones; hired and rejected are final.
var stageRank = map[string]int{"new": 0, "screening": 1, "interview": 2, "offer": 3, "hired": 4}

func moveStage(a *applicant, to string) *sim.Error {
	from := a.stage
	switch {
	case from == to:
		return nil
	case from == "hired" || from == "rejected":
		return &sim.Error{Status: 409,
			Message: fmt.Sprintf("The applicant is %s; %s is a final stage.", from, from),
			Extra:   map[string]any{"current_status": from}}
	case to != "rejected" && stageRank[to] < stageRank[from]:
		return &sim.Error{Status: 409,
			Message: fmt.Sprintf("The applicant is at stage %s and cannot move back to %s.", from, to),
			Extra:   map[string]any{"current_status": from}}
	}
	a.stage = to
	return nil
}

func (j *job) view(withApplicants bool) jobView {
	v := jobView{ID: j.ID, Title: j.Title, Description: j.Description, Location: j.Location, CompanyName: j.Company,
		EmploymentType: j.Employment, WorkplaceType: j.Workplace, Status: j.status, CreatedAt: iso(j.createdAt),
		PublishedAt: isoPtr(j.publishedAt), ClosedAt: isoPtr(j.closedAt), ApplicantsCount: len(j.applicants),
		LinkedInJobURL: strPtr(j.url)}
	if withApplicants {
		list := make([]applicantView, 0, len(j.applicants))
		for _, a := range j.applicants {
			list = append(list, a.view())
		}
		v.Applicants = &list
	}
	return v
}

func (a *applicant) view() applicantView {
	v := applicantView{ID: a.ID, JobID: a.job.ID, Name: a.person.Name, Headline: a.person.Headline,
		Location: a.person.Location, ProfileURL: a.person.ProfileURL(), Email: strPtr(a.email),
		Stage: a.stage, AppliedAt: iso(a.appliedAt)}
	if a.screen != nil {
		s := a.screen.view()
		v.AIScreen = &s
	}
	return v
}

// jobsNewestFirst lists the jobs by creation, newest first.
func (w *world) jobsNewestFirst() []*job {
	out := append([]*job(nil), w.jobs...)
	sort.SliceStable(out, func(a, b int) bool {
		if !out[a].createdAt.Equal(out[b].createdAt) {
			return out[a].createdAt.After(out[b].createdAt)
		}
		return out[a].ID > out[b].ID
	})
	return out
}
