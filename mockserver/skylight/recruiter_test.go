package skylight_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const jobs = "/linkedin/recruiter/jobs"

func TestRecruiterOverviewAgreesWithSubscription(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	ov := c.ok(200, "GET", "/linkedin/recruiter?per_page=100", nil)
	require.Equal(t, true, ov["recruiter_contract_detected"])
	limits := get(c.ok(200, "GET", "/account/subscription", nil), "limits").(map[string]any)
	for name, q := range ov["quotas"].(map[string]any) {
		require.Equal(t, limits[name], q, "the subscription carries the Recruiter limit %s", name)
	}
	statuses := map[any]bool{}
	for _, j := range list(t, ov["jobs"]) {
		statuses[get(j, "status")] = true
		require.Nil(t, get(j, "applicants"), "the list has no applicants")
		detail := c.ok(200, "GET", jobs+"/"+itoa(num(t, get(j, "id"))), nil)
		require.Len(t, list(t, get(detail, "applicants")), num(t, get(j, "applicants_count")))
	}
	require.Equal(t, map[any]bool{"draft": true, "published": true, "closed": true}, statuses)
}

func TestQuotaExhaustedAnswersTheDocsError(t *testing.T) {
	t.Parallel()
	c := newClient(t, "quota-exhausted")
	applicant := firstApplicant(t, c)
	draft := itoa(num(t, get(c.ok(201, "POST", jobs, docJob(false)), "id")))
	cases := []struct {
		method, path string
		body         any
		code, msg    string
	}{
		{"POST", jobs, docJob(true), "insufficient_linkedin_jobs_limit", "You have reached your subscription limit for LinkedIn Job Posts. Please upgrade your plan."},
		{"POST", jobs + "/" + draft + "/publish", nil, "insufficient_linkedin_jobs_limit", "You have reached your subscription limit for LinkedIn Job Posts. Please upgrade your plan."},
		{"POST", "/linkedin/recruiter/applicants/" + applicant + "/ai-screen", nil, "insufficient_recruiter_ai_screens_limit", "You have reached your subscription limit for Recruiter AI Screenings. Please upgrade your plan."},
		{"GET", "/linkedin/recruiter/applicants/" + applicant + "/resume", nil, "insufficient_recruiter_resume_downloads_limit", "You have reached your subscription limit for Recruiter Resume Downloads. Please upgrade your plan."},
	}
	before := c.ok(200, "GET", "/account/subscription", nil)
	jobsBefore := len(list(t, c.ok(200, "GET", "/linkedin/recruiter?per_page=100", nil)["jobs"]))
	for _, tc := range cases {
		e := c.fails(403, tc.code, tc.method, tc.path, tc.body)
		require.Equal(t, tc.msg, e["message"])
	}
	require.Equal(t, before, c.ok(200, "GET", "/account/subscription", nil), "nothing consumed")
	require.Len(t, list(t, c.ok(200, "GET", "/linkedin/recruiter?per_page=100", nil)["jobs"]), jobsBefore, "nothing created")
	require.Equal(t, "draft", get(c.ok(200, "GET", jobs+"/"+draft, nil), "status"))
}

// firstApplicant returns the id of the first applicant of a published job.
func firstApplicant(t *testing.T, c *client) string {
	t.Helper()
	for _, j := range list(t, c.ok(200, "GET", "/linkedin/recruiter?per_page=100", nil)["jobs"]) {
		apps := list(t, get(c.ok(200, "GET", jobs+"/"+itoa(num(t, get(j, "id"))), nil), "applicants"))
		if get(j, "status") == "published" && len(apps) > 0 {
			return itoa(num(t, get(apps[0], "id")))
		}
	}
	t.Fatal("no applicant")
	return ""
}

func TestAIScreenIsDeterministicAndCounted(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	a := firstApplicant(t, c)
	used, _ := c.quota("max_recruiter_ai_screens")
	first := c.ok(200, "POST", "/linkedin/recruiter/applicants/"+a+"/ai-screen", nil)
	second := c.ok(200, "POST", "/linkedin/recruiter/applicants/"+a+"/ai-screen", nil)
	require.Equal(t, get(first, "screening", "score"), get(second, "screening", "score"))
	require.Equal(t, get(first, "screening", "reasons"), get(second, "screening", "reasons"))
	require.NotEmpty(t, get(first, "screening", "reasons"))
	require.EqualValues(t, used+2, get(second, "quotas", "max_recruiter_ai_screens", "used"))
	now, _ := c.quota("max_recruiter_ai_screens")
	require.Equal(t, used+2, now)

	other := on(t, startLocale(t, ""), "")
	require.Equal(t, get(first, "screening"), get(other.ok(200, "POST", "/linkedin/recruiter/applicants/"+a+"/ai-screen", nil), "screening"),
		"same seed, same applicant, same screening")
	c.fails(404, "", "POST", "/linkedin/recruiter/applicants/999999/ai-screen", nil)
	again, _ := c.quota("max_recruiter_ai_screens")
	require.Equal(t, now, again, "a 404 takes nothing")
}

