package mockserver_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// fuzzOrg is what the fuzz target knows of its organisation: the ids the
// server issued.
type fuzzOrg struct {
	users, routines []string
}

// orgOf reads the organisation of the fuzz key in-process.
func orgOf(f *testing.F, h http.Handler) fuzzOrg {
	req := httptest.NewRequest("GET", "/social_app/api/v1/third_party/user-campaign-filters", nil)
	req.Header.Set("Authorization", "fuzz-org")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var got struct {
		Data struct {
			Users []struct {
				ID string `json:"linkedin_user_information_id"`
			} `json:"linkedin_users"`
			Routines []struct {
				ID string `json:"linkedin_campaign_routine_id"`
			} `json:"campaign_routines"`
		} `json:"data"`
	}
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &got) != nil {
		f.Fatalf("user-campaign-filters: %d %s", w.Code, w.Body.String())
	}
	var o fuzzOrg
	for _, u := range got.Data.Users {
		o.users = append(o.users, u.ID)
	}
	for _, r := range got.Data.Routines {
		o.routines = append(o.routines, r.ID)
	}
	return o
}

// konnectorCodes are the error codes a filter may be refused with.
var konnectorCodes = map[int][]string{
	http.StatusBadRequest: {"INVALID_REQUEST", "INVALID_USER_IDS", "INVALID_DATE_RANGE", "INVALID_ROUTINE_ID"},
	http.StatusNotFound:   {"NOT_FOUND"},
}

// FuzzKonnectorFilters sends any encrypted user ids, routine id, dates,
// limit and offset to /dashboard-info, /campaign-info (GET and POST) and
// /optimized_routine_data. The answer is 200, or 400/404 in Konnector's
// envelope with a documented code; an accepted request named only ids this
// organisation was issued, real calendar dates in order at most 366 days
// apart, and paging within bounds.
func FuzzKonnectorFilters(f *testing.F) {
	srv := start(f, 1, "unlimited").Mock
	org := orgOf(f, srv)
	first := org.users[0]
	f.Add(uint8(0), first, "", "2025-04-12", "2025-05-11", "", "", false)
	f.Add(uint8(0), first+","+org.users[len(org.users)-1], "", "", "", "", "", true)
	f.Add(uint8(1), "", "", "2024-02-29", "2024-03-01", "10", "0", false)
	f.Add(uint8(1), first, "", "2023-02-29", "", "100", "2147483647", true)
	f.Add(uint8(1), "encrypted_id_string", "", "2025-05-10", "2025-05-01", "1e2", "-1", true)
	f.Add(uint8(2), "", org.routines[0], "", "", "", "", false)
	f.Add(uint8(2), "", org.routines[0][:27]+"A", "2024-05-11", "2025-05-12", "", "", false)
	f.Add(uint8(2), "", first, "0001-01-01", "9999-12-31", "", "", false)
	f.Add(uint8(1), " "+first+" ", "", "2025-5-1", "2025-05-01T00:00:00Z", "10.0", "0.5", true)
	f.Fuzz(func(t *testing.T, op uint8, ids, routine, start, end, limit, offset string, post bool) {
		path, kind := "/dashboard-info", int(op)%3
		switch kind {
		case 1:
			path = "/campaign-info"
		case 2:
			path, post = "/optimized_routine_data", false
		}
		var userIDs []string
		if ids != "" {
			userIDs = strings.Split(ids, ",")
		}
		var req *http.Request
		if post {
			body := map[string]any{}
			if userIDs != nil {
				body["linkedin_user_information_ids"] = userIDs
			}
			for name, v := range map[string]string{"start_date": start, "end_date": end} {
				if v != "" {
					body[name] = v
				}
			}
			for name, v := range map[string]string{"limit": limit, "offset": offset} {
				if v == "" {
					continue
				}
				if json.Valid([]byte(v)) {
					body[name] = json.RawMessage(v)
				} else {
					body[name] = v
				}
			}
			b, err := json.Marshal(body)
			if err != nil {
				t.Skip()
			}
			req = httptest.NewRequest("POST", "/social_app/api/v1/third_party"+path, bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
		} else {
			q := url.Values{}
			for _, id := range userIDs {
				q.Add("linkedin_user_information_ids", id)
			}
			for name, v := range map[string]string{"linkedin_campaign_routine_id": routine, "start_date": start,
				"end_date": end, "limit": limit, "offset": offset} {
				if v != "" && (kind == 1 || (name != "limit" && name != "offset")) && (kind == 2 || name != "linkedin_campaign_routine_id") {
					q.Set(name, v)
				}
			}
			req = httptest.NewRequest("GET", "/social_app/api/v1/third_party"+path+"?"+q.Encode(), nil)
		}
		req.Header.Set("Authorization", "fuzz-org")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)

		var got struct {
			Status bool            `json:"status"`
			Data   json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("status %d, not JSON: %q", w.Code, w.Body.String())
		}
		if w.Code != http.StatusOK {
			var e struct {
				Code      string `json:"error_code"`
				RequestID string `json:"request_id"`
			}
			_ = json.Unmarshal(got.Data, &e)
			if got.Status || !slices.Contains(konnectorCodes[w.Code], e.Code) || e.RequestID == "" {
				t.Fatalf("status %d, not a documented refusal: %s", w.Code, w.Body.String())
			}
			if w.Code == http.StatusNotFound && kind != 2 {
				t.Fatalf("404 outside optimized_routine_data: %s", w.Body.String())
			}
			return
		}
		for _, id := range userIDs {
			if kind == 2 {
				break // optimized_routine_data takes no user ids: like any unknown parameter, they are ignored
			}
			if !slices.Contains(org.users, strings.TrimSpace(id)) {
				t.Fatalf("accepted user id %q, which the organisation was not issued", id)
			}
		}
		if kind == 2 && !slices.Contains(org.routines, routine) {
			t.Fatalf("accepted routine id %q, which the organisation was not issued", routine)
		}
		checkDates(t, start, end)
		if kind == 1 {
			var d struct {
				Pagination struct {
					Limit  int `json:"limit"`
					Offset int `json:"offset"`
				} `json:"pagination"`
			}
			if json.Unmarshal(got.Data, &d) != nil || d.Pagination.Limit < 1 || d.Pagination.Limit > 100 || d.Pagination.Offset < 0 {
				t.Fatalf("accepted limit %q offset %q as %+v", limit, offset, d.Pagination)
			}
		}
	})
}

// checkDates holds for an accepted request: given dates are calendar dates,
// in order, at most 366 dates apart.
func checkDates(t *testing.T, start, end string) {
	t.Helper()
	var from, to time.Time
	for _, d := range []struct {
		s   string
		dst *time.Time
	}{{start, &from}, {end, &to}} {
		if d.s == "" {
			continue
		}
		v, err := time.Parse(time.DateOnly, d.s)
		if err != nil {
			t.Fatalf("accepted date %q: %v", d.s, err)
		}
		*d.dst = v
	}
	if start != "" && end != "" && (to.Before(from) || to.Sub(from) > 365*24*time.Hour) {
		t.Fatalf("accepted the range %s..%s", start, end)
	}
}
