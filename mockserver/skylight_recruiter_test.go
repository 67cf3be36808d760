package mockserver_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
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

func TestApplicantStagePipeline(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		moves   []string
		refused bool // the last move must answer 409
	}{
		{"forward step by step", []string{"screening", "interview", "offer", "hired"}, false},
		{"skipping forward", []string{"offer"}, false},
		{"same stage again", []string{"interview", "interview"}, false},
		{"reject early", []string{"screening", "rejected"}, false},
		{"backward", []string{"interview", "screening"}, true},
		{"out of hired", []string{"hired", "rejected"}, true},
		{"out of rejected", []string{"rejected", "new"}, true},
	}
	srv := newSkyClient(t, "").srv
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := skyOn(t, srv, "")
			job := skyItoa(skyNum(t, skyGet(c.ok(201, "POST", skyJobs, skyDocJob(true)), "id")))
			c.advance(2 * 24 * time.Hour)
			c.ok(200, "POST", skyJobs+"/"+job+"/sync-applicants", nil)
			a := skyItoa(skyNum(t, skyGet(c.ok(200, "GET", skyJobs+"/"+job, nil), "applicants", 0, "id")))
			path := "/linkedin/recruiter/applicants/" + a + "/stage"
			last := len(tc.moves) - 1
			for i, stage := range tc.moves {
				if tc.refused && i == last {
					e := c.fails(409, "", "POST", path, map[string]any{"stage": stage})
					require.Equal(t, tc.moves[i-1], e["current_status"])
					require.Equal(t, tc.moves[i-1], skyGet(c.ok(200, "GET", skyJobs+"/"+job, nil), "applicants", 0, "stage"))
					return
				}
				res := c.ok(200, "POST", path, map[string]any{"stage": stage})
				require.Equal(t, stage, skyGet(res, "stage"))
			}
			require.Equal(t, tc.moves[len(tc.moves)-1], skyGet(c.ok(200, "GET", skyJobs+"/"+job, nil), "applicants", 0, "stage"))
		})
	}
	c := skyOn(t, srv, "")
	a := skyFirstApplicant(t, c)
	c.fails(422, "", "POST", "/linkedin/recruiter/applicants/"+a+"/stage", map[string]any{"stage": "promoted"})
	c.fails(404, "", "POST", "/linkedin/recruiter/applicants/999999/stage", map[string]any{"stage": "offer"})
}
