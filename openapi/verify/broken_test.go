package verify_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify/verifytest"
)

const testKey = "sk_test_9c41d2e7b0a5"

// fakeServer serves a spec's examples over HTTP.
func fakeServer(t *testing.T, spec string) (*verifytest.Server, string) {
	t.Helper()
	fs, err := verifytest.New(spec)
	require.NoError(t, err)
	hs := httptest.NewServer(fs)
	t.Cleanup(hs.Close)
	return fs, hs.URL + fs.BasePath()
}

// noSleep records the waits instead of sleeping.
type noSleep struct{ waits []time.Duration }

func (n *noSleep) sleep(_ context.Context, d time.Duration) error {
	n.waits = append(n.waits, d)
	return nil
}

func run(t *testing.T, cfg verify.Config) *verify.Report {
	t.Helper()
	if cfg.APIKey == "" {
		cfg.APIKey = testKey
	}
	rep, err := verify.Run(context.Background(), cfg)
	require.NoError(t, err)
	return rep
}

// TestExamplesServerPasses: a server that answers every spec example passes,
// writes included: the checker has no false positives on the spec's own data.
func TestExamplesServerPasses(t *testing.T) {
	for vendor, spec := range map[string]string{"skylight": openapi.SkyLight, "konnector": openapi.Konnector} {
		t.Run(vendor, func(t *testing.T) {
			_, base := fakeServer(t, spec)
			rep := run(t, verify.Config{Vendor: vendor, BaseURL: base, AllowWrites: true})
			var text bytes.Buffer
			require.NoError(t, rep.WriteText(&text))
			require.True(t, rep.OK(), text.String())
			require.Zero(t, rep.Skipped, text.String())
			require.Equal(t, len(rep.Results), rep.Passed)
		})
	}
}

// TestWritesNeedAllowWrites: without --allow-writes only reads are sent.
func TestWritesNeedAllowWrites(t *testing.T) {
	fs, base := fakeServer(t, openapi.SkyLight)
	rep := run(t, verify.Config{Vendor: "skylight", BaseURL: base})
	require.True(t, rep.OK())
	for _, id := range []string{"connectLinkedIn", "pauseOutreachCampaign", "createRecruiterJob", "sendMessage"} {
		r := rep.Result(id)
		require.NotNil(t, r, id)
		require.Equal(t, verify.Skipped, r.Outcome, id)
		require.Contains(t, r.Reason, "--allow-writes")
		require.Zero(t, fs.Hits(id), "%s was sent without --allow-writes", id)
	}
	for _, id := range []string{"searchLinkedInPeople", "listOutreachCampaigns", "getOutreachCampaign", "downloadApplicantResume"} {
		require.Equal(t, verify.Passed, rep.Result(id).Outcome, id)
	}
	require.Contains(t, rep.Result("getRecruiterJob").Request, "/linkedin/recruiter/jobs/31",
		"job id discovered from getRecruiterOverview")
	require.Contains(t, rep.Result("downloadApplicantResume").Request, "/linkedin/recruiter/applicants/5012/resume",
		"applicant id discovered from getRecruiterJob")
}

