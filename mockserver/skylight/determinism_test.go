package skylight_test

import (
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/require"
)

// script is a sequence of reads and writes, with the clock moving.
var script = []struct {
	method, path string
	body         any
	advance      time.Duration
}{
	{"GET", "/linkedin/overview", nil, 0},
	{"GET", "/contacts?per_page=100", nil, 0},
	{"POST", search, map[string]any{"keywords": "manager", "limit": 50}, 0},
	{"POST", "/linkedin/sourcing/launch-campaign", docCampaign(), 0},
	{"POST", "/messages/send", map[string]any{"contact_id": 418, "message": "hello"}, time.Hour},
	{"GET", "/conversations?per_page=100", nil, 0},
	{"GET", "/account/subscription", nil, 0},
	{"GET", "/linkedin/outreach/campaigns?per_page=100", nil, 4 * 24 * time.Hour},
	{"GET", "/linkedin/outreach/campaigns/51/contacts?per_page=100", nil, 0},
	{"GET", "/contacts/418/messages", nil, 0},
	{"POST", "/linkedin/recruiter/jobs", docJob(true), 3 * 24 * time.Hour},
	{"POST", "/linkedin/recruiter/jobs/33/sync-applicants", nil, 0},
	{"GET", "/linkedin/recruiter/jobs/33", nil, 0},
	{"POST", "/linkedin/recruiter/applicants/5001/ai-screen", nil, 0},
	{"GET", "/linkedin/recruiter/applicants/5001/resume", nil, 0},
	{"GET", "/linkedin/overview", nil, 0},
}

func runScript(t *testing.T, srv *server, key string) []string {
	t.Helper()
	var out []string
	for _, s := range script {
		if s.advance > 0 {
			srv.advance(s.advance)
		}
		r := srv.SkyLight(key, s.method, s.path, s.body)
		require.Less(t, r.Status, 300, "%s %s: %s", s.method, s.path, r.Raw)
		out = append(out, string(r.Raw))
	}
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	t.Parallel()
	a := runScript(t, start(t, 7, "", ""), "key-a")
	b := runScript(t, start(t, 7, "", ""), "another-key")
	require.Equal(t, a, b, "the world depends on the seed and scenario, not the key")
	c := runScript(t, start(t, 8, "", ""), "key-a")
	require.NotEqual(t, a[1], c[1], "another seed, another world")
}

// arabicShare is the share of letters of s that are Arabic.
func arabicShare(s string) float64 {
	var ar, all int
	for _, r := range s {
		if unicode.IsLetter(r) {
			all++
			if unicode.Is(unicode.Arabic, r) {
				ar++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(ar) / float64(all)
}

func TestLocales(t *testing.T) {
	t.Parallel()
	ar := on(t, startLocale(t, "ar"), "")
	for _, ct := range allContacts(t, ar, "") {
		require.Greater(t, arabicShare(get(ct, "name").(string)), 0.9, "%v", ct)
		if h, ok := get(ct, "headline").(string); ok {
			require.Greater(t, arabicShare(h), 0.5, "%v", ct)
		}
	}
	camps, _ := ar.page(campaigns + "?per_page=100")
	for _, camp := range camps {
		require.Greater(t, arabicShare(get(camp, "name").(string)), 0.5)
	}
	msgs, _ := ar.page("/contacts/418/messages")
	for _, m := range msgs {
		require.Greater(t, arabicShare(get(m, "content").(string)), 0.5, "%v", m)
	}
	require.Equal(t, "محمد العتيبي", get(ar.ok(200, "GET", "/linkedin/overview", nil), "account", "name"))

	en := on(t, startLocale(t, "en"), "")
	latin, arabic := 0, 0
	for _, ct := range allContacts(t, en, "") {
		if arabicShare(get(ct, "name").(string)) > 0.9 {
			arabic++
		} else {
			latin++
		}
	}
	require.Greater(t, latin, arabic, "English names mostly")
	require.Positive(t, arabic, "and a Saudi slice")
}
