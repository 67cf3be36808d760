package mockserver_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestJobLifecycleCountsQuotaOnce(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	used, left := c.quota("max_linkedin_jobs")
	require.Equal(t, 2, used)
	require.Equal(t, 8, left)

	pub := c.ok(201, "POST", skyJobs, skyDocJob(true))
	require.Equal(t, "published", skyGet(pub, "status"))
	require.NotNil(t, skyGet(pub, "linkedin_job_url"))
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 3, used)

	draft := c.ok(201, "POST", skyJobs, skyDocJob(false))
	require.Equal(t, "draft", skyGet(draft, "status"))
	require.Nil(t, skyGet(draft, "published_at"))
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 3, used, "a draft takes no unit")
	id := skyItoa(skyNum(t, skyGet(draft, "id")))
	require.Empty(t, skyGet(c.ok(200, "GET", skyJobs+"/"+id, nil), "applicants"))
	require.EqualValues(t, 0, c.ok(200, "POST", skyJobs+"/"+id+"/sync-applicants", nil)["added"], "drafts get no applicants")

	p := c.ok(200, "POST", skyJobs+"/"+id+"/publish", nil)
	require.Equal(t, "published", skyGet(p, "status"))

	e := c.fails(409, "", "POST", skyJobs+"/"+id+"/publish", nil)
	require.Equal(t, "published", e["current_status"])
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 4, used, "a refused publish takes nothing")

	added := skyNum(t, c.ok(200, "POST", skyJobs+"/"+id+"/sync-applicants", nil)["added"])
	require.Positive(t, added, "a published job brings applicants at once")
	require.LessOrEqual(t, added, 5)
	c.advance(3 * 24 * time.Hour)
	more := skyNum(t, c.ok(200, "POST", skyJobs+"/"+id+"/sync-applicants", nil)["added"])
	require.Positive(t, more, "people apply over time")
	added += more
	detail := c.ok(200, "GET", skyJobs+"/"+id, nil)
	require.Len(t, skyList(t, skyGet(detail, "applicants")), added)
	require.EqualValues(t, added, skyGet(detail, "applicants_count"))

	cl := c.ok(200, "POST", skyJobs+"/"+id+"/close", nil)
	require.Equal(t, "closed", skyGet(cl, "status"))
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 4, used, "closing gives nothing back")
	c.fails(409, "", "POST", skyJobs+"/"+id+"/close", nil)
	c.fails(409, "", "POST", skyJobs+"/"+id+"/publish", nil)
	c.advance(3 * 24 * time.Hour)
	require.EqualValues(t, 0, c.ok(200, "POST", skyJobs+"/"+id+"/sync-applicants", nil)["added"], "a closed job takes no new applicants")

	for _, path := range []string{"", "/publish", "/close", "/sync-applicants"} {
		method := "POST"
		if path == "" {
			method = "GET"
		}
		c.fails(404, "", method, skyJobs+"/9999"+path, nil)
	}
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