// TestCatchesBrokenServer breaks one answer per kind of violation and checks
// each is reported by name.
func TestCatchesBrokenServer(t *testing.T) {
	type breakage struct {
		op   string
		fn   func(r *http.Request, a *verifytest.Answer)
		want string
	}
	cases := map[string][]breakage{
		"skylight": {
			{"getLinkedInOverview", setJSON("success", "yes"), "body /success: value is not one of the allowed values"},
			{"listContacts", deleteJSON("data.0.name"), "body /data/0/name: required field missing"},
			{"listConversations", deleteJSON("meta"), "body /meta: required field missing"},
			{"getSubscription", func(_ *http.Request, a *verifytest.Answer) { a.Status = http.StatusTeapot },
				"status 418 is not documented"},
			{"getRecruiterOverview", setJSON("surprise", 1), "body /surprise: field not in the spec"},
			{"getLinkedInStatus", func(_ *http.Request, a *verifytest.Answer) { a.Header.Set("Content-Type", "text/plain") },
				`Content-Type "text/plain" is not documented for status 200`},
			{"downloadApplicantResume", func(_ *http.Request, a *verifytest.Answer) { a.Header.Del("Content-Disposition") },
				"header Content-Disposition: required but missing"},
			{"getOutreachCampaign", setJSON("data.id", "57"), "body /data/id: value must be an integer"},
			{"listAccountChannels", func(_ *http.Request, a *verifytest.Answer) { a.Header.Set("X-RateLimit-Remaining", "lots") },
				`header X-RateLimit-Remaining: "lots" is not an integer`},
		},
		"konnector": {
			{"getUserCampaignFilters", func(_ *http.Request, a *verifytest.Answer) { a.Header.Del("X-RateLimit-Limit-Minute") },
				"header X-RateLimit-Limit-Minute: required but missing"},
			{"getDashboardInfo", func(_ *http.Request, a *verifytest.Answer) { a.Header.Set("X-RateLimit-Remaining-Day", "lots") },
				`header X-RateLimit-Remaining-Day: "lots" is not an integer`},
			{"postDashboardInfo", setJSON("data.campaign_count_info.total", "20"),
				"body /data/campaign_count_info/total: value must be an integer"},
			{"getCampaignInfo", serverError, "server error 500: Database connection failed"},
			{"postCampaignInfo", deleteJSON("data.pagination"), "body /data/pagination: required field missing"},
			{"getOptimizedRoutineData", func(_ *http.Request, a *verifytest.Answer) { a.Body = []byte("<html>oops</html>") },
				"body: not valid JSON"},
		},
	}
	specs := map[string]string{"skylight": openapi.SkyLight, "konnector": openapi.Konnector}
	for vendor, breaks := range cases {
		t.Run(vendor, func(t *testing.T) {
			fs, base := fakeServer(t, specs[vendor])
			for _, b := range breaks {
				fs.Break(b.op, b.fn)
			}
			rep := run(t, verify.Config{Vendor: vendor, BaseURL: base})
			var text bytes.Buffer
			require.NoError(t, rep.WriteText(&text))
			require.False(t, rep.OK())
			require.Equal(t, len(breaks), rep.Failed, text.String())
			for _, b := range breaks {
				r := rep.Result(b.op)
				require.NotNil(t, r, b.op)
				require.Equal(t, verify.Failed, r.Outcome, "%s\n%s", b.op, text.String())
				require.True(t, containsPrefix(r.Violations, b.want), "%s: want %q in %q", b.op, b.want, r.Violations)
				require.Contains(t, text.String(), b.want)
			}
		})
	}
}

func containsPrefix(list []string, want string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, want) {
			return true
		}
	}
	return false
}

func setJSON(path string, v any) func(*http.Request, *verifytest.Answer) {
	return func(_ *http.Request, a *verifytest.Answer) { a.Body = verifytest.Set(a.Body, path, v) }
}

func deleteJSON(path string) func(*http.Request, *verifytest.Answer) {
	return func(_ *http.Request, a *verifytest.Answer) { a.Body = verifytest.Delete(a.Body, path) }
}

// serverError answers Konnector's documented 500.
func serverError(_ *http.Request, a *verifytest.Answer) {
	a.Status = http.StatusInternalServerError
	a.Body = []byte(`{"code":500,"status":false,"message":"Internal server error","data":{"error":"Database connection failed",` +
		`"error_code":"INTERNAL_ERROR","request_id":"req_1","timestamp":"2025-05-11T14:30:45+05:30"}}`)
}

// TestDiscoveredIdsReplacePlaceholders: the examples' placeholder ids are
// replaced by ids the server listed (here, the filters example's).
func TestDiscoveredIdsReplacePlaceholders(t *testing.T) {
	fs, base := fakeServer(t, openapi.Konnector)
	var mu sync.Mutex
	seen := map[string]string{}
	record := func(r *http.Request, _ *verifytest.Answer) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		seen[r.Method+" "+r.URL.Path] = r.URL.RawQuery + string(b)
	}
	for _, id := range []string{"postDashboardInfo", "getOptimizedRoutineData", "createApiKey", "getCampaignInfo"} {
		fs.Break(id, record)
	}
	rep := run(t, verify.Config{Vendor: "konnector", BaseURL: base, AllowWrites: true})
	require.True(t, rep.OK())
	prefix := "POST " + fs.BasePath()
	require.JSONEq(t, `{"linkedin_user_information_ids":["encrypted_id_string","encrypted_id_string_2"],"start_date":"2025-05-01","end_date":"2025-05-10"}`,
		seen[prefix+"/dashboard-info"])
	require.JSONEq(t, `{"organisation_id":123,"description":"API key for third-party integration with CRM system"}`,
		seen[prefix+"/create-api-key"])
	require.Equal(t, "linkedin_campaign_routine_id=encrypted_id_string", seen["GET "+fs.BasePath()+"/optimized_routine_data"])
	require.Equal(t, "linkedin_user_information_ids=encrypted_id_string&linkedin_user_information_ids=encrypted_id_string_2",
		seen["GET "+fs.BasePath()+"/campaign-info"])
}
