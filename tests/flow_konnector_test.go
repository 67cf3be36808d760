package tests

import (
	"context"
	"net/http"
	"testing"

	kon "github.com/linkedin-mock/linkedin-mock/tests/clients/konnector"
)

// TestKonnectorFlowThroughGeneratedClient drives the Konnector flow
// through the client generated from the spec, against the real binary:
// filters, dashboard for the users found, paging through campaign-info to
// the end, and optimized_routine_data for a routine found.
func TestKonnectorFlowThroughGeneratedClient(t *testing.T) {
	srv := startMock(t, serverFlags{})
	c, err := kon.NewClientWithResponses(srv.URL+"/social_app/api/v1/third_party", kon.WithHTTPClient(srv.client),
		kon.WithRequestEditorFn(headers("Authorization", "flow-konnector")))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	filters, err := c.GetUserCampaignFiltersWithResponse(ctx)
	step(t, "getUserCampaignFilters", err, filters.HTTPResponse, filters.Body, http.StatusOK)
	users, routines := filters.JSON200.Data.LinkedinUsers, filters.JSON200.Data.CampaignRoutines
	if len(users) == 0 || len(routines) == 0 {
		t.Fatalf("filters list no users or no routines: %s", filters.Body)
	}
	ids := kon.LinkedInUserIds{}
	for _, u := range users {
		ids = append(ids, u.LinkedinUserInformationId)
	}

	dash, err := c.GetDashboardInfoWithResponse(ctx, &kon.GetDashboardInfoParams{LinkedinUserInformationIds: &ids})
	step(t, "getDashboardInfo", err, dash.HTTPResponse, dash.Body, http.StatusOK)
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
	}
	for _, p := range dash.JSON200.Data.UserPerformance {
		if !known[p.LinkedinUserInformationId] {
			t.Errorf("dashboard reports user %q, not one of the filters' users", p.LinkedinUserInformationId)
		}
	}

	pageCampaignInfo(t, c)

	routine := routines[0]
	data, err := c.GetOptimizedRoutineDataWithResponse(ctx, &kon.GetOptimizedRoutineDataParams{
		LinkedinCampaignRoutineId: routine.LinkedinCampaignRoutineId})
	step(t, "getOptimizedRoutineData", err, data.HTTPResponse, data.Body, http.StatusOK)
	details := data.JSON200.Data.CampaignDetails
	if details.Id != routine.LinkedinCampaignRoutineId || details.Name != routine.Name {
		t.Errorf("optimized_routine_data for %s (%s) describes %s (%s)", routine.LinkedinCampaignRoutineId, routine.Name, details.Id, details.Name)
	}
}

// pageCampaignInfo reads campaign-info page by page (3 a page) to the end and
// checks the paging: offsets and pages as asked, every page full but the
// last, no routine twice, as many as the total.
func pageCampaignInfo(t *testing.T, c *kon.ClientWithResponses) {
	t.Helper()
	const limit = 3
	seen := map[string]bool{}
	total := -1
	for offset := 0; total < 0 || offset < total; offset += limit {
		if offset > 1000 {
			t.Fatalf("campaign-info paging does not end (offset %d, total %d)", offset, total)
		}
		page, err := c.GetCampaignInfoWithResponse(context.Background(), &kon.GetCampaignInfoParams{Limit: ptr(limit), Offset: ptr(offset)})
		step(t, "getCampaignInfo", err, page.HTTPResponse, page.Body, http.StatusOK)
		d := page.JSON200.Data
		if total >= 0 && d.TotalCampaignRoutinesCount != total {
			t.Fatalf("the total changed while paging: %d then %d", total, d.TotalCampaignRoutinesCount)
		}
		total = d.TotalCampaignRoutinesCount
		p := d.Pagination
		if p.Limit != limit || p.Offset != offset || p.CurrentPage != offset/limit+1 || p.TotalPages != (total+limit-1)/limit {
			t.Errorf("pagination at offset %d of %d: %+v", offset, total, p)
		}
		if want := min(limit, total-offset); len(d.CampaignInfo) != want {
			t.Errorf("page at offset %d has %d routines, want %d", offset, len(d.CampaignInfo), want)
		}
		for _, item := range d.CampaignInfo {
			id := item.LinkedinCampaignRoutine.Id
			if seen[id] {
				t.Errorf("routine %s appears on two pages", id)
			}
			seen[id] = true
		}
		if total == 0 {
			break
		}
	}
	if len(seen) != total {
		t.Errorf("paging read %d routines, the total says %d", len(seen), total)
	}
}
