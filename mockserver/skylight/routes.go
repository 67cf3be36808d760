package skylight

import (
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// routes maps every operationId of the spec to its operation, with the checks
// each needs first (see gate): LinkedIn routes need linkedin_access, most
// need a connected account, Recruiter routes a contract. Refresh and
// disconnect check the connection themselves (a broken session may be
// refreshed or disconnected). sendMessage checks
// access and connection itself, after finding the contact.
func (a *api) routes() map[string]sim.Operation[*world] {
	return map[string]sim.Operation[*world]{
		"getLinkedInOverview": op(needsAccess, handleOverview),
		"connectLinkedIn":     op(needsAccess, handleConnect),
		"submitLinkedIn2FA":   op(needsAccess, handleSubmit2FA),
		"resendLinkedIn2FA":   op(needsAccess, handleResend2FA),
		"getLinkedInStatus":   op(needsAccess, handleStatus),
		"refreshLinkedIn":     op(needsAccess, handleRefresh),
		"disconnectLinkedIn":  op(needsAccess, handleDisconnect),

		"searchLinkedInPeople":         op(linkedInOp, handleSearch),
		"launchSourcingCampaign":       op(linkedInOp, handleCreateCampaign),
		"listOutreachCampaigns":        op(needsAccess, handleListCampaigns),
		"createOutreachCampaign":       op(linkedInOp, handleCreateCampaign),
		"getOutreachCampaign":          op(needsAccess, handleGetCampaign),
		"getOutreachCampaignStats":     op(needsAccess, handleCampaignStats),
		"listOutreachCampaignContacts": op(needsAccess, handleCampaignContacts),
		"pauseOutreachCampaign":        op(linkedInOp, handleTransition("pause")),
		"resumeOutreachCampaign":       op(linkedInOp, handleTransition("resume")),
		"cancelOutreachCampaign":       op(linkedInOp, handleTransition("cancel")),

		"sendMessage":         op(0, handleSendMessage),
		"listContacts":        op(0, handleListContacts),
		"getContactMessages":  op(0, handleContactMessages),
		"listConversations":   op(0, handleConversations),
		"getSubscription":     op(0, handleSubscription),
		"listAccountChannels": op(0, handleAccountChannels),

		"getRecruiterOverview":       op(recruiterOp, handleRecruiterOverview),
		"createRecruiterJob":         op(recruiterOp, handleCreateJob),
		"getRecruiterJob":            op(recruiterOp, handleGetJob),
		"publishRecruiterJob":        op(recruiterOp, handleJobAction("published", func(w *world, j *job, c *call) *sim.Error { return w.publish(j, c.now) })),
		"closeRecruiterJob":          op(recruiterOp, handleJobAction("closed", func(w *world, j *job, c *call) *sim.Error { return w.closeJob(j, c.now) })),
		"syncRecruiterJobApplicants": op(recruiterOp, handleSyncApplicants),
		"updateApplicantStage":       op(recruiterOp, handleStage),
		"aiScreenApplicant":          op(recruiterOp, handleAIScreen),
		"downloadApplicantResume":    op(recruiterOp, handleResume),
	}
}
