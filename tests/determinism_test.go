package tests

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// Fields the determinism test leaves out, and why. Nothing else may differ
// between two servers with the same seed and clock: not the current-time
// fields either (Konnector's data.timestamp, created_at of a new key,
// code_expires_at, the resume's CreationDate), because they come from the
// virtual clock, which is frozen at the same instant on both servers.
const (
	// requestIDField: Konnector's data.request_id is random per request
	// (crypto/rand), by design: it names one request in logs. The test
	// checks it equals the answer's X-Request-Id header, then masks it.
	requestIDField = "request_id"
)

// unequalHeaders are the headers that differ by design: the wall-clock Date
// and the random request id.
var unequalHeaders = []string{"Date", "X-Request-Id"}

// TestDeterminism runs the same sequence of requests (reads and writes on
// both vendors, a clock advance, 2FA, a created API key, errors and a 429)
// against two fresh servers with the same seed and frozen clock: every
// answer must be byte-identical (status, headers, body) apart from the
// request ids. A server with another seed must generate another world.
func TestDeterminism(t *testing.T) {
	t.Parallel()
	sp := loadSpecs(t)
	runs := make([]*recording, 2)
	for i := range runs {
		runs[i] = &recording{t: t, srv: startMock(t, serverFlags{seed: 42}), sp: sp}
		determinismSequence(runs[i])
	}
	a, b := runs[0].out, runs[1].out
	if len(a) < 40 || len(a) != len(b) {
		t.Fatalf("the sequence made %d and %d requests, want the same number, at least 40", len(a), len(b))
	}
	if last := a[len(a)-1]; last.status != http.StatusTooManyRequests {
		t.Errorf("the sequence ends with a 429 under rate-limited, got %d", last.status)
	}
	for i := range a {
		if problem := a[i].differs(b[i]); problem != "" {
			t.Errorf("request %d (%s): same seed, same clock, different answers: %s", i+1, a[i].name, problem)
		}
	}

	other := &recording{t: t, srv: startMock(t, serverFlags{seed: 43}), sp: sp}
	worldReads(other)
	for i, x := range other.out {
		if x.differs(a[i]) == "" {
			t.Errorf("%s: seeds 42 and 43 generate the same answer: %s", x.name, clip(x.body))
		}
	}
}

// exchange is one recorded answer, its request ids masked.
type exchange struct {
	name   string
	status int
	header http.Header
	body   []byte
}

