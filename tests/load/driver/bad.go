package driver

import (
	"context"
	"net/http"
)

// badSkyLight sends one of the mistakes clients make, each with the status
// SkyLight answers it with.
func (wk *worker) badSkyLight(ctx context.Context, t *slTenant) {
	var rq request
	switch wk.rng.IntN(12) {
	case 0:
		rq = wk.sl("bad-no-key", http.MethodGet, "/account/subscription", t, nil, http.StatusUnauthorized)
		rq.key = ""
	case 1:
		rq = wk.sl("bad-path", http.MethodGet, "/linkedin/nope", t, nil, http.StatusNotFound)
	case 2:
		rq = wk.sl("bad-method", http.MethodDelete, "/account/subscription", t, nil, http.StatusMethodNotAllowed)
	case 3:
		rq = wk.sl("bad-body", http.MethodPost, "/linkedin/outreach/campaigns", t,
			map[string]any{"campaign_type": "invite", "provider_idz": []string{"x"}}, http.StatusUnprocessableEntity)
	case 4:
		rq = wk.sl("bad-json", http.MethodPost, "/messages/send", t, `{"contact_id": 401, "message": `, http.StatusUnprocessableEntity)
	case 5:
		rq = wk.sl("bad-campaign-id", http.MethodGet, "/linkedin/outreach/campaigns/987654", t, nil, http.StatusNotFound)
	case 6:
		rq = wk.sl("bad-cursor", http.MethodPost, "/linkedin/sourcing/search", t,
			map[string]any{"title": "Manager", "cursor": "djEuMTAuMDAwMDAwMDAwMDAwMDAwMA"}, http.StatusUnprocessableEntity)
	case 7:
		rq = wk.sl("bad-scenario", http.MethodGet, "/account/subscription", t, nil, http.StatusBadRequest)
		rq.headers = []string{"X-Mock-Scenario", "no-such-scenario"}
	case 8:
		rq = wk.sl("forced-404", http.MethodGet, "/linkedin/outreach/campaigns/51", t, nil, http.StatusNotFound)
		rq.headers = []string{"X-Mock-Status", "404"}
	case 9:
		rq = wk.sl("bad-targets", http.MethodPost, "/linkedin/sourcing/launch-campaign", t,
			map[string]any{"name": "bad", "campaign_type": "invite", "targets": "https://example.com/in/nobody\nnot a profile/"}, http.StatusUnprocessableEntity)
	case 10:
		rq = wk.sl("bad-contact", http.MethodPost, "/messages/send", t, map[string]any{"contact_id": 1, "message": "hello"}, http.StatusNotFound)
	default:
		rq = wk.sl("bad-page", http.MethodGet, "/contacts?page=0", t, nil, http.StatusUnprocessableEntity)
	}
	wk.do(ctx, rq)
}

// badKonnector sends one of the mistakes Konnector clients make.
func (wk *worker) badKonnector(ctx context.Context, t *knTenant) {
	var rq request
	switch wk.rng.IntN(7) {
	case 0:
		rq = wk.kn("bad-bearer", http.MethodGet, "/user-campaign-filters", t, nil, http.StatusUnauthorized)
		rq.key = "Bearer " + t.key
	case 1:
		rq = wk.kn("bad-date", http.MethodGet, "/dashboard-info?start_date=2025-02-30", t, nil, http.StatusBadRequest)
	case 2:
		rq = wk.kn("bad-range", http.MethodGet, "/dashboard-info?start_date=2025-05-10&end_date=2025-05-01", t, nil, http.StatusBadRequest)
	case 3:
		rq = wk.kn("bad-user-ids", http.MethodPost, "/campaign-info", t, map[string]any{"linkedin_user_information_ids": []string{"encrypted_id_string"}}, http.StatusBadRequest)
	case 4:
		rq = wk.kn("bad-routine", http.MethodGet, "/optimized_routine_data?linkedin_campaign_routine_id=abc", t, nil, http.StatusBadRequest)
	case 5:
		rq = wk.kn("bad-limit", http.MethodGet, "/campaign-info?limit=1000", t, nil, http.StatusBadRequest)
	default:
		if t.admin {
			rq = wk.kn("bad-key-org", http.MethodPost, "/create-api-key", t, map[string]any{"organisation_id": 123}, http.StatusUnauthorized, http.StatusForbidden)
		} else {
			rq = wk.kn("bad-not-admin", http.MethodPost, "/create-api-key", t, nil, http.StatusUnauthorized, http.StatusForbidden)
		}
	}
	if rq.key == "Bearer "+t.key {
		wk.do(ctx, rq) // refused before the rate limit: no pacing
		return
	}
	wk.doK(ctx, t, rq)
}
