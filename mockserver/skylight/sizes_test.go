package skylight_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestWorldSizeLimits generates the smallest and the largest worlds the
// scenario rules allow and uses them.
func TestWorldSizeLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"tiny.yaml": "name: tiny\ndescription: smallest world\nworld: {contacts: 20, campaigns: 0, jobs: 0, search_pool: 10}\n",
		"huge.yaml": "name: huge\ndescription: largest world\nworld: {contacts: 5000, campaigns: 500, jobs: 200, search_pool: 20000}\n",
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	srv := start(t, 1, "", dir)
	for _, sc := range []string{"tiny", "huge"} {
		t.Run(sc, func(t *testing.T) {
			c := on(t, srv, sc)
			start := time.Now()
			ov := c.ok(200, "GET", "/linkedin/overview", nil)
			t.Logf("%s: world + overview in %s", sc, time.Since(start))
			require.Equal(t, true, get(ov, "connection", "is_connected"))
			c.page("/contacts/418/messages")
			require.Equal(t, "linkedin", get(c.ok(201, "POST", "/messages/send", map[string]any{"contact_id": 418, "message": "hi"}), "channel"))
			items := list(t, c.ok(200, "POST", search, map[string]any{"title": "مدير تسويق", "location": "الرياض", "company": "شركة سحاب الخليج"})["items"])
			require.NotEmpty(t, items)
			c.ok(201, "POST", "/linkedin/sourcing/launch-campaign", docCampaign())
			c.ok(201, "POST", jobs, docJob(true))
			start = time.Now()
			c.ok(200, "GET", "/linkedin/overview", nil)
			t.Logf("%s: overview in %s", sc, time.Since(start))
		})
	}
}
