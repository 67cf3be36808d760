package verify

import (
	"sort"

	"github.com/linkedin-mock/linkedin-mock/openapi"
)

// profile is what verify knows about a vendor beyond its spec: which POST
// operations only read, and where real identifiers come from.
type profile struct {
	// spec is the embedded spec's file name.
	spec string
	// readOnly are the non-GET operations that change nothing (searches and
	// POST variants of reads); every other non-GET operation is a write.
	readOnly map[string]bool
	// sources say where the values of an identifier kind are listed. A kind
	// is the name of a components/parameters entry (the path and query
	// parameters that $ref it) or a name used by bodyFields.
	sources map[string]source
	// bodyFields maps top-level request-body fields to the identifier kind
	// whose discovered values replace the example's.
	bodyFields map[string]string
	// lastWrites are the writes that end something (cancel, close,
	// disconnect): sent after every other write, in this order, so they do
	// not turn the other writes into 409s.
	lastWrites []string
}

// source is a read operation whose answer lists identifiers of one kind.
type source struct {
	// op is the operationId to call (a read).
	op string
	// pick is the dotted path to the identifiers in its JSON answer; "*"
	// walks every element of an array: "campaigns.*.id".
	pick string
	// params fills the source's own parameters (by name) with the first
	// values of other kinds; each upstream value is tried in turn (up to
	// maxUpstream) until one answer lists identifiers.
	params map[string]string
	// create, when set, is the write that makes one when the list is empty
	// (sent with its spec example, only with AllowWrites), and created the
	// dotted path to the new identifier in its answer.
	create, created string
}

// maxUpstream is how many upstream identifiers discovery tries for a
// dependent kind (e.g. jobs asked for their applicants).
const maxUpstream = 3

// profiles returns the vendors verify knows, by the --vendor name.
func profiles() map[string]profile {
	return map[string]profile{
		"skylight": {
			spec:     openapi.SkyLight,
			readOnly: map[string]bool{"searchLinkedInPeople": true},
			sources: map[string]source{
				"CampaignId":  {op: "listOutreachCampaigns", pick: "data.*.id"},
				"JobId":       {op: "getRecruiterOverview", pick: "data.jobs.*.id"},
				"ContactId":   {op: "listContacts", pick: "data.*.id"},
				"ApplicantId": {op: "getRecruiterJob", pick: "data.applicants.*.id", params: map[string]string{"id": "JobId"}},
				"WebhookId":   {op: "listWebhooks", pick: "data.*.id", create: "createWebhook", created: "data.id"},
			},
			bodyFields: map[string]string{"contact_id": "ContactId"},
			lastWrites: []string{"deleteWebhook", "cancelOutreachCampaign", "closeRecruiterJob", "disconnectLinkedIn"},
		},
		"konnector": {
			spec:     openapi.Konnector,
			readOnly: map[string]bool{"postDashboardInfo": true, "postCampaignInfo": true},
			sources: map[string]source{
				"CampaignRoutineId": {op: "getUserCampaignFilters", pick: "data.campaign_routines.*.linkedin_campaign_routine_id"},
				"LinkedInUserIds":   {op: "getUserCampaignFilters", pick: "data.linkedin_users.*.linkedin_user_information_id"},
				"OrganisationId":    {op: "getUserCampaignFilters", pick: "data.organisation.id"},
			},
			bodyFields: map[string]string{
				"linkedin_user_information_ids": "LinkedInUserIds",
				"organisation_id":               "OrganisationId",
			},
		},
	}
}

// Vendors lists the vendor names verify accepts.
func Vendors() []string {
	out := make([]string, 0, 2)
	for name := range profiles() {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
