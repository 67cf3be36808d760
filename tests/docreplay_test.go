package tests

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDocExamples sends every request example of both vendor docs verbatim
// (the doc's bodies and ids, the Arabic text included) to the real binary,
// under the scenario it belongs to, and checks each answer twice: against
// the spec (every call of the suite is), and against the doc's example
// response when it shows one: every key the doc shows is there with the same
// JSON type, nested, and an error carries the doc's error code.
//
// The Konnector doc's ids are placeholders (encrypted_id_string..., and
// organisation 123): the mock answers them as the real API would, which is
// checked, then the example is sent again with real ids read from the
// server, and that answer is compared with the doc's.
func TestDocExamples(t *testing.T) {
	t.Parallel()
	srv := startMock(t, serverFlags{})
	sp := loadSpecs(t)
	for _, ex := range loadDocExamples(t) {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			v := sp.sky
			if ex.vendor == "konnector" {
				v = sp.kon
			}
			replayDocExample(t, srv, v, &ex)
		})
	}
}

func replayDocExample(t *testing.T, srv *mockProcess, v *vendor, ex *docExample) {
	key := "docs-" + strings.TrimSuffix(strings.ReplaceAll(ex.name, "/", "-"), ".json")
	c := newClient(t, srv, v, key, ex.Scenario)
	var hdr []string
	for k, val := range ex.Request.Headers {
		if strings.EqualFold(k, v.authHeader) {
			c.key = val // the doc's own key
			continue
		}
		hdr = append(hdr, k, val)
	}
	op := v.operation(ex.Request.Method, ex.Request.Path)
	if op == nil || op.ID != ex.OperationID {
		t.Fatalf("%s %s is not operation %s of the %s spec", ex.Request.Method, ex.Request.Path, ex.OperationID, v.name)
	}

	ph, isPlaceholder := placeholderExamples[ex.name]
	if ex.vendor == "konnector" && ex.usesPlaceholders() != isPlaceholder {
		t.Fatalf("%s: uses the doc's placeholder ids: %v, but placeholderExamples says %v", ex.name, ex.usesPlaceholders(), isPlaceholder)
	}
	var r *reply
	switch {
	case ex.Response != nil && ex.Response.Status == http.StatusTooManyRequests:
		r = exhaustRateLimit(t, c, ex, hdr)
	case isPlaceholder:
		c.fails(ph.status, ph.code, ex.Request.Method, ex.target(), ex.body(), hdr...)
		r = ph.realize(t, c, ex)
	default:
		want := successStatus(v, ex.Request.Method, ex.Request.Path)
		if ex.Response != nil {
			want = ex.Response.Status
		}
		r = c.expect(want, ex.Request.Method, ex.target(), ex.body(), hdr...)
	}
	if ex.Response != nil {
		if r.status != ex.Response.Status {
			t.Fatalf("%s answered %d, the doc shows %d:\n%s", r.where, r.status, ex.Response.Status, clip(r.raw))
		}
		compareWithDoc(t, ex, r)
	}
	if promise := docPromises[ex.name]; promise != nil {
		promise(t, ex, r)
	}
}

// compareWithDoc checks an answer against the doc's example response: the
// shape, and the error code of an error.
func compareWithDoc(t *testing.T, ex *docExample, r *reply) {
	t.Helper()
	doc := ex.docBody(t)
	for _, problem := range shapeViolations(doc, r.envelope.v, mayBeNull) {
		t.Errorf("%s against the doc's example (%s): %s", r.where, ex.Section, problem)
	}
	if code := errorCode(doc); code != errorCode(r.envelope.v) && (code != "" || ex.vendor == "skylight") {
		t.Errorf("%s: error code %q, the doc shows %q:\n%s", r.where, errorCode(r.envelope.v), code, clip(r.raw))
	}
}

