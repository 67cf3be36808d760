package mockserver_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// watcher runs WatchScenarios on a tick channel the test drives.
type watcher struct {
	tick chan time.Time
	at   time.Time // the next modification time written
}

func startWatcher(t *testing.T, srv *mocktest.Server) *watcher {
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{tick: make(chan time.Time), at: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Mock.WatchScenarios(ctx, w.tick)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return w
}

// poll makes the watcher look at the files once and finish what it found:
// the second send is only received once the first tick has been handled.
func (w *watcher) poll() {
	w.tick <- time.Time{}
	w.tick <- time.Time{}
}

// write writes a scenario file with a modification time of its own, so the
// change is seen whatever the file system's time resolution.
func (w *watcher) write(t *testing.T, path, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	w.at = w.at.Add(time.Minute)
	require.NoError(t, os.Chtimes(path, w.at, w.at))
}

func contactsTotal(t *testing.T, srv *mocktest.Server, scenario string) any {
	t.Helper()
	r := srv.SkyLight("watch-key", "GET", "/contacts", nil, "X-Mock-Scenario", scenario)
	require.Equal(t, 200, r.Status, "%s", r.Raw)
	return r.Map()["meta"].(map[string]any)["total"]
}

func campaignsTotal(t *testing.T, srv *mocktest.Server, scenario string) any {
	t.Helper()
	r := srv.SkyLight("watch-key", "GET", "/linkedin/outreach/campaigns", nil, "X-Mock-Scenario", scenario)
	require.Equal(t, 200, r.Status, "%s", r.Raw)
	return r.Map()["meta"].(map[string]any)["total"]
}

// TestWatchScenarios: a changed file is reloaded without a restart and the
// worlds of its scenario are regenerated, while other tenants keep theirs; a
// broken change keeps the previous version and is logged; new files appear.
func TestWatchScenarios(t *testing.T) {
	dir := t.TempDir()
	logs := &syncBuffer{}
	demo, other := filepath.Join(dir, "demo.yaml"), filepath.Join(dir, "other.yaml")
	require.NoError(t, os.WriteFile(demo, []byte("name: demo\ndescription: d\nworld: {contacts: 30, campaigns: 0}\n"), 0o600))
	require.NoError(t, os.WriteFile(other, []byte("name: other\ndescription: o\nworld: {campaigns: 2}\n"), 0o600))
	srv := mocktest.Start(t, mockserver.Options{ScenariosDir: dir, Scenario: "demo",
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	w := startWatcher(t, srv)

	require.EqualValues(t, 30, contactsTotal(t, srv, "demo"))
	require.EqualValues(t, 2, campaignsTotal(t, srv, "other"))
	launch := srv.SkyLight("watch-key", "POST", "/linkedin/sourcing/launch-campaign", map[string]any{
		"name": "kept", "campaign_type": "invite", "provider_ids": []string{"ACoAABcD1234"}}, "X-Mock-Scenario", "other")
	require.Equal(t, 201, launch.Status, "%s", launch.Raw)
	require.EqualValues(t, 3, campaignsTotal(t, srv, "other"))

	t.Run("nothing changed, nothing reloaded", func(t *testing.T) {
		w.poll()
		require.NotContains(t, logs.String(), "scenarios reloaded")
	})

	t.Run("a changed file is reloaded; only its worlds are regenerated", func(t *testing.T) {
		w.write(t, demo, "name: demo\ndescription: d\nworld: {contacts: 40, campaigns: 0}\n")
		w.poll()
		require.EqualValues(t, 40, contactsTotal(t, srv, "demo"), "a new world from the new file")
		require.EqualValues(t, 3, campaignsTotal(t, srv, "other"), "an unchanged scenario keeps its world and its writes")
		current := srv.Admin("GET", "/scenario", nil).Map()
		require.EqualValues(t, 40, current["settings"].(map[string]any)["world"].(map[string]any)["contacts"], "the server's scenario follows its file")
		require.Contains(t, logs.String(), "scenarios reloaded")
	})

	t.Run("a broken change keeps the previous version, with a log line", func(t *testing.T) {
		w.write(t, demo, "name: demo\ndescription: d\nworld: {contacts: 50, campaigns: 0, colour: blue}\n")
		w.poll()
		require.EqualValues(t, 40, contactsTotal(t, srv, "demo"))
		require.Contains(t, logs.String(), "scenario file rejected; its previous version stays in force")
		require.Contains(t, logs.String(), `demo.yaml:3: key \"world.colour\": unknown key`)
	})

	t.Run("a new file is available at once", func(t *testing.T) {
		w.write(t, filepath.Join(dir, "new.yaml"), "name: fresh\ndescription: n\nworld: {contacts: 25, campaigns: 0}\n")
		w.poll()
		require.EqualValues(t, 25, contactsTotal(t, srv, "fresh"))
	})

	t.Run("a removed file's scenario is gone", func(t *testing.T) {
		require.NoError(t, os.Remove(filepath.Join(dir, "new.yaml")))
		w.poll()
		r := srv.SkyLight("watch-key", "GET", "/contacts", nil, "X-Mock-Scenario", "fresh")
		require.Equal(t, 400, r.Status, "%s", r.Raw)
	})
}

// TestWatchScenarioFile: the file named by --scenario is watched too.
func TestWatchScenarioFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.yaml")
	require.NoError(t, os.WriteFile(path, []byte("name: mine\ndescription: m\nworld: {contacts: 30, campaigns: 0}\n"), 0o600))
	srv := mocktest.Start(t, mockserver.Options{Scenario: path})
	w := startWatcher(t, srv)
	total := func() any {
		r := srv.SkyLight("file-key", "GET", "/contacts", nil)
		require.Equal(t, 200, r.Status, "%s", r.Raw)
		return r.Map()["meta"].(map[string]any)["total"]
	}
	require.EqualValues(t, 30, total())
	w.write(t, path, "name: mine\ndescription: m\nworld: {contacts: 35, campaigns: 0}\n")
	w.poll()
	require.EqualValues(t, 35, total())
}
