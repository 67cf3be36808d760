package mockserver_test

import (
	"testing"
)

// TestSkyLightCreateJobRefusesUnknownEmploymentType: an employment type
// outside the spec's enum is refused by request validation with the
// published generic 422 (the job lifecycle is tested on the operations in
// the skylight package).
func TestSkyLightCreateJobRefusesUnknownEmploymentType(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	c.fails(422, "", "POST", skyJobs, map[string]any{"title": "x", "employment_type": "FOREVER"})
}

// TestSkyLightStageRefusesUnknownStage: a stage outside the spec's enum is
// refused by request validation with the published generic 422 (the stage
// moves are tested on the operations in the skylight package).
func TestSkyLightStageRefusesUnknownStage(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	a := skyFirstApplicant(t, c)
	c.fails(422, "", "POST", "/linkedin/recruiter/applicants/"+a+"/stage", map[string]any{"stage": "promoted"})
}
