package konnector

import (
	"strconv"
	"testing"
	"time"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// BenchmarkCampaignInfoSimulation measures what campaign-info computes for
// one request, without HTTP, validation or encoding: the selection with its
// range totals, the sort and the items of a page of 10 (default world, the
// last 30 days).
func BenchmarkCampaignInfoSimulation(b *testing.B) {
	start := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	s := &scenarios.Settings{World: scenarios.World{Users: 4, Routines: 20, HistoryDays: 60}}
	w := newWorld(1, "bench-key", s, start, fixtures.MustLoad())
	today := dayOf(start)
	cq := &campaignQuery{query: &query{}, rg: dateRange{from: today - 29, to: today}, users: w.users, limit: 10, sortBy: "created_at", desc: true}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		rows := w.campaignRows(cq, today)
		sortRows(rows, cq.sortBy, cq.desc)
		dates := cq.rg.dates()
		for _, row := range rows[:cq.limit] {
			_ = w.campaignItem(row.r, cq.rg, dates, today, start)
		}
	}
}

// BenchmarkNewWorld measures making a tenant's organisation at the default
// sizes: the cost a new API key's first request pays.
func BenchmarkNewWorld(b *testing.B) {
	start := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	s := &scenarios.Settings{World: scenarios.World{Users: 4, Routines: 20, HistoryDays: 60}}
	fx := fixtures.MustLoad()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = newWorld(1, "bench-key-"+strconv.Itoa(i), s, start, fx)
	}
}