// differs describes how two answers differ, or returns "".
func (x exchange) differs(y exchange) string {
	switch {
	case x.status != y.status:
		return fmt.Sprintf("status %d vs %d", x.status, y.status)
	case !bytes.Equal(x.body, y.body):
		return fmt.Sprintf("bodies differ:\n%s\n%s", clip(x.body), clip(y.body))
	}
	keys := map[string]bool{}
	for k := range x.header {
		keys[k] = true
	}
	for k := range y.header {
		keys[k] = true
	}
	for _, k := range unequalHeaders {
		delete(keys, http.CanonicalHeaderKey(k))
	}
	var diffs []string
	for k := range keys {
		if strings.Join(x.header.Values(k), ",") != strings.Join(y.header.Values(k), ",") {
			diffs = append(diffs, fmt.Sprintf("header %s: %q vs %q", k, x.header.Values(k), y.header.Values(k)))
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "; ")
}

// recording runs requests against one server and records the answers.
type recording struct {
	t   *testing.T
	srv *mockProcess
	sp  specs
	out []exchange
}

// call sends one request as tenant (vendor, key, scenario) and records it.
func (r *recording) call(v *vendor, key, scenario, method, path string, body any) *reply {
	r.t.Helper()
	rep := newClient(r.t, r.srv, v, key, scenario).do(method, path, body)
	raw := rep.raw
	top, _ := rep.body.v.(map[string]any)
	if data, ok := top["data"].(map[string]any); ok && data[requestIDField] != nil {
		id, _ := data[requestIDField].(string)
		if id == "" || id != rep.header.Get("X-Request-Id") {
			r.t.Errorf("%s: data.request_id %q is not the X-Request-Id header %q", rep.where, id, rep.header.Get("X-Request-Id"))
		}
		raw = bytes.ReplaceAll(raw, []byte(`"`+id+`"`), []byte(`"<request id>"`))
	}
	r.out = append(r.out, exchange{name: rep.where, status: rep.status, header: rep.header, body: raw})
	return rep
}

// advance moves the server's clock and records the admin API's answer.
func (r *recording) advance(d string) {
	r.t.Helper()
	a, err := r.srv.send(call{method: http.MethodPost, path: "/__admin/clock/advance",
		header: http.Header{"Content-Type": {"application/json"}}, body: []byte(`{"duration":"` + d + `"}`)})
	if err != nil || a.status != http.StatusOK {
		r.t.Fatalf("advance the clock by %s: %v %v", d, err, a)
	}
	r.out = append(r.out, exchange{name: "POST /__admin/clock/advance", status: a.status, header: a.header, body: a.body})
}

func (r *recording) sky(key, scenario, method, path string, body any) *reply {
	r.t.Helper()
	return r.call(r.sp.sky, key, scenario, method, path, body)
}

func (r *recording) kon(key, method, path string, body any) *reply {
	r.t.Helper()
	return r.call(r.sp.kon, key, "", method, path, body)
}

// worldReads are the sequence's first requests: reads of the generated
// worlds, before any write.
func worldReads(r *recording) {
	r.sky("det", "", http.MethodGet, "/linkedin/overview", nil)
	r.sky("det", "", http.MethodGet, "/contacts?per_page=100", nil)
	r.sky("det", "", http.MethodGet, "/linkedin/recruiter", nil)
	r.kon("det", http.MethodGet, "/user-campaign-filters", nil)
	r.kon("det", http.MethodGet, "/dashboard-info", nil)
}

// determinismSequence is the request sequence: later requests use ids the
// earlier answers gave.
func determinismSequence(r *recording) {
	worldReads(r)
	sky := func(method, path string, body any) *reply { r.t.Helper(); return r.sky("det", "", method, path, body) }
	kon := func(method, path string, body any) *reply { r.t.Helper(); return r.kon("det", method, path, body) }

	sky(http.MethodGet, "/channels/linkedin/status", nil)
	sky(http.MethodGet, "/account/subscription", nil)
	sky(http.MethodGet, "/contacts/418/messages", nil)
	sky(http.MethodPost, "/linkedin/sourcing/search", docSearch)
	page := sky(http.MethodPost, "/linkedin/sourcing/search", map[string]any{"keywords": "manager", "limit": 10}).body
	if next := page.at("next_cursor"); next.v != nil {
		sky(http.MethodPost, "/linkedin/sourcing/search", map[string]any{"keywords": "manager", "limit": 10, "cursor": next.str()})
	}
	campaign := fmt.Sprintf("/linkedin/outreach/campaigns/%d", sky(http.MethodPost, "/linkedin/sourcing/launch-campaign", docLaunch).body.at("id").int())
	sky(http.MethodGet, "/linkedin/outreach/campaigns", nil)
	for _, p := range []string{"", "/stats", "/contacts"} {
		sky(http.MethodGet, campaign+p, nil)
	}
	sky(http.MethodPost, campaign+"/pause", nil)
	sky(http.MethodPost, campaign+"/resume", nil)
	sky(http.MethodPost, "/messages/send", docMessage)
	job := fmt.Sprintf("/linkedin/recruiter/jobs/%d", sky(http.MethodPost, "/linkedin/recruiter/jobs", docJob(true)).body.at("id").int())
	seeded := sky(http.MethodGet, "/linkedin/recruiter?per_page=100", nil).body.at("jobs").list()
	var applicant string
	for _, j := range seeded {
		if j.at("status").str() == "published" && j.at("applicants_count").int() > 0 {
			applicant = fmt.Sprintf("/linkedin/recruiter/applicants/%d", sky(http.MethodGet, fmt.Sprintf("/linkedin/recruiter/jobs/%d", j.at("id").int()), nil).body.at("applicants.0.id").int())
			break
		}
	}
	if applicant == "" {
		r.t.Fatal("no seeded job has applicants")
	}
	sky(http.MethodPost, applicant+"/stage", map[string]any{"stage": "rejected"})
	sky(http.MethodPost, applicant+"/ai-screen", nil)
	sky(http.MethodGet, applicant+"/resume", nil)
	account := r.sky("det-2fa", "2fa-required", http.MethodPost, "/channels/linkedin/connect", docConnect).body.at("account_id").str()
	r.sky("det-2fa", "2fa-required", http.MethodPost, "/channels/linkedin/2fa", map[string]any{"account_id": account, "code": "123456"})

	users := userIDs(kon(http.MethodGet, "/user-campaign-filters", nil).body.at("data"))
	routine := "/optimized_routine_data?linkedin_campaign_routine_id=" + url.QueryEscape(
		kon(http.MethodGet, "/campaign-info?limit=5&sort_by=member_count", nil).body.at("data.campaign_info.0.linkedin_campaign_routine.id").str())
	kon(http.MethodPost, "/dashboard-info", map[string]any{"linkedin_user_information_ids": users[:2], "start_date": "2025-05-01", "end_date": "2025-05-10"})
	kon(http.MethodPost, "/campaign-info", map[string]any{"linkedin_user_information_ids": users[:1], "start_date": "2025-05-01", "end_date": "2025-05-10",
		"limit": 10, "offset": 0, "campaign_status": "active", "sort_by": "created_at", "sort_order": "desc"})
	kon(http.MethodGet, routine, nil)
	kon(http.MethodPost, "/campaign-info", map[string]any{"linkedin_user_information_ids": []string{"encrypted_id_string_1"}})
	key := r.kon("admin-det", http.MethodPost, "/create-api-key", map[string]any{}).body.at("data.api_key").str()
	r.kon(key, http.MethodGet, "/user-campaign-filters", nil)

	r.advance("72h")

	sky(http.MethodGet, campaign+"/stats", nil)
	sky(http.MethodGet, campaign+"/contacts", nil)
	sky(http.MethodPost, job+"/sync-applicants", nil)
	sky(http.MethodGet, "/linkedin/overview", nil)
	sky(http.MethodGet, "/contacts/418/messages", nil)
	sky(http.MethodPost, "/channels/linkedin/disconnect", nil)
	kon(http.MethodGet, "/dashboard-info", nil)
	kon(http.MethodGet, routine, nil)
	for range 4 { // the fourth is a 429 under rate-limited
		r.call(r.sp.kon, "det-limited", "rate-limited", http.MethodGet, "/user-campaign-filters", nil)
	}
}
