package mockserver_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

var publishJob = map[string]any{
	"title": "مطور Laravel أول (Full Stack)", "description": "نبحث عن مطور Laravel", "location": "الرياض، السعودية",
	"employment_type": "FULL_TIME", "workplace_type": "HYBRID", "publish_now": true,
}

// TestBuiltinScenarios shows, for every built-in scenario, the behaviour it
// promises to a client of each API.
func TestBuiltinScenarios(t *testing.T) {
	srv := mocktest.Start(t, mockserver.Options{})
	sky := func(scenario, method, path string, body any) *mocktest.Response {
		return srv.SkyLight("scn-"+scenario, method, path, body, "X-Mock-Scenario", scenario)
	}
	kon := func(scenario, path string) *mocktest.Response {
		return srv.Konnector("scn-"+scenario, http.MethodGet, path, nil, "X-Mock-Scenario", scenario)
	}
	code := func(r *mocktest.Response) string { return fmt.Sprint(r.Map()["error"]) }
	konnectorWorks := func(t *testing.T, scenario string) {
		r := kon(scenario, "/user-campaign-filters")
		require.Equal(t, 200, r.Status, string(r.Raw))
		require.Equal(t, "100", r.Header.Get("X-RateLimit-Limit-Minute"))
	}

	t.Run("default", func(t *testing.T) {
		r := sky("default", "GET", "/linkedin/overview", nil)
		require.Equal(t, 200, r.Status)
		require.Equal(t, true, mocktest.Get(r.JSON, "data", "connection", "is_connected"))
		require.Equal(t, true, mocktest.Get(r.JSON, "data", "recruiter_contract_detected"))
		sub := sky("default", "GET", "/account/subscription", nil)
		require.Equal(t, float64(8), mocktest.Get(sub.JSON, "data", "limits", "max_linkedin_jobs", "remaining"))
		require.Empty(t, r.Header.Get("Retry-After"))
		require.Equal(t, "120", r.Header.Get("X-RateLimit-Limit"), "the published limit")
		require.Equal(t, "118", sub.Header.Get("X-RateLimit-Remaining"))
		k := kon("default", "/user-campaign-filters")
		require.Equal(t, 200, k.Status)
		require.Equal(t, "5000", k.Header.Get("X-RateLimit-Limit-Day"))
	})
	t.Run("2fa-required", func(t *testing.T) {
		require.Equal(t, false, mocktest.Get(sky("2fa-required", "GET", "/channels/linkedin/status", nil).JSON, "data", "is_connected"))
		c := sky("2fa-required", "POST", "/channels/linkedin/connect", map[string]any{"username": "m.alotaibi@noortech.sa", "password": "pw", "country": "SA"})
		require.Equal(t, 200, c.Status, string(c.Raw))
		require.Equal(t, true, mocktest.Get(c.JSON, "data", "requires_2fa"))
		id := mocktest.Get(c.JSON, "data", "account_id")
		bad := sky("2fa-required", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "000000"})
		require.Equal(t, 422, bad.Status)
		require.Equal(t, "invalid_2fa_code", code(bad))
		require.NotNil(t, bad.Map()["attempts_remaining"])
		ok := sky("2fa-required", "POST", "/channels/linkedin/2fa", map[string]any{"account_id": id, "code": "123456"})
		require.Equal(t, 200, ok.Status, string(ok.Raw))
		require.Equal(t, true, mocktest.Get(sky("2fa-required", "GET", "/channels/linkedin/status", nil).JSON, "data", "is_connected"))
		konnectorWorks(t, "2fa-required")
	})
	t.Run("disconnected", func(t *testing.T) {
		r := sky("disconnected", "POST", "/linkedin/sourcing/search", map[string]any{"title": "مدير تسويق"})
		require.Equal(t, 409, r.Status)
		require.Equal(t, "linkedin_not_connected", code(r))
		require.Equal(t, false, mocktest.Get(sky("disconnected", "GET", "/linkedin/overview", nil).JSON, "data", "connection", "is_connected"))
		konnectorWorks(t, "disconnected")
	})
	t.Run("quota-exhausted", func(t *testing.T) {
		before := sky("quota-exhausted", "GET", "/account/subscription", nil)
		r := sky("quota-exhausted", "POST", "/linkedin/recruiter/jobs", publishJob)
		require.Equal(t, 403, r.Status)
		require.Equal(t, "insufficient_linkedin_jobs_limit", code(r))
		require.Equal(t, "You have reached your subscription limit for LinkedIn Job Posts. Please upgrade your plan.", r.Map()["message"])
		var applicant any
		for _, j := range mocktest.Get(sky("quota-exhausted", "GET", "/linkedin/recruiter", nil).JSON, "data", "jobs").([]any) {
			if job := j.(map[string]any); job["applicants_count"].(float64) > 0 {
				applicant = mocktest.Get(sky("quota-exhausted", "GET", fmt.Sprintf("/linkedin/recruiter/jobs/%v", job["id"]), nil).JSON, "data", "applicants", 0, "id")
				break
			}
		}
		require.NotNil(t, applicant, "the world has a job with applicants")
		screen := sky("quota-exhausted", "POST", fmt.Sprintf("/linkedin/recruiter/applicants/%v/ai-screen", applicant), nil)
		require.Equal(t, "insufficient_recruiter_ai_screens_limit", code(screen))
		resume := sky("quota-exhausted", "GET", fmt.Sprintf("/linkedin/recruiter/applicants/%v/resume", applicant), nil)
		require.Equal(t, "insufficient_recruiter_resume_downloads_limit", code(resume))
		require.JSONEq(t, string(before.Raw), string(sky("quota-exhausted", "GET", "/account/subscription", nil).Raw), "nothing consumed")
		konnectorWorks(t, "quota-exhausted")
	})
	t.Run("rate-limited", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			require.Equal(t, 200, sky("rate-limited", "GET", "/account/subscription", nil).Status)
			require.Equal(t, 200, kon("rate-limited", "/user-campaign-filters").Status)
		}
		s := sky("rate-limited", "GET", "/account/subscription", nil)
		require.Equal(t, 429, s.Status)
		require.Equal(t, "<nil>", code(s), "the published 429 has no machine code")
		require.Equal(t, "Too many requests. Please slow down.", s.Map()["message"])
		require.NotNil(t, s.Map()["retry_after"])
		require.NotEmpty(t, s.Header.Get("Retry-After"))
		require.Equal(t, "3", s.Header.Get("X-RateLimit-Limit"))
		require.Equal(t, "0", s.Header.Get("X-RateLimit-Remaining"))
		require.NotEmpty(t, s.Header.Get("X-RateLimit-Reset"))
		k := kon("rate-limited", "/user-campaign-filters")
		require.Equal(t, 429, k.Status)
		require.Equal(t, "RATE_LIMIT_EXCEEDED", mocktest.Get(k.JSON, "data", "error_code"))
		require.Equal(t, float64(3), mocktest.Get(k.JSON, "data", "rate_limit_info", "limit_minute"))
		require.Equal(t, "0", k.Header.Get("X-RateLimit-Remaining-Minute"))
	})
	t.Run("no-recruiter", func(t *testing.T) {
		r := sky("no-recruiter", "POST", "/linkedin/recruiter/jobs", publishJob)
		require.Equal(t, 403, r.Status)
		require.Equal(t, "recruiter_contract_required", code(r))
		require.Equal(t, "recruiter_contract_required", code(sky("no-recruiter", "GET", "/linkedin/recruiter", nil)))
		require.Equal(t, false, mocktest.Get(sky("no-recruiter", "GET", "/linkedin/overview", nil).JSON, "data", "recruiter_contract_detected"))
		konnectorWorks(t, "no-recruiter")
	})
	t.Run("no-linkedin-access", func(t *testing.T) {
		for _, path := range []string{"/linkedin/overview", "/channels/linkedin/status", "/linkedin/recruiter"} {
			r := sky("no-linkedin-access", "GET", path, nil)
			require.Equal(t, 403, r.Status, path)
			require.Equal(t, "linkedin_upgrade_required", code(r), path)
		}
		sub := sky("no-linkedin-access", "GET", "/account/subscription", nil)
		require.Equal(t, false, mocktest.Get(sub.JSON, "data", "features", "linkedin_access"))
		konnectorWorks(t, "no-linkedin-access")
	})
}