// exhaustRateLimit sends the example until the tenant's limit is reached and
// returns the 429: every answer before it succeeds, and the 429 counts them.
func exhaustRateLimit(t *testing.T, c *client, ex *docExample, hdr []string) *reply {
	t.Helper()
	for sent := 0; sent < 50; sent++ {
		r := c.do(ex.Request.Method, ex.target(), ex.body(), hdr...)
		if r.status == http.StatusOK {
			continue
		}
		if r.status != http.StatusTooManyRequests {
			t.Fatalf("%s answered %d before the limit:\n%s", r.where, r.status, clip(r.raw))
		}
		if ex.vendor == "skylight" {
			checkSkyLight429(t, r, sent)
			return r
		}
		info := r.body.at("data.rate_limit_info")
		equalInt(t, "rate_limit_info.limit_minute (the requests that passed)", info.at("limit_minute").int(), sent)
		equalInt(t, "rate_limit_info.remaining_minute", info.at("remaining_minute").int(), 0)
		if ra, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || ra != r.body.at("data.retry_after").int() {
			t.Errorf("Retry-After %q and data.retry_after %v disagree", r.header.Get("Retry-After"), r.body.at("data.retry_after").v)
		}
		return r
	}
	t.Fatalf("%s: no 429 after 50 requests under %s", ex.name, ex.Scenario)
	return nil
}

// placeholder says what the mock answers a Konnector example sent with the
// doc's placeholder ids, and how to send it again with real ones.
type placeholder struct {
	status int
	code   string
	// realize sends the example again with real ids and returns the answer,
	// which must be the doc's.
	realize func(t *testing.T, c *client, ex *docExample) *reply
}

// placeholderExamples are the Konnector examples that name placeholder ids.
var placeholderExamples = map[string]placeholder{
	"konnector/campaign-info-post.json":           {http.StatusBadRequest, "INVALID_USER_IDS", withActiveOwner},
	"konnector/dashboard-info-post.json":          {http.StatusBadRequest, "INVALID_USER_IDS", withFilterUsers},
	"konnector/dashboard-invalid-date-range.json": {http.StatusBadRequest, "INVALID_DATE_RANGE", withFilterUsers},
	"konnector/optimized-routine-data.json":       {http.StatusBadRequest, "INVALID_ROUTINE_ID", withActiveRoutine},
	"konnector/create-api-key.json":               {http.StatusUnauthorized, "UNAUTHORIZED_ACCESS", withOwnOrganisation},
	// The 2025-05-11 draft's fuller items, sent as the base page's requests.
	"konnector/published-campaign-info-post.json":     {http.StatusBadRequest, "INVALID_USER_IDS", withActiveOwner},
	"konnector/published-dashboard-info-post.json":    {http.StatusBadRequest, "INVALID_USER_IDS", withFilterUsers},
	"konnector/published-optimized-routine-data.json": {http.StatusBadRequest, "INVALID_ROUTINE_ID", withActiveRoutine},
	// The doc's 401: the doc's key is no administrator's, whatever the organisation.
	"konnector/create-api-key-unauthorized.json": {http.StatusUnauthorized, "UNAUTHORIZED_ACCESS", withOwnOrganisationID},
}

// filters reads the tenant's /user-campaign-filters.
func filters(c *client) jv {
	c.tb.Helper()
	return c.expect(http.StatusOK, http.MethodGet, "/user-campaign-filters", nil).body.at("data")
}

// userIDs are the ids of the filters' LinkedIn users, in order.
func userIDs(f jv) []string {
	var out []string
	for _, u := range f.at("linkedin_users").list() {
		out = append(out, u.at("linkedin_user_information_id").str())
	}
	return out
}

// requestBody decodes the example's request body.
func requestBody(t *testing.T, ex *docExample) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(ex.Request.Body, &m); err != nil {
		t.Fatalf("%s: request body: %v", ex.name, err)
	}
	return m
}

