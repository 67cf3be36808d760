package tests

import (
	"context"
	"net/http"
	"testing"

	sky "github.com/linkedin-mock/linkedin-mock/tests/clients/skylight"
)

// TestSkyLightFlowThroughGeneratedClient drives the SkyLight flow
// through the client generated from the spec, against the real binary:
// connect with 2FA, search, launch a sequence campaign, pause it, send the
// doc's DM and read the conversations, create and publish a job and read
// the quota back from the subscription. Every answer must decode into the
// generated types, resources inside the published envelope's `data`.
func TestSkyLightFlowThroughGeneratedClient(t *testing.T) {
	srv := startMock(t, serverFlags{})
	c, err := sky.NewClientWithResponses(srv.URL+"/api/v1", sky.WithHTTPClient(srv.client),
		sky.WithRequestEditorFn(headers("X-Api-Key", "flow-skylight", "X-Mock-Scenario", "2fa-required")))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// Connect: the 2fa-required scenario asks for a code (123456).
	conn, err := c.ConnectLinkedInWithResponse(ctx, sky.ConnectLinkedInJSONRequestBody{
		Username: "m.alotaibi@noortech.sa", Password: ptr("YOUR_PASSWORD"), Country: "SA"})
	step(t, "connectLinkedIn", err, conn.HTTPResponse, conn.Body, http.StatusOK)
	if !conn.JSON200.Data.Requires2fa || conn.JSON200.Data.AccountId == "" || conn.JSON200.Data.IsConnected {
		t.Fatalf("connect under 2fa-required: want requires_2fa, an account_id and not connected yet: %s", conn.Body)
	}
	twoFA, err := c.SubmitLinkedIn2FAWithResponse(ctx, sky.SubmitLinkedIn2FAJSONRequestBody{
		AccountId: conn.JSON200.Data.AccountId, Code: ptr("123456")})
	step(t, "submitLinkedIn2FA", err, twoFA.HTTPResponse, twoFA.Body, http.StatusOK)
	if twoFA.JSON200.Data.Requires2fa || !twoFA.JSON200.Data.IsConnected {
		t.Fatalf("after the right code the account is connected: %s", twoFA.Body)
	}
	status, err := c.GetLinkedInStatusWithResponse(ctx)
	step(t, "getLinkedInStatus", err, status.HTTPResponse, status.Body, http.StatusOK)
	if !status.JSON200.Data.IsConnected || status.JSON200.Data.SyncStatus == nil || *status.JSON200.Data.SyncStatus != sky.SyncStatusCONNECTING {
		t.Errorf("status after 2FA: want connected and CONNECTING: %s", status.Body)
	}

	// Search with the doc's example, then launch a sequence campaign on the people found.
	found, err := c.SearchLinkedInPeopleWithResponse(ctx, sky.SearchLinkedInPeopleJSONRequestBody{
		Title: ptr("مدير تسويق"), Location: ptr("الرياض"), Company: ptr("شركة سحاب الخليج"), Limit: ptr(25)})
	step(t, "searchLinkedInPeople", err, found.HTTPResponse, found.Body, http.StatusOK)
	var ids []string
	for _, p := range found.JSON200.Data.Items {
		if len(ids) < 2 {
			ids = append(ids, p.ProviderId)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("the doc's search example finds nobody: %s", found.Body)
	}
	launched, err := c.LaunchSourcingCampaignWithResponse(ctx, sky.LaunchSourcingCampaignJSONRequestBody{
		Name: "تواصل مع مديري التسويق في الرياض", CampaignType: sky.Sequence, ProviderIds: &ids,
		InviteNote:       ptr("مرحباً، أتابع أعمالكم في قطاع التقنية وأحب التواصل معكم."),
		SequenceMessages: &[]sky.SequenceMessage{{Text: "شكراً على قبول الدعوة - هل يناسبك اتصال قصير الأسبوع القادم؟", WaitDays: 3}}})
	step(t, "launchSourcingCampaign", err, launched.HTTPResponse, launched.Body, http.StatusCreated)
	campaign := launched.JSON201.Data
	if campaign.Status != sky.CampaignStatusActive || campaign.CampaignType != sky.Sequence || campaign.ContactsCount != len(ids) {
		t.Errorf("launched campaign: want active, sequence, %d contacts: %s", len(ids), launched.Body)
	}

	paused, err := c.PauseOutreachCampaignWithResponse(ctx, campaign.Id)
	step(t, "pauseOutreachCampaign", err, paused.HTTPResponse, paused.Body, http.StatusOK)
	if paused.JSON200.Data.Status != sky.CampaignStatusPaused || paused.JSON200.Data.PausedAt == nil {
		t.Errorf("paused campaign: want status paused and paused_at: %s", paused.Body)
	}
	read, err := c.GetOutreachCampaignWithResponse(ctx, campaign.Id)
	step(t, "getOutreachCampaign", err, read.HTTPResponse, read.Body, http.StatusOK)
	if read.JSON200.Data.Status != sky.CampaignStatusPaused {
		t.Errorf("the campaign read back after pause: %s", read.Body)
	}

	// The LinkedIn page's DM to contact 418, then the conversations.
	sent, err := c.SendMessageWithResponse(ctx, sky.SendMessageJSONRequestBody{ContactId: 418,
		Message: "مرحباً سارة، شكراً على تواصلك معنا. كيف أقدر أساعدك؟"})
	step(t, "sendMessage", err, sent.HTTPResponse, sent.Body, http.StatusCreated)
	if sent.JSON201.Data.ContactId != 418 || sent.JSON201.Data.Status != sky.MessageStatusPending {
		t.Errorf("the doc's DM: want contact 418, pending: %s", sent.Body)
	}
	convs, err := c.ListConversationsWithResponse(ctx, &sky.ListConversationsParams{ContactId: ptr(418)})
	step(t, "listConversations", err, convs.HTTPResponse, convs.Body, http.StatusOK)
	if len(convs.JSON200.Data) != 1 || convs.JSON200.Meta.Total != 1 {
		t.Errorf("one conversation with contact 418: %s", convs.Body)
	}

	// Create a draft job, then publish it.
	job, err := c.CreateRecruiterJobWithResponse(ctx, sky.CreateRecruiterJobJSONRequestBody{
		Title: "مطور Laravel أول (Full Stack)", Description: "نبحث عن مطور Laravel بخبرة 3+ سنوات للانضمام لفريق منتج منصة المحادثات في الرياض.",
		Location: "الرياض، السعودية", CompanyName: ptr("شركة نور التقنية"), EmploymentType: sky.FULLTIME,
		WorkplaceType: sky.HYBRID, PublishNow: ptr(false)})
	step(t, "createRecruiterJob", err, job.HTTPResponse, job.Body, http.StatusCreated)
	if job.JSON201.Data.Status != sky.Draft {
		t.Errorf("a job created with publish_now false is a draft: %s", job.Body)
	}
	pub, err := c.PublishRecruiterJobWithResponse(ctx, job.JSON201.Data.Id)
	step(t, "publishRecruiterJob", err, pub.HTTPResponse, pub.Body, http.StatusOK)
	if pub.JSON200.Data.Status != sky.Published || pub.JSON200.Data.PublishedAt == nil {
		t.Errorf("published job: want status published and published_at: %s", pub.Body)
	}
	got, err := c.GetRecruiterJobWithResponse(ctx, job.JSON201.Data.Id)
	step(t, "getRecruiterJob", err, got.HTTPResponse, got.Body, http.StatusOK)
	if got.JSON200.Data.Status != sky.Published {
		t.Errorf("the job read back after publish: %s", got.Body)
	}
	sub, err := c.GetSubscriptionWithResponse(ctx)
	step(t, "getSubscription", err, sub.HTTPResponse, sub.Body, http.StatusOK)
	rec, err := c.GetRecruiterOverviewWithResponse(ctx, &sky.GetRecruiterOverviewParams{})
	step(t, "getRecruiterOverview", err, rec.HTTPResponse, rec.Body, http.StatusOK)
	if q := sub.JSON200.Data.Limits.MaxLinkedinJobs; q != rec.JSON200.Data.Quotas.MaxLinkedinJobs || q.Used != 3 || !sub.JSON200.Data.Features.LinkedinAccess {
		t.Errorf("the subscription's job posts (%+v) agree with the Recruiter quotas after one publish: %s", q, rec.Body)
	}
}