// TestFlakyScenario: latency on every answer, a share of 503s in each
// vendor's envelope and dropped connections, the same for the same seed.
// Tenants run in parallel (each one's draws depend only on its own request
// sequence), so the test waits for the latency once per tenant.
func TestFlakyScenario(t *testing.T) {
	const tenants, perTenant = 8, 10
	outcomes := func() [tenants][perTenant]string {
		srv := mocktest.Start(t, mockserver.Options{Scenario: "flaky"})
		var out [tenants][perTenant]string
		var wg sync.WaitGroup
		for k := 0; k < tenants; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < perTenant; i++ {
					out[k][i] = flakyCall(t, srv, k, i)
				}
			}()
		}
		wg.Wait()
		return out
	}
	first := outcomes()
	count := map[string]int{}
	for _, row := range first {
		for _, o := range row {
			count[o]++
		}
	}
	require.Positive(t, count["503"], "some requests fail with 503: %v", count)
	require.Positive(t, count["200"], "most requests succeed: %v", count)
	require.Equal(t, first, outcomes(), "the same seed gives the same faults")
}

// flakyCall sends tenant k's i-th request (alternating vendors) and returns
// its status, or "dropped".
func flakyCall(t *testing.T, srv *mocktest.Server, k, i int) string {
	path, header := "/api/v1/account/subscription", "X-Api-Key"
	if i%2 == 1 {
		path, header = "/social_app/api/v1/third_party/user-campaign-filters", "Authorization"
	}
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	req.Header.Set(header, fmt.Sprintf("flaky-%d", k))
	start := time.Now()
	resp, err := srv.Client().Do(req)
	if err != nil {
		return "dropped"
	}
	resp.Body.Close()
	if time.Since(start) < 50*time.Millisecond {
		t.Errorf("answer after %s: every answer waits at least the minimum latency", time.Since(start))
	}
	return fmt.Sprint(resp.StatusCode)
}