// TestSyncUsesUpTheJobsPool: every sync of a published job brings new
// applicants until its pool (60 people) is used up, the same for the same
// seed.
func TestSyncUsesUpTheJobsPool(t *testing.T) {
	t.Parallel()
	srv := newClient(t, "").srv
	run := func(key string) []int {
		c := on(t, srv, "")
		c.key = key
		id := itoa(num(t, c.ok(201, "POST", jobs, docJob(true))["id"]))
		var got []int
		for {
			n := num(t, c.ok(200, "POST", jobs+"/"+id+"/sync-applicants", nil)["added"])
			if n == 0 {
				break
			}
			got = append(got, n)
			require.Less(t, len(got), 61, "the pool ends")
		}
		total := 0
		for _, n := range got {
			total += n
		}
		require.Equal(t, 60, total)
		require.EqualValues(t, 60, c.ok(200, "GET", jobs+"/"+id, nil)["applicants_count"])
		return got
	}
	require.Equal(t, run("pool-a"), run("pool-b"), "deterministic from the seed")
}

func TestJobLifecycleCountsQuotaOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	used, left := c.quota("max_linkedin_jobs")
	require.Equal(t, 2, used)
	require.Equal(t, 8, left)

	pub := c.ok(201, "POST", jobs, docJob(true))
	require.Equal(t, "published", get(pub, "status"))
	require.NotNil(t, get(pub, "linkedin_job_url"))
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 3, used)

	draft := c.ok(201, "POST", jobs, docJob(false))
	require.Equal(t, "draft", get(draft, "status"))
	require.Nil(t, get(draft, "published_at"))
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 3, used, "a draft takes no unit")
	id := itoa(num(t, get(draft, "id")))
	require.Empty(t, get(c.ok(200, "GET", jobs+"/"+id, nil), "applicants"))
	require.EqualValues(t, 0, c.ok(200, "POST", jobs+"/"+id+"/sync-applicants", nil)["added"], "drafts get no applicants")

	p := c.ok(200, "POST", jobs+"/"+id+"/publish", nil)
	require.Equal(t, "published", get(p, "status"))

	e := c.fails(409, "", "POST", jobs+"/"+id+"/publish", nil)
	require.Equal(t, "published", e["current_status"])
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 4, used, "a refused publish takes nothing")

	added := num(t, c.ok(200, "POST", jobs+"/"+id+"/sync-applicants", nil)["added"])
	require.Positive(t, added, "a published job brings applicants at once")
	require.LessOrEqual(t, added, 5)
	c.advance(3 * 24 * time.Hour)
	more := num(t, c.ok(200, "POST", jobs+"/"+id+"/sync-applicants", nil)["added"])
	require.Positive(t, more, "people apply over time")
	added += more
	detail := c.ok(200, "GET", jobs+"/"+id, nil)
	require.Len(t, list(t, get(detail, "applicants")), added)
	require.EqualValues(t, added, get(detail, "applicants_count"))

	cl := c.ok(200, "POST", jobs+"/"+id+"/close", nil)
	require.Equal(t, "closed", get(cl, "status"))
	used, _ = c.quota("max_linkedin_jobs")
	require.Equal(t, 4, used, "closing gives nothing back")
	c.fails(409, "", "POST", jobs+"/"+id+"/close", nil)
	c.fails(409, "", "POST", jobs+"/"+id+"/publish", nil)
	c.advance(3 * 24 * time.Hour)
	require.EqualValues(t, 0, c.ok(200, "POST", jobs+"/"+id+"/sync-applicants", nil)["added"], "a closed job takes no new applicants")

	for _, path := range []string{"", "/publish", "/close", "/sync-applicants"} {
		method := "POST"
		if path == "" {
			method = "GET"
		}
		c.fails(404, "", method, jobs+"/9999"+path, nil)
	}
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
	srv := newClient(t, "").srv
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := on(t, srv, "")
			job := itoa(num(t, get(c.ok(201, "POST", jobs, docJob(true)), "id")))
			c.advance(2 * 24 * time.Hour)
			c.ok(200, "POST", jobs+"/"+job+"/sync-applicants", nil)
			a := itoa(num(t, get(c.ok(200, "GET", jobs+"/"+job, nil), "applicants", 0, "id")))
			path := "/linkedin/recruiter/applicants/" + a + "/stage"
			last := len(tc.moves) - 1
			for i, stage := range tc.moves {
				if tc.refused && i == last {
					e := c.fails(409, "", "POST", path, map[string]any{"stage": stage})
					require.Equal(t, tc.moves[i-1], e["current_status"])
					require.Equal(t, tc.moves[i-1], get(c.ok(200, "GET", jobs+"/"+job, nil), "applicants", 0, "stage"))
					return
				}
				res := c.ok(200, "POST", path, map[string]any{"stage": stage})
				require.Equal(t, stage, get(res, "stage"))
			}
			require.Equal(t, tc.moves[len(tc.moves)-1], get(c.ok(200, "GET", jobs+"/"+job, nil), "applicants", 0, "stage"))
		})
	}
	c := on(t, srv, "")
	c.fails(404, "", "POST", "/linkedin/recruiter/applicants/999999/stage", map[string]any{"stage": "offer"})
}
