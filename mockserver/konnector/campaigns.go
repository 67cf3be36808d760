package konnector

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// Paging defaults and bounds of /campaign-info.
const (
	defaultLimit = 50
	maxLimit     = 100
	maxOffset    = math.MaxInt32
)

// The JSON shapes of /campaign-info.
type (
	pagination struct {
		CurrentPage int     `json:"current_page"`
		TotalPages  int     `json:"total_pages"`
		Limit       int     `json:"limit"`
		Offset      int     `json:"offset"`
		NextPageURL *string `json:"next_page_url"`
		PrevPageURL *string `json:"prev_page_url"`
	}
	campaignInfoData struct {
		CampaignInfo               []campaignItem `json:"campaign_info"`
		TotalCampaignRoutinesCount int            `json:"total_campaign_routines_count"`
		Pagination                 pagination     `json:"pagination"`
		FiltersApplied             filtersApplied `json:"filters_applied"`
		stamp
	}
)

// campaignRow is a selected routine with what sorting needs.
type campaignRow struct {
	r       *routine
	status  string // today's status
	sum     events // over the date range
	members int    // over the routine's life
}

// sortKeys compare two rows by a sort_by field, ascending.
var sortKeys = map[string]func(a, b *campaignRow) int{
	"created_at":            func(a, b *campaignRow) int { return a.r.createdAt.Compare(b.r.createdAt) },
	"campaign_name":         func(a, b *campaignRow) int { return strings.Compare(a.r.name, b.r.name) },
	"campaign_status":       func(a, b *campaignRow) int { return strings.Compare(a.status, b.status) },
	"campaign_type":         func(a, b *campaignRow) int { return strings.Compare(a.r.kind, b.r.kind) },
	"last_activate_time":    func(a, b *campaignRow) int { return a.r.lastActivate.Compare(*b.r.lastActivate) },
	"member_count":          func(a, b *campaignRow) int { return cmp.Compare(a.members, b.members) },
	"friend_request_count":  func(a, b *campaignRow) int { return cmp.Compare(a.sum.requests, b.sum.requests) },
	"friend_accept_count":   func(a, b *campaignRow) int { return cmp.Compare(a.sum.accepts, b.sum.accepts) },
	"message_sent_count":    func(a, b *campaignRow) int { return cmp.Compare(a.sum.sent(), b.sum.sent()) },
	"message_replied_count": func(a, b *campaignRow) int { return cmp.Compare(a.sum.replied(), b.sum.replied()) },
	"connection_percentage": func(a, b *campaignRow) int {
		return cmp.Compare(percent(a.sum.accepts, a.sum.requests), percent(b.sum.accepts, b.sum.requests))
	},
	"response_rate": func(a, b *campaignRow) int {
		return cmp.Compare(percent(a.sum.replied(), a.sum.sent()), percent(b.sum.replied(), b.sum.sent()))
	},
}

// sortFields lists the sort_by values in the spec's order.
var sortFields = []string{"created_at", "campaign_name", "campaign_status", "campaign_type", "last_activate_time",
	"member_count", "friend_request_count", "friend_accept_count", "connection_percentage", "message_sent_count",
	"message_replied_count", "response_rate"}

// campaignQuery is a validated campaign-info request.
type campaignQuery struct {
	*query
	rg            dateRange
	users         []*user
	limit, offset int
	sortBy        string
	desc          bool
}

// parseCampaignQuery checks what the schema cannot and applies the defaults.
func (c *call) parseCampaignQuery(q *query) (*campaignQuery, *sim.Error) {
	cq := &campaignQuery{query: q, sortBy: "created_at", desc: true}
	var err *sim.Error
	if cq.limit, err = intParam("limit", q.limit, defaultLimit, 1, maxLimit); err != nil {
		return nil, err
	}
	if cq.offset, err = intParam("offset", q.offset, 0, 0, maxOffset); err != nil {
		return nil, err
	}
	for _, e := range []*sim.Error{
		enumParam("sort_by", q.sortBy, sortFields), enumParam("sort_order", q.sortOrder, []string{"asc", "desc"}),
		enumParam("campaign_status", q.campaignStatus, campaignStatuses),
		enumParam("campaign_type", q.campaignType, campaignTypes),
	} {
		if e != nil {
			return nil, e
		}
	}
	if q.sortBy != nil {
		cq.sortBy = *q.sortBy
	}
	cq.desc = q.sortOrder == nil || *q.sortOrder == "desc"
	if cq.rg, err = resolveRange(q.startDate, q.endDate, c.today); err != nil {
		return nil, err
	}
	if cq.users, err = c.world.selectUsers(q.userIDs); err != nil {
		return nil, err
	}
	return cq, nil
}

