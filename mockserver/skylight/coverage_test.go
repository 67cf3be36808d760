package skylight_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/skylight"
	"github.com/linkedin-mock/linkedin-mock/openapi"
)

// specOp is one operation of the spec, callable with its documented example.
type specOp struct {
	id, method, path string
	body             any
}

// specOps lists every operation with a concrete path (ids of the default
// world: campaign 51, job 29, applicant 5001, contact 418) and the spec's
// request example as body.
func specOps(t *testing.T) []specOp {
	t.Helper()
	doc, err := openapi.Load(openapi.SkyLight)
	require.NoError(t, err)
	ids := map[string]string{"campaigns": "51", "jobs": "29", "applicants": "5001", "contacts": "418", "webhooks": "1"}
	var out []specOp
	for tpl, item := range doc.Paths.Map() {
		path := tpl
		for coll, id := range ids {
			path = strings.ReplaceAll(path, coll+"/{id}", coll+"/"+id)
		}
		for method, op := range item.Operations() {
			o := specOp{id: op.OperationID, method: method, path: path}
			if op.RequestBody != nil {
				o.body = exampleOf(op.RequestBody.Value)
			}
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func exampleOf(rb *openapi3.RequestBody) any {
	if mt := rb.Content.Get("application/json"); mt != nil {
		return mt.Example
	}
	return nil
}

func TestEveryOperationHasAHandler(t *testing.T) {
	t.Parallel()
	handlers := skylight.New(skylight.Deps{Seed: 1}).Operations()
	for _, op := range specOps(t) {
		require.Contains(t, handlers, op.id)
	}
	require.Len(t, handlers, len(specOps(t)))
}

// TestEveryOperationAnswersItsExample calls each operation once with the
// spec's example in a fresh default world: no 501, no 5xx, and the answer
// passes response validation (the harness checks every answer against the
// spec).
func TestEveryOperationAnswersItsExample(t *testing.T) {
	t.Parallel()
	srv := start(t, 1, "", "")
	for _, op := range specOps(t) {
		t.Run(op.id, func(t *testing.T) {
			r := on(t, srv, "").do(op.method, op.path, op.body)
			require.Less(t, r.Status, 500, "%s: %s", op.id, r.Raw)
		})
	}
}

// TestScenarioGates checks the checks in front of the handlers, for every
// operation: without linkedin_access every /linkedin/* and
// /channels/linkedin/* route is 403; without a Recruiter contract every
// Recruiter route is 403; without a connected account the LinkedIn-only
// routes are 409.
func TestScenarioGates(t *testing.T) {
	t.Parallel()
	srv := start(t, 1, "", "")
	needsConnection := map[string]bool{
		"refreshLinkedIn": true, "disconnectLinkedIn": true, "searchLinkedInPeople": true,
		"launchSourcingCampaign": true, "createOutreachCampaign": true, "pauseOutreachCampaign": true,
		"resumeOutreachCampaign": true, "cancelOutreachCampaign": true, "sendMessage": true,
	}
	for _, op := range specOps(t) {
		linkedIn := strings.HasPrefix(op.path, "/linkedin/") || strings.HasPrefix(op.path, "/channels/linkedin/")
		recruiter := strings.HasPrefix(op.path, "/linkedin/recruiter")
		if strings.HasPrefix(op.path, "/webhooks/1") {
			continue // a fresh world has no webhook: 404 (webhooks have no gate; mockserver/webhooks_test.go)
		}
		t.Run(op.id, func(t *testing.T) {
			r := on(t, srv, "no-linkedin-access").do(op.method, op.path, op.body)
			if linkedIn || op.id == "sendMessage" {
				require.Equal(t, 403, r.Status, string(r.Raw))
				require.Equal(t, "linkedin_upgrade_required", r.Map()["error"])
			} else {
				require.Less(t, r.Status, 300, string(r.Raw))
			}
			r = on(t, srv, "no-recruiter").do(op.method, op.path, op.body)
			if recruiter {
				require.Equal(t, 403, r.Status, string(r.Raw))
				require.Equal(t, "recruiter_contract_required", r.Map()["error"])
			}
			r = on(t, srv, "disconnected").do(op.method, op.path, op.body)
			if needsConnection[op.id] || recruiter {
				require.Equal(t, 409, r.Status, string(r.Raw))
				require.Equal(t, "linkedin_not_connected", r.Map()["error"])
			} else if op.id != "submitLinkedIn2FA" && op.id != "resendLinkedIn2FA" {
				require.Less(t, r.Status, 300, string(r.Raw))
			}
		})
	}
}
