package tests

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// The three Recruiter quotas, as /account/subscription and /linkedin/recruiter name them.
const (
	quotaJobs    = "max_linkedin_jobs"
	quotaScreens = "max_recruiter_ai_screens"
	quotaResumes = "max_recruiter_resume_downloads"
)

// quotas reads the quotas from /account/subscription and /linkedin/recruiter, which
// must agree, and returns them.
func quotas(t *testing.T, c *client) jv {
	t.Helper()
	sub := c.expect(http.StatusOK, http.MethodGet, "/account/subscription", nil).body.at("limits")
	rec := c.expect(http.StatusOK, http.MethodGet, "/linkedin/recruiter", nil).body.at("quotas")
	sameAs(t, "the quotas of /account/subscription and /linkedin/recruiter", rec,
		map[string]any{quotaJobs: sub.at(quotaJobs).v, quotaScreens: sub.at(quotaScreens).v, quotaResumes: sub.at(quotaResumes).v})
	return rec
}

// checkQuotaUse checks that between two readings exactly `used` units of
// quota `which` were taken and no other quota moved; answered are the
// quotas the write itself answered (zero jv: none), which must be the
// reads'.
func checkQuotaUse(t *testing.T, c *client, before jv, which string, used int, answered jv) jv {
	t.Helper()
	after := quotas(t, c)
	if answered.v != nil {
		sameAs(t, "the quotas in the write's answer and in the reads", answered, after)
	}
	for _, q := range []string{quotaJobs, quotaScreens, quotaResumes} {
		want := 0
		if q == which {
			want = used
		}
		equalInt(t, q+".used moved by", after.at(q+".used").int()-before.at(q+".used").int(), want)
		equalInt(t, q+".remaining moved by", before.at(q+".remaining").int()-after.at(q+".remaining").int(), want)
		equalInt(t, q+".max", after.at(q+".max").int(), before.at(q+".max").int())
	}
	return after
}

// checkJobReads checks that GET /linkedin/recruiter/jobs/{id} and the
// recruiter overview's list report the job as want (a write's answer).
func checkJobReads(t *testing.T, c *client, want jv) {
	t.Helper()
	id := want.at("id").int()
	got := c.expect(http.StatusOK, http.MethodGet, fmt.Sprintf("/linkedin/recruiter/jobs/%d", id), nil).body
	sameAs(t, fmt.Sprintf("job %d read by id and as written", id), got.without("applicants"), want.v)
	equalInt(t, fmt.Sprintf("job %d: applicants listed vs applicants_count", id), len(got.at("applicants").list()), want.at("applicants_count").int())
	listed, ok := byID(c.expect(http.StatusOK, http.MethodGet, "/linkedin/recruiter?per_page=100", nil).body.at("jobs").list(), "id", id)
	if !ok {
		t.Fatalf("job %d is not in /linkedin/recruiter's jobs", id)
	}
	sameAs(t, fmt.Sprintf("job %d in /linkedin/recruiter", id), listed, want)
}

// agreeJobs: creating, publishing and closing jobs show in every read, and
// quotas drop by exactly one per publication, in the write's answer, in
// /account/subscription and in /linkedin/recruiter alike, until none is left.
func agreeJobs(t *testing.T, c *client) {
	q := quotas(t, c)
	draft := c.expect(http.StatusCreated, http.MethodPost, "/linkedin/recruiter/jobs", docJob(false)).body
	if draft.at("status").str() != "draft" {
		t.Errorf("publish_now false makes a draft: %s", compact(draft.v))
	}
	q = checkQuotaUse(t, c, q, quotaJobs, 0, jv{}) // a job answer carries no quotas: the reads do
	checkJobReads(t, c, draft)

	id := draft.at("id").int()
	pub := c.expect(http.StatusOK, http.MethodPost, fmt.Sprintf("/linkedin/recruiter/jobs/%d/publish", id), nil).body
	if pub.at("status").str() != "published" || pub.at("published_at").v == nil || pub.at("linkedin_job_url").v == nil {
		t.Errorf("a published job has its date and URL: %s", compact(pub.v))
	}
	q = checkQuotaUse(t, c, q, quotaJobs, 1, jv{}) // a job answer carries no quotas: the reads do
	checkJobReads(t, c, pub)

	closed := c.expect(http.StatusOK, http.MethodPost, fmt.Sprintf("/linkedin/recruiter/jobs/%d/close", id), nil).body
	if closed.at("status").str() != "closed" || closed.at("closed_at").v == nil {
		t.Errorf("a closed job: %s", compact(closed.v))
	}
	q = checkQuotaUse(t, c, q, quotaJobs, 0, jv{}) // a job answer carries no quotas: the reads do
	checkJobReads(t, c, closed)
	c.fails(http.StatusConflict, "", http.MethodPost, fmt.Sprintf("/linkedin/recruiter/jobs/%d/publish", id), nil)
	q = checkQuotaUse(t, c, q, quotaJobs, 0, jv{})

	// Publish the doc's job until no job post is left: each takes one unit.
	for left := q.at(quotaJobs + ".remaining").int(); left > 0; left-- {
		job := c.expect(http.StatusCreated, http.MethodPost, "/linkedin/recruiter/jobs", docJob(true)).body
		q = checkQuotaUse(t, c, q, quotaJobs, 1, jv{}) // a job answer carries no quotas: the reads do
		checkJobReads(t, c, job)
	}
	jobs := len(c.expect(http.StatusOK, http.MethodGet, "/linkedin/recruiter?per_page=100", nil).body.at("jobs").list())
	c.fails(http.StatusForbidden, "insufficient_linkedin_jobs_limit", http.MethodPost, "/linkedin/recruiter/jobs", docJob(true))
	q = checkQuotaUse(t, c, q, quotaJobs, 0, jv{})
	draft = c.expect(http.StatusCreated, http.MethodPost, "/linkedin/recruiter/jobs", docJob(false)).body
	c.fails(http.StatusForbidden, "insufficient_linkedin_jobs_limit", http.MethodPost,
		fmt.Sprintf("/linkedin/recruiter/jobs/%d/publish", draft.at("id").int()), nil)
	checkQuotaUse(t, c, q, quotaJobs, 0, jv{})
	checkJobReads(t, c, draft)
	equalInt(t, "jobs after a refused job and a draft", len(c.expect(http.StatusOK, http.MethodGet, "/linkedin/recruiter?per_page=100", nil).body.at("jobs").list()), jobs+1)
}

