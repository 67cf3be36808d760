package skylight_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const search = "/linkedin/sourcing/search"

func TestDocSearchExampleFindsPeople(t *testing.T) {
	t.Parallel()
	for _, locale := range []string{"en", "ar"} {
		c := on(t, startLocale(t, locale), "")
		res := c.ok(200, "POST", search, map[string]any{"title": "مدير تسويق", "location": "الرياض", "company": "شركة سحاب الخليج", "limit": 25})
		items := list(t, res["items"])
		require.NotEmpty(t, items)
		ids := map[any]bool{}
		for _, it := range items {
			ids[get(it, "provider_id")] = true
			ids[get(it, "public_identifier")] = true
		}
		require.True(t, ids["ACoAABcD1234"], "sara is found")
		require.True(t, ids["khalid-alshammari-ksa"], "khalid is found")
	}
}

// TestSearchFiltersReallyMatch checks every item of every page against the
// filters, for filters in both languages.
func TestSearchFiltersReallyMatch(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	cases := []struct {
		name   string
		body   map[string]any
		checks map[string]string // field -> lower-cased substring
	}{
		{"title", map[string]any{"title": "manager"}, map[string]string{"title": "manager"}},
		{"title case-insensitive", map[string]any{"title": "MANAGER"}, map[string]string{"title": "manager"}},
		{"location", map[string]any{"location": "Riyadh"}, map[string]string{"location": "riyadh"}},
		{"company", map[string]any{"company": "Keystone"}, map[string]string{"company": "keystone"}},
		{"industry", map[string]any{"industry": "Retail"}, map[string]string{"industry": "retail"}},
		{"arabic title and city", map[string]any{"title": "مدير", "location": "جدة"}, map[string]string{"title": "مدير", "location": "جدة"}},
		{"arabic letter variants", map[string]any{"location": "مكه المكرمه"}, map[string]string{"location": "مكة المكرمة"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			items := allPages(t, c, tc.body, 7)
			require.NotEmpty(t, items)
			for _, it := range items {
				for field, want := range tc.checks {
					require.Contains(t, strings.ToLower(get(it, field).(string)), want, "%s of %v", field, it)
				}
			}
		})
	}
	t.Run("keywords match across fields, every word", func(t *testing.T) {
		items := allPages(t, c, map[string]any{"keywords": "marketing riyadh"}, 50)
		require.NotEmpty(t, items)
		for _, it := range items {
			all := strings.ToLower(strings.Join([]string{get(it, "name").(string), get(it, "headline").(string),
				get(it, "title").(string), get(it, "company").(string), get(it, "industry").(string), get(it, "location").(string)}, " "))
			require.Contains(t, all, "marketing")
			require.Contains(t, all, "riyadh")
		}
	})
	t.Run("no match is an empty page", func(t *testing.T) {
		res := c.ok(200, "POST", search, map[string]any{"company": "no such company anywhere"})
		require.Empty(t, res["items"])
		require.Nil(t, res["next_cursor"])
		require.EqualValues(t, 0, res["total"])
	})
}

// allPages follows next_cursor to the end and checks the paging contract:
// page sizes, no duplicates, the total.
func allPages(t *testing.T, c *client, body map[string]any, limit int) []any {
	t.Helper()
	var out []any
	seen := map[any]bool{}
	req := map[string]any{"limit": limit}
	for k, v := range body {
		req[k] = v
	}
	total := -1
	for range 1000 {
		res := c.ok(200, "POST", search, req)
		items := list(t, res["items"])
		if total < 0 {
			total = num(t, res["total"])
		}
		require.Equal(t, total, num(t, res["total"]), "total is the same on every page")
		require.LessOrEqual(t, len(items), limit)
		for _, it := range items {
			id := get(it, "provider_id")
			require.False(t, seen[id], "duplicate %v", id)
			seen[id] = true
		}
		out = append(out, items...)
		next, _ := res["next_cursor"].(string)
		if next == "" {
			require.Len(t, out, total)
			return out
		}
		require.Len(t, items, limit, "every page but the last is full")
		req["cursor"] = next
	}
	t.Fatal("paging never ended")
	return nil
}

func TestSearchIsStable(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	body := map[string]any{"title": "engineer", "limit": 5}
	a := c.do("POST", search, body).Raw
	b := c.do("POST", search, body).Raw
	require.Equal(t, string(a), string(b))
	other := on(t, startLocale(t, ""), "")
	require.Equal(t, string(a), string(other.do("POST", search, body).Raw), "same seed, same results")
}

func TestSearchResultsResolveEverywhere(t *testing.T) {
	t.Parallel()
	c := newClient(t, "")
	items := list(t, c.ok(200, "POST", search, map[string]any{"title": "analyst", "limit": 3})["items"])
	require.Len(t, items, 3)
	var ids []string
	for _, it := range items {
		ids = append(ids, get(it, "provider_id").(string))
	}
	camp := c.ok(201, "POST", "/linkedin/sourcing/launch-campaign", map[string]any{"name": "analysts", "campaign_type": "invite", "provider_ids": ids})
	id := num(t, camp["id"])
	contacts, _ := c.page("/linkedin/outreach/campaigns/" + itoa(id) + "/contacts")
	require.Len(t, contacts, 3)
	for i, ct := range contacts {
		require.Equal(t, ids[i], get(ct, "provider_id"))
		require.Equal(t, get(items[i], "name"), get(ct, "name"))
		require.Equal(t, get(items[i], "profile_url"), get(ct, "profile_url"))
		contact := contactByID(t, c, num(t, get(ct, "contact_id")))
		require.Equal(t, "linkedin", get(contact, "type"))
		require.Equal(t, ids[i], get(contact, "provider_id"))
		require.Equal(t, get(items[i], "headline"), get(contact, "headline"))
	}
}