// withFilterUsers puts the first users of /user-campaign-filters in place
// of the doc's placeholder user ids, one for one.
func withFilterUsers(t *testing.T, c *client, ex *docExample) *reply {
	body := requestBody(t, ex)
	placeholders, _ := body["linkedin_user_information_ids"].([]any)
	ids := userIDs(filters(c))
	if len(ids) < len(placeholders) {
		t.Fatalf("the organisation has %d users, the example names %d", len(ids), len(placeholders))
	}
	body["linkedin_user_information_ids"] = ids[:len(placeholders)]
	return c.do(ex.Request.Method, ex.target(), body)
}

// withActiveOwner names the user who owns what the example asks for: the
// example's own filters without its placeholder ids give a first row, whose
// owner must be one of /user-campaign-filters' users.
func withActiveOwner(t *testing.T, c *client, ex *docExample) *reply {
	body := requestBody(t, ex)
	delete(body, "linkedin_user_information_ids")
	probe := map[string]any{"limit": 1}
	for k, v := range body {
		if k != "limit" && k != "offset" {
			probe[k] = v
		}
	}
	rows := c.expect(http.StatusOK, http.MethodPost, "/campaign-info", probe).body.at("data.campaign_info").list()
	if len(rows) == 0 {
		t.Fatalf("no routine matches the doc's filters %s", compact(probe))
	}
	owner := rows[0].at("linkedin_user.linkedin_user_information_id").str()
	if !slices.Contains(userIDs(filters(c)), owner) {
		t.Fatalf("campaign-info's owner %s is not one of /user-campaign-filters' users", owner)
	}
	body["linkedin_user_information_ids"] = []string{owner}
	return c.do(ex.Request.Method, ex.target(), body)
}

// withActiveRoutine names the first active routine of
// /user-campaign-filters (the doc's routine is active).
func withActiveRoutine(t *testing.T, c *client, ex *docExample) *reply {
	for _, r := range filters(c).at("campaign_routines").list() {
		if r.at("campaign_status").str() == "active" {
			q := url.Values{}
			for k, v := range ex.Request.Query {
				q[k] = v
			}
			q.Set("linkedin_campaign_routine_id", r.at("linkedin_campaign_routine_id").str())
			return c.do(ex.Request.Method, ex.Request.Path+"?"+q.Encode(), nil)
		}
	}
	t.Fatal("the organisation has no active routine")
	return nil
}

// withOwnOrganisation sends the example with an administrator's key: for
// the doc's organisation 123 that is still a 401 (not the caller's
// organisation); for the caller's own organisation id it creates the key.
func withOwnOrganisation(t *testing.T, c *client, ex *docExample) *reply {
	admin := *c
	admin.key = "admin-" + c.key
	admin.fails(http.StatusUnauthorized, "UNAUTHORIZED_ACCESS", ex.Request.Method, ex.target(), ex.body())
	return withOwnOrganisationID(t, &admin, ex)
}

// withOwnOrganisationID puts the caller's own organisation id in place of
// the doc's 123.
func withOwnOrganisationID(t *testing.T, c *client, ex *docExample) *reply {
	body := requestBody(t, ex)
	body["organisation_id"] = filters(c).at("organisation.id").int()
	return c.do(ex.Request.Method, ex.target(), body)
}

// checkSkyLight429 checks SkyLight's published 429 after `sent` requests
// passed: retry_after in the body (and the Retry-After header), and the
// X-RateLimit headers at the exhausted budget.
func checkSkyLight429(t *testing.T, r *reply, sent int) {
	t.Helper()
	equalInt(t, "X-RateLimit-Limit (the requests that passed)", atoi(r.header.Get("X-RateLimit-Limit")), sent)
	equalInt(t, "X-RateLimit-Remaining", atoi(r.header.Get("X-RateLimit-Remaining")), 0)
	if atoi(r.header.Get("X-RateLimit-Reset")) <= 0 {
		t.Errorf("X-RateLimit-Reset %q is not a Unix time", r.header.Get("X-RateLimit-Reset"))
	}
	if ra := atoi(r.header.Get("Retry-After")); ra <= 0 || ra != r.body.at("retry_after").int() {
		t.Errorf("Retry-After %q and retry_after %v disagree", r.header.Get("Retry-After"), r.body.at("retry_after").v)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