// agreeApplicants: a stage change, an AI screening and a resume download on
// an applicant show in the job's applicants, and the screening and the
// download take one unit of their quotas, as every read says.
func agreeApplicants(t *testing.T, c *client) {
	var job, applicant jv
	for _, j := range c.expect(http.StatusOK, http.MethodGet, "/linkedin/recruiter?per_page=100", nil).body.at("jobs").list() {
		if j.at("status").str() != "published" || j.at("applicants_count").int() == 0 {
			continue
		}
		detail := c.expect(http.StatusOK, http.MethodGet, fmt.Sprintf("/linkedin/recruiter/jobs/%d", j.at("id").int()), nil).body
		checkJobReads(t, c, jv{tb: t, v: detail.without("applicants"), path: detail.path})
		for _, a := range detail.at("applicants").list() {
			if s := a.at("stage").str(); s == "new" || s == "screening" {
				job, applicant = j, a
			}
		}
	}
	if job.v == nil {
		t.Fatal("no published job has an applicant at stage new or screening")
	}
	jobPath := fmt.Sprintf("/linkedin/recruiter/jobs/%d", job.at("id").int())
	id := applicant.at("id").int()
	inJob := func() jv {
		a, ok := byID(c.expect(http.StatusOK, http.MethodGet, jobPath, nil).body.at("applicants").list(), "id", id)
		if !ok {
			t.Fatalf("applicant %d left job %d", id, job.at("id").int())
		}
		return a
	}

	staged := c.expect(http.StatusOK, http.MethodPost, fmt.Sprintf("/linkedin/recruiter/applicants/%d/stage", id),
		map[string]any{"stage": "interview"}).body
	if staged.at("stage").str() != "interview" {
		t.Errorf("the stage answer: %s", compact(staged.v))
	}
	sameAs(t, fmt.Sprintf("applicant %d in the stage answer and in its job", id), inJob(), staged)

	q := quotas(t, c)
	screen := c.expect(http.StatusOK, http.MethodPost, fmt.Sprintf("/linkedin/recruiter/applicants/%d/ai-screen", id), nil).body
	equalInt(t, "ai-screen applicant_id", screen.at("applicant_id").int(), id)
	q = checkQuotaUse(t, c, q, quotaScreens, 1, screen.at("quotas"))
	sameAs(t, fmt.Sprintf("applicant %d's ai_screen in its job and the screening", id), inJob().at("ai_screen"), screen.at("screening"))

	pdf := c.expect(http.StatusOK, http.MethodGet, fmt.Sprintf("/linkedin/recruiter/applicants/%d/resume", id), nil)
	if !bytes.HasPrefix(pdf.raw, []byte("%PDF-")) || !strings.Contains(pdf.header.Get("Content-Disposition"), fmt.Sprintf("resume-%d.pdf", id)) {
		t.Errorf("the resume is applicant %d's PDF: %q, %q", id, pdf.header.Get("Content-Disposition"), clip(pdf.raw[:min(len(pdf.raw), 16)]))
	}
	checkQuotaUse(t, c, q, quotaResumes, 1, jv{})
	sameAs(t, fmt.Sprintf("applicant %d after the download", id), inJob().without("ai_screen"), staged.without("ai_screen"))
}
