package skylight

import (
	"fmt"
	"net/http"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// handleRecruiterOverview answers GET /linkedin/recruiter.
func handleRecruiterOverview(w *world, c *call) (reply, *sim.Error) {
	jobs, meta := pageOf(w.jobsNewestFirst(), c.query)
	out := recruiterOverview{RecruiterContractDetected: true, Jobs: make([]jobView, 0, len(jobs)), Quotas: w.quotas.view()}
	for _, j := range jobs {
		out.Jobs = append(out.Jobs, j.view(false))
	}
	return reply{status: 200, body: out, meta: &meta, msg: "Recruiter jobs retrieved successfully."}, nil
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
	msg := "Job created successfully."
	if in.PublishNow {
		msg = "Job created and published successfully."
	}
	return created(j.view(false), msg), nil
}

// job returns the path's job or a 404.
func (w *world) job(c *call) (*job, *sim.Error) {
	id := c.id()
	j := w.jobByID[id]
	if j == nil {
		return nil, errNotFound("Job")
	}
	return j, nil
}

// applicant returns the path's applicant or a 404.
func (w *world) applicant(c *call) (*applicant, *sim.Error) {
	id := c.id()
	a := w.applicantByID[id]
	if a == nil {
		return nil, errNotFound("Applicant")
	}
	return a, nil
}

// handleGetJob answers GET /linkedin/recruiter/jobs/{id}.
func handleGetJob(w *world, c *call) (reply, *sim.Error) {
	j, err := w.job(c)
	if err != nil {
		return reply{}, err
	}
	return ok(j.view(true), "Job retrieved successfully."), nil
}

// handleJobAction answers publish and close.
func handleJobAction(done string, action func(w *world, j *job, c *call) *sim.Error) opFunc {
	return func(w *world, c *call) (reply, *sim.Error) {
		j, err := w.job(c)
		if err != nil {
			return reply{}, err
		}
		if err := action(w, j, c); err != nil {
			return reply{}, err
		}
		return ok(j.view(false), "Job "+done+" successfully."), nil
	}
}

// handleSyncApplicants answers POST /linkedin/recruiter/jobs/{id}/sync-applicants.
func handleSyncApplicants(w *world, c *call) (reply, *sim.Error) {
	j, err := w.job(c)
	if err != nil {
		return reply{}, err
	}
	added := w.syncNow(j, c.now)
	return ok(syncResponse{Job: j.view(false), Added: added}, syncedMessage(added)), nil
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
	return ok(a.view(), "Applicant stage updated successfully."), nil
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
	return ok(screenResponse{ApplicantID: a.ID, Screening: s.view(), Quotas: w.quotas.view()}, "Applicant screened successfully."), nil
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

// syncedMessage words a sync's outcome.
func syncedMessage(n int) string {
	if n == 1 {
		return "1 new applicant synchronised."
	}
	return fmt.Sprintf("%d new applicants synchronised.", n)
}