// TestParallelTenantsAreIsolated: concurrent clients with their own keys
// write to their own worlds only.
func TestParallelTenantsAreIsolated(t *testing.T) {
	srv := mocktest.Start(t, mockserver.Options{})
	const clients = 8
	var wg sync.WaitGroup
	ids := make([]any, clients)
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("tenant-%d", i)
			r := srv.SkyLight(key, "POST", "/linkedin/sourcing/launch-campaign", map[string]any{
				"name": fmt.Sprintf("campaign of %s", key), "campaign_type": "invite", "provider_ids": []string{"ACoAABcD1234"},
			})
			if r.Status == 201 {
				ids[i] = mocktest.Get(r.JSON, "data", "id")
			}
			srv.Konnector(key, "GET", "/user-campaign-filters", nil)
		}()
	}
	wg.Wait()
	for i := 0; i < clients; i++ {
		require.NotNil(t, ids[i], "client %d launched its campaign", i)
		key := fmt.Sprintf("tenant-%d", i)
		list := srv.SkyLight(key, "GET", "/linkedin/outreach/campaigns?per_page=100", nil)
		var names []string
		for _, c := range mocktest.Get(list.JSON, "data").([]any) {
			names = append(names, c.(map[string]any)["name"].(string))
		}
		for j := 0; j < clients; j++ {
			other := fmt.Sprintf("campaign of tenant-%d", j)
			if j == i {
				require.Contains(t, names, other)
			} else {
				require.NotContains(t, names, other, "tenant %d sees tenant %d's write", i, j)
			}
		}
	}
	held := srv.Admin("GET", "/tenants", nil)
	require.Equal(t, float64(2*clients), held.Map()["held"], "one tenant per vendor and key")
}
