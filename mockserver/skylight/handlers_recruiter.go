package skylight

import (
	"fmt"
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleRecruiterOverview answers GET /linkedin/recruiter.
func handleRecruiterOverview(w *world, c *call) (reply, *sim.Error) {
	out := recruiterOverview{Success: true, RecruiterContractDetected: true, Jobs: []jobView{}, Quotas: w.quotas.view()}
	for _, j := range w.jobsNewestFirst() {
		out.Jobs = append(out.Jobs, j.view(false))
	}
	return ok(out), nil
}

// handleCreateJob answers POST /linkedin/recruiter/jobs.
func handleCreateJob(w *world, c *call) (reply, *sim.Error) {
	var in jobCreate
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	j, err := w.createJob(in, c.now)
	if err != nil {
		return reply{}, err
	}
	return created(jobResponse{Success: true, Job: j.view(false), Quotas: w.quotas.view()}), nil
}

// job returns the path's job or a 404.
func (w *world) job(c *call) (*job, *sim.Error) {
	id := c.id()
	j := w.jobByID[id]
	if j == nil {
		return nil, errNotFound("Job", id)
	}
	return j, nil
}

// applicant returns the path's applicant or a 404.
func (w *world) applicant(c *call) (*applicant, *sim.Error) {
	id := c.id()
	a := w.applicantByID[id]
	if a == nil {
		return nil, errNotFound("Applicant", id)
	}
	return a, nil
}

// handleGetJob answers GET /linkedin/recruiter/jobs/{id}.
func handleGetJob(w *world, c *call) (reply, *sim.Error) {
	j, err := w.job(c)
	if err != nil {
		return reply{}, err
	}
	return ok(jobDetailResponse{Success: true, Job: j.view(true)}), nil
}

// handleJobAction answers publish and close.
func handleJobAction(action func(w *world, j *job, c *call) *sim.Error) opFunc {
	return func(w *world, c *call) (reply, *sim.Error) {
		j, err := w.job(c)
		if err != nil {
			return reply{}, err
		}
		if err := action(w, j, c); err != nil {
			return reply{}, err
		}
		return ok(jobResponse{Success: true, Job: j.view(false), Quotas: w.quotas.view()}), nil
	}
}

// handleSyncApplicants answers POST /linkedin/recruiter/jobs/{id}/sync-applicants.
func handleSyncApplicants(w *world, c *call) (reply, *sim.Error) {
	j, err := w.job(c)
	if err != nil {
		return reply{}, err
	}
	added := 0
	if j.status != "draft" {
		added = w.sync(j, c.now)
	}
	return ok(syncResponse{Success: true, Job: j.view(false), Added: added}), nil
}

// handleStage answers POST /linkedin/recruiter/applicants/{id}/stage.
func handleStage(w *world, c *call) (reply, *sim.Error) {
	a, err := w.applicant(c)
	if err != nil {
		return reply{}, err
	}
	var in struct {
		Stage string `json:"stage"`
	}
	if err := c.decode(&in); err != nil {
		return reply{}, err
	}
	if err := moveStage(a, in.Stage); err != nil {
		return reply{}, err
	}
	return ok(applicantResponse{Success: true, Applicant: a.view()}), nil
}

// handleAIScreen answers POST /linkedin/recruiter/applicants/{id}/ai-screen;
// a success takes one AI-screening unit.
func handleAIScreen(w *world, c *call) (reply, *sim.Error) {
	a, err := w.applicant(c)
	if err != nil {
		return reply{}, err
	}
	if err := check(&w.quotas.screens, kindScreens); err != nil {
		return reply{}, err
	}
	s := w.screen(a, c.now)
	a.screen = &s
	w.quotas.screens.used++
	return ok(screenResponse{Success: true, ApplicantID: a.ID, Screening: s.view(), Quotas: w.quotas.view()}), nil
}

// handleResume answers GET /linkedin/recruiter/applicants/{id}/resume with a
// PDF; a success takes one resume-download unit.
func handleResume(w *world, c *call) (reply, *sim.Error) {
	a, err := w.applicant(c)
	if err != nil {
		return reply{}, err
	}
	if err := check(&w.quotas.resumes, kindResumes); err != nil {
		return reply{}, err
	}
	w.quotas.resumes.used++
	return reply{status: http.StatusOK, file: &file{contentType: "application/pdf",
		name: fmt.Sprintf("resume-%d.pdf", a.ID), data: w.resume(a, c.now)}}, nil
}