// campaignInfoFrom answers /campaign-info with the filters read by read.
func (a *api) campaignInfoFrom(read queryReader) operation {
	return func(c *call) (string, any, *sim.Error) {
		q, err := read(c.req.Query, c.req.Body)
		if err != nil {
			return "", nil, err
		}
		cq, err := c.parseCampaignQuery(q)
		if err != nil {
			return "", nil, err
		}
		rows := c.world.campaignRows(cq, c.today)
		sortRows(rows, cq.sortBy, cq.desc)
		page := rows[min(cq.offset, len(rows)):min(cq.offset+cq.limit, len(rows))]
		data := campaignInfoData{
			CampaignInfo:               make([]campaignItem, 0, len(page)),
			TotalCampaignRoutinesCount: len(rows),
			Pagination:                 cq.pagination(c.req.BasePath, len(rows)),
			FiltersApplied:             q.applied(),
			stamp:                      c.stamp(),
		}
		dates := cq.rg.dates()
		for _, row := range page {
			data.CampaignInfo = append(data.CampaignInfo, c.world.campaignItem(row.r, cq.rg, dates, c.today, c.req.Now))
		}
		return "Campaign info shared successfully", data, nil
	}
}

// campaignRows selects the routines of the request: the dashboard's routines
// for the same users and range, then the status, type and term filters.
func (w *world) campaignRows(cq *campaignQuery, today day) []*campaignRow {
	var term string
	if cq.term != nil {
		term = strings.ToLower(strings.TrimSpace(*cq.term))
	}
	rows := []*campaignRow{}
	for _, r := range w.routinesOf(cq.users, cq.rg) {
		status := r.statusOn(today)
		switch {
		case cq.campaignStatus != nil && *cq.campaignStatus != status,
			cq.campaignType != nil && *cq.campaignType != r.kind,
			term != "" && !strings.Contains(strings.ToLower(r.name), term):
			continue
		}
		rows = append(rows, &campaignRow{r: r, status: status, sum: r.total(cq.rg, today), members: r.lifetime(today).members})
	}
	return rows
}

// sortRows orders rows by the field, ties broken by creation order (oldest
// first) in both orders; never-activated routines sort last by
// last_activate_time in both orders.
func sortRows(rows []*campaignRow, field string, desc bool) {
	key := sortKeys[field]
	slices.SortStableFunc(rows, func(a, b *campaignRow) int {
		if field == "last_activate_time" && (a.r.lastActivate == nil || b.r.lastActivate == nil) {
			if c := cmp.Compare(nilRank(a), nilRank(b)); c != 0 {
				return c
			}
		} else if c := key(a, b); c != 0 {
			if desc {
				return -c
			}
			return c
		}
		return cmp.Compare(a.r.number, b.r.number)
	})
}

// nilRank is 1 for a routine never activated, so it sorts after the others.
func nilRank(row *campaignRow) int {
	if row.r.lastActivate == nil {
		return 1
	}
	return 0
}

// pagination computes the paging of total rows; base is the API's base path.
func (cq *campaignQuery) pagination(base string, total int) pagination {
	p := pagination{
		CurrentPage: cq.offset/cq.limit + 1, TotalPages: max(1, (total+cq.limit-1)/cq.limit),
		Limit: cq.limit, Offset: cq.offset,
	}
	if cq.offset+cq.limit < total {
		next := cq.pageURL(base, cq.offset+cq.limit, cq.limit)
		p.NextPageURL = &next
	}
	if cq.offset > 0 {
		prev := cq.pageURL(base, max(0, cq.offset-cq.limit), cq.limit)
		p.PrevPageURL = &prev
	}
	return p
}
