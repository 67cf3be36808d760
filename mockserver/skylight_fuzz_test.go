package mockserver_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// skyFuzzMock is a server shared by every input of a fuzz target (seed 1,
// frozen clock, response validation on, few tenants held).
func skyFuzzMock(f *testing.F) *mockserver.Server {
	f.Helper()
	return mocktest.Start(f, mockserver.Options{MaxTenants: 4}).Mock
}

// skyFuzzReply is one in-process answer.
type skyFuzzReply struct {
	status int
	raw    []byte
	body   map[string]any // the whole body
	data   map[string]any // a success's `data`, when an object
	items  []any          // a success's `data`, when a list
	meta   map[string]any // a list's `meta`
}

// skyCall sends one SkyLight request in-process and checks what every answer
// must be: valid JSON, SkyLight's envelope on errors, never a 5xx.
func skyCall(t *testing.T, h http.Handler, key, method, path string, body any) skyFuzzReply {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req := httptest.NewRequest(method, "/api/v1"+path, rd)
	req.Header.Set("X-Api-Key", key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Mock-Scenario", "no-rate-limit") // fuzzing is a flood
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	r := skyFuzzReply{status: w.Code, raw: w.Body.Bytes()}
	dec := json.NewDecoder(bytes.NewReader(r.raw))
	dec.UseNumber()
	if err := dec.Decode(&r.body); err != nil {
		t.Fatalf("%s %s: status %d, not a JSON object: %q", method, path, w.Code, r.raw)
	}
	if w.Code >= 500 {
		t.Fatalf("%s %s: status %d: %s", method, path, w.Code, r.raw)
	}
	if w.Code >= 400 && (r.body["success"] != false || r.body["message"] == nil || (r.body["errors"] != nil) != (w.Code == 422 && r.body["error"] == nil)) {
		t.Fatalf("%s %s: status %d, not SkyLight's envelope: %s", method, path, w.Code, r.raw)
	}
	if w.Code < 300 {
		if r.body["success"] != true || r.body["data"] == nil {
			t.Fatalf("%s %s: status %d, not SkyLight's envelope: %s", method, path, w.Code, r.raw)
		}
		r.data, _ = r.body["data"].(map[string]any)
		r.items, _ = r.body["data"].([]any)
		r.meta, _ = r.body["meta"].(map[string]any)
	}
	return r
}

// skyNumber reads an integer of an answer (0 if it is not one).
func skyNumber(v any) int {
	n, _ := v.(json.Number)
	i, _ := n.Int64()
	return int(i)
}

// FuzzSearchCursor sends any cursor (with any title and limit) to the
// people search. A cursor is accepted only when it names a real offset of
// this very search: then the page holds exactly the items from there, and
// has a next cursor exactly when more remain.
func FuzzSearchCursor(f *testing.F) {
	srv := skyFuzzMock(f)
	for _, title := range []string{"Manager", "مدير", "Engineer"} {
		body := map[string]any{"title": title, "limit": 10}
		for range 3 {
			w := httptest.NewRecorder()
			b, _ := json.Marshal(body)
			req := httptest.NewRequest("POST", "/api/v1/linkedin/sourcing/search", bytes.NewReader(b))
			req.Header.Set("X-Api-Key", "fuzz")
			req.Header.Set("Content-Type", "application/json")
			srv.ServeHTTP(w, req)
			var page struct {
				Data struct {
					Next *string `json:"next_cursor"`
				} `json:"data"`
			}
			if json.Unmarshal(w.Body.Bytes(), &page) != nil || page.Data.Next == nil {
				break
			}
			f.Add(title, 10, *page.Data.Next)
			f.Add("Manager", 25, *page.Data.Next) // another search's cursor
			body["cursor"] = *page.Data.Next
		}
	}
	for _, c := range []string{"", "djE", "djEuMTAuMDAwMDAwMDAwMDAwMDAwMA", "v1.10.0", "djEuLTEuMA", "////", "djEuOTk5OTk5OTk5OTk5OTk5OTk5OTk5LjA"} {
		f.Add("Manager", 10, c)
	}
	f.Fuzz(func(t *testing.T, title string, limit int, cursor string) {
		body := map[string]any{"title": title, "limit": limit, "cursor": cursor}
		r := skyCall(t, srv, "fuzz", "POST", "/linkedin/sourcing/search", body)
		switch r.status {
		case http.StatusUnprocessableEntity:
			return
		case http.StatusOK:
		default:
			t.Fatalf("status %d: %s", r.status, r.raw)
		}
		raw, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil {
			t.Fatalf("accepted a cursor that is not base64url: %q", cursor)
		}
		parts := strings.Split(string(raw), ".")
		if len(parts) != 3 || parts[0] != "v1" {
			t.Fatalf("accepted a cursor of another format: %q", raw)
		}
		offset, err := strconv.Atoi(parts[1])
		total := skyNumber(r.data["total"])
		items, _ := r.data["items"].([]any)
		if err != nil || offset < 1 || offset >= total {
			t.Fatalf("accepted offset %q of %d matches", parts[1], total)
		}
		if want := min(limit, total-offset); len(items) != want {
			t.Fatalf("page at %d (limit %d, total %d) has %d items, want %d", offset, limit, total, len(items), want)
		}
		if _, more := r.data["next_cursor"].(string); more != (offset+len(items) < total) {
			t.Fatalf("next_cursor present %v at %d+%d of %d", more, offset, len(items), total)
		}
	})
}

// targetField names an error of one `targets` line.
var targetField = regexp.MustCompile(`^targets\[(\d+)\]$`)

// FuzzCampaignTargets sends any `targets` text (and provider ids) to
// launch-campaign: the answer is 201 or 422, a created campaign has between
// one person and as many as were given, and every error names a line that
// exists.
func FuzzCampaignTargets(f *testing.F) {
	srv := skyFuzzMock(f)
	for _, s := range []struct{ targets, ids string }{
		{"https://www.linkedin.com/in/khalid-alshammari-ksa\nhttps://linkedin.com/in/sara-alqahtani/", ""},
		{"khalid-alshammari-ksa\n\n  faisal-alharbi-pm  \r\n", "ACoAABcD1234"},
		{"https://www.linkedin.com/in/%E2%9C%93/?utm=1", ""},
		{"https://example.com/in/x\nnot a profile/\nhttp://www.linkedin.com/in/%zz", "ACoAABcD1234,ACoAABcD1234"},
		{"", ""}, {"\n\n\n", ""}, {"ACoAABcD1234\nacoaabcd1234", ""},
		{strings.Repeat("https://www.linkedin.com/in/p-x\n", 600), ""},
	} {
		f.Add(s.targets, s.ids, false)
		f.Add(s.targets, s.ids, true)
	}
	var n atomic.Int64
	f.Fuzz(func(t *testing.T, targets, ids string, sequence bool) {
		key := fmt.Sprintf("fuzz-%d", n.Add(1)/200) // a fresh world now and then: campaigns pile up
		body := map[string]any{"name": "fuzz", "campaign_type": "invite", "targets": targets}
		if sequence {
			body["campaign_type"] = "sequence"
			body["sequence_messages"] = []map[string]any{{"text": "hi", "wait_days": 1}}
		}
		given := 0
		for _, line := range strings.Split(targets, "\n") {
			if strings.TrimSpace(line) != "" {
				given++
			}
		}
		if ids != "" {
			list := strings.Split(ids, ",")
			body["provider_ids"] = list
			given += len(list)
		}
		r := skyCall(t, srv, key, "POST", "/linkedin/sourcing/launch-campaign", body)
		switch r.status {
		case http.StatusCreated:
			if got := skyNumber(r.data["contacts_count"]); got < 1 || got > given || got > 500 {
				t.Fatalf("a campaign of %d people from %d given: %s", got, given, r.raw)
			}
		case http.StatusUnprocessableEntity:
			lines := len(strings.Split(targets, "\n"))
			errs, _ := r.body["errors"].(map[string]any)
			for field := range errs {
				if m := targetField.FindStringSubmatch(field); m != nil {
					if i, _ := strconv.Atoi(m[1]); i < 1 || i > lines {
						t.Fatalf("error on %s of %d lines: %s", field, lines, r.raw)
					}
				}
			}
		default:
			t.Fatalf("status %d: %s", r.status, r.raw)
		}
	})
}

// FuzzPaging sends any page and per_page to the paginated lists: an
// accepted page reports what was asked, and holds exactly the items of
// that page of the total.
func FuzzPaging(f *testing.F) {
	srv := skyFuzzMock(f)
	for _, s := range []struct {
		list      uint8
		page, per string
	}{{0, "1", "15"}, {1, "2", "3"}, {2, "1", "100"}, {0, "", ""}, {1, "0", "0"}, {2, "9223372036854775807", "100"},
		{0, "99999999999999999999", "1"}, {1, "1.5", "2"}, {2, "-1", "101"}, {0, "4", "50"}} {
		f.Add(s.list, s.page, s.per, "")
	}
	f.Add(uint8(0), "1", "10", "linkedin")
	f.Add(uint8(1), "1", "10", "active")
	lists := []struct{ path, filter string }{
		{"/contacts", "type"},
		{"/linkedin/outreach/campaigns", "status"},
		{"/linkedin/outreach/campaigns/51/contacts", "status"},
		{"/conversations", "channel"},
		{"/contacts/418/messages", "unused"},
	}
	f.Fuzz(func(t *testing.T, list uint8, page, per, filter string) {
		l := lists[int(list)%len(lists)]
		q := "?"
		if page != "" {
			q += "page=" + url.QueryEscape(page) + "&"
		}
		if per != "" {
			q += "per_page=" + url.QueryEscape(per) + "&"
		}
		if filter != "" {
			q += l.filter + "=" + url.QueryEscape(filter)
		}
		r := skyCall(t, srv, "fuzz-paging", "GET", l.path+q, nil)
		switch r.status {
		case http.StatusOK:
		case http.StatusUnprocessableEntity, http.StatusBadRequest:
			return
		default:
			t.Fatalf("status %d: %s", r.status, r.raw)
		}
		pg := r.meta
		wantPage, wantPer := 1, 15
		if page != "" {
			wantPage, _ = strconv.Atoi(page)
		}
		if per != "" {
			wantPer, _ = strconv.Atoi(per)
		}
		total, items := skyNumber(pg["total"]), r.items
		switch {
		case skyNumber(pg["current_page"]) != wantPage || skyNumber(pg["per_page"]) != wantPer:
			t.Fatalf("asked page %q per_page %q, got %v", page, per, pg)
		case skyNumber(pg["last_page"]) != max((total+wantPer-1)/wantPer, 1):
			t.Fatalf("last_page %v for %d items by %d", pg["last_page"], total, wantPer)
		}
		want := 0
		if wantPage-1 < (total+wantPer-1)/wantPer {
			want = min(wantPer, total-(wantPage-1)*wantPer)
		}
		if len(items) != want {
			t.Fatalf("page %d by %d of %d holds %d items, want %d", wantPage, wantPer, total, len(items), want)
		}
	})
}
