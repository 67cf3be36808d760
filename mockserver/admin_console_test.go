package mockserver

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// startConsoleTest runs the real server (both real vendors) on a frozen clock.
func startConsoleTest(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	opts.ClockStart = time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	opts.ClockFrozen = true
	s, err := New(opts)
	require.NoError(t, err)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return s, hs
}

const (
	demoKey      = "demo-key-1234"
	campaignBody = `{"name":"Demo","campaign_type":"invite","provider_ids":["ACoAABcD1234"]}`
)

// createCampaign launches a campaign for key and returns its id, read from
// the console's view of the world (the answer's envelope is the vendor's
// business, and may change).
func createCampaign(t *testing.T, s *Server, hs *httptest.Server, key string) string {
	t.Helper()
	r := call(t, hs, "POST", "/api/v1/linkedin/outreach/campaigns", campaignBody, "X-Api-Key", key)
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	return toString(skylightWorld(t, s, hs, key)["campaigns"].([]any)[0].(map[string]any)["id"])
}

// skylightWorld is GET /__admin/worlds/{id}'s SkyLight world of key.
func skylightWorld(t *testing.T, s *Server, hs *httptest.Server, key string) map[string]any {
	t.Helper()
	r := call(t, hs, "GET", "/__admin/worlds/"+s.console.worldID(key), "")
	require.Equal(t, http.StatusOK, r.status, r.raw)
	return r.body["skylight"].(map[string]any)["world"].(map[string]any)
}

// TestInPlaceSwitchKeepsTheWorld: a presenter launches a campaign, then
// switches the key to `disconnected` in place: the campaign is still there
// and LinkedIn operations answer not connected; switching back connects.
// Switching with new worlds (in_place false) loses the campaign, as
// X-Mock-Scenario would.
func TestInPlaceSwitchKeepsTheWorld(t *testing.T) {
	t.Parallel()
	s, hs := startConsoleTest(t, Options{Seed: 3})
	id := createCampaign(t, s, hs, demoKey)
	stats := "/api/v1/linkedin/outreach/campaigns/" + id + "/stats"

	r := call(t, hs, "PUT", "/__admin/worlds/scenario", `{"api_key":"`+demoKey+`","scenario":"disconnected"}`)
	hasStatus(200)(t, r)
	hasField("worlds_kept", "1")(t, r)
	hasField("in_place", "true")(t, r)

	for _, c := range []struct {
		name         string
		method, path string
		body         string
		checks       []check
	}{
		{"the campaign survives", "GET", stats, "", []check{hasStatus(200)}},
		{"LinkedIn operations need a connection", "POST", "/api/v1/linkedin/outreach/campaigns", campaignBody, []check{hasStatus(409), bodyContains("linkedin_not_connected")}},
	} {
		r := call(t, hs, c.method, c.path, c.body, "X-Api-Key", demoKey)
		for _, chk := range c.checks {
			chk(t, r)
		}
	}
	require.Equal(t, false, skylightWorld(t, s, hs, demoKey)["connected"])

	r = call(t, hs, "PUT", "/__admin/worlds/scenario", `{"api_key":"`+demoKey+`","scenario":"default"}`)
	hasStatus(200)(t, r)
	require.Equal(t, true, skylightWorld(t, s, hs, demoKey)["connected"])
	hasStatus(201)(t, call(t, hs, "POST", "/api/v1/linkedin/outreach/campaigns", campaignBody, "X-Api-Key", demoKey))
	hasStatus(200)(t, call(t, hs, "GET", stats, "", "X-Api-Key", demoKey))

	r = call(t, hs, "PUT", "/__admin/worlds/scenario", `{"api_key":"`+demoKey+`","scenario":"no-recruiter","in_place":false}`)
	hasField("worlds_kept", "0")(t, r)
	hasStatus(404)(t, call(t, hs, "GET", stats, "", "X-Api-Key", demoKey))
	hasStatus(403)(t, call(t, hs, "GET", "/api/v1/linkedin/recruiter", "", "X-Api-Key", demoKey))
	hasStatus(200)(t, call(t, hs, "GET", "/api/v1/linkedin/recruiter", "", "X-Api-Key", "another-key"))
}

// TestInPlaceQuotasAndServerSwitch: applying quota-exhausted in place sets
// the quotas; the server's in-place switch keeps the worlds of the keys
// that follow it.
func TestInPlaceQuotasAndServerSwitch(t *testing.T) {
	t.Parallel()
	s, hs := startConsoleTest(t, Options{Seed: 3})
	id := createCampaign(t, s, hs, demoKey)
	r := call(t, hs, "PUT", "/__admin/scenario", `{"scenario":"quota-exhausted","in_place":true}`)
	hasStatus(200)(t, r)
	hasStatus(200)(t, call(t, hs, "GET", "/api/v1/linkedin/outreach/campaigns/"+id, "", "X-Api-Key", demoKey))
	for _, q := range skylightWorld(t, s, hs, demoKey)["quotas"].([]any) {
		q := q.(map[string]any)
		require.Equal(t, q["limit"], q["used"], "%s after quota-exhausted in place", q["name"])
	}
}

func TestSwitchKeyRefusesBadBodies(t *testing.T) {
	t.Parallel()
	_, hs := startConsoleTest(t, Options{})
	for _, c := range []struct {
		name, body string
		status     int
	}{
		{"no key", `{"scenario":"default"}`, 400},
		{"key and id", `{"api_key":"k","id":"w_1","scenario":"default"}`, 400},
		{"no scenario", `{"api_key":"k"}`, 400},
		{"unknown scenario", `{"api_key":"k","scenario":"nope"}`, 400},
		{"unknown id", `{"id":"w_000000000000","scenario":"default"}`, 404},
		{"unknown field", `{"api_key":"k","scenario":"default","x":1}`, 400},
	} {
		t.Run(c.name, func(t *testing.T) {
			hasStatus(c.status)(t, call(t, hs, "PUT", "/__admin/worlds/scenario", c.body))
		})
	}
}

// TestWorldReadsLeaveNoTrace: reading a world through the admin API does
// not count against the rate limit, appear in the journal or move coverage.
func TestWorldReadsLeaveNoTrace(t *testing.T) {
	t.Parallel()
	_, hs := startConsoleTest(t, Options{Scenario: "rate-limited"})
	call(t, hs, "GET", "/api/v1/linkedin/overview", "", "X-Api-Key", demoKey)
	call(t, hs, "GET", "/social_app/api/v1/third_party/dashboard-info", "", "Authorization", demoKey)
	before := call(t, hs, "GET", "/__admin/coverage", "")
	var worlds struct {
		Worlds []worldSummary `json:"worlds"`
	}
	require.NoError(t, json.Unmarshal([]byte(call(t, hs, "GET", "/__admin/worlds", "").raw), &worlds))
	require.Len(t, worlds.Worlds, 1)
	w := worlds.Worlds[0]
	require.Equal(t, "…1234", w.Key, "the key is masked")
	require.NotContains(t, call(t, hs, "GET", "/__admin/worlds", "").raw, demoKey)
	for range 5 {
		r := call(t, hs, "GET", "/__admin/worlds/"+w.ID, "")
		hasStatus(200)(t, r)
		require.Contains(t, r.raw, `"campaigns"`)
		require.Contains(t, r.raw, `"by_status"`)
	}
	require.Equal(t, before.raw, call(t, hs, "GET", "/__admin/coverage", "").raw)
	hasField("count", "2")(t, call(t, hs, "GET", "/__admin/requests", ""))
	// rate-limited allows 3 a minute: the third request still passes.
	hasStatus(200)(t, call(t, hs, "GET", "/api/v1/linkedin/overview", "", "X-Api-Key", demoKey))
	hasStatus(404)(t, call(t, hs, "GET", "/__admin/worlds/w_000000000000", ""))
}

// TestWorldFunnelMovesWithTheClock: a new campaign's funnel is empty, and
// invited after the clock moves a day.
func TestWorldFunnelMovesWithTheClock(t *testing.T) {
	t.Parallel()
	s, hs := startConsoleTest(t, Options{Seed: 3})
	createCampaign(t, s, hs, demoKey)
	invited := func() float64 {
		return skylightWorld(t, s, hs, demoKey)["campaigns"].([]any)[0].(map[string]any)["invited"].(float64)
	}
	require.Zero(t, invited())
	hasStatus(200)(t, call(t, hs, "POST", "/__admin/clock/advance", `{"duration":"24h"}`))
	require.Equal(t, 1.0, invited())
}

func TestStatusAndIndex(t *testing.T) {
	t.Parallel()
	_, hs := startConsoleTest(t, Options{Seed: 42, AdminToken: "tok"})
	call(t, hs, "GET", "/api/v1/linkedin/overview", "", "X-Api-Key", demoKey)
	for _, c := range []struct {
		name, path string
		headers    []string
		checks     []check
	}{
		{"status needs the token", "/__admin/status", nil, []check{hasStatus(401)}},
		{"status", "/__admin/status", []string{"Authorization", "Bearer tok"},
			[]check{hasStatus(200), hasField("seed", "42"), hasField("scenario", "default"), hasField("tenants_held", "1"), hasField("requests_total", "1"), hasField("clock.frozen", "true")}},
		{"index is open", "/__admin/", nil, []check{hasStatus(200), hasField("console", "/__admin/ui/"), bodyContains("GET    /__admin/requests/stream")}},
		{"console is open", "/__admin/ui/", nil, []check{hasStatus(200), bodyContains("<title>linkedin-mock console</title>")}},
		{"a browser at / goes to the console", "/", []string{"Accept", "text/html,application/xhtml+xml"}, []check{hasStatus(200), bodyContains("linkedin-mock console")}},
		{"an API client at / gets the JSON 404", "/", []string{"Accept", "application/json"}, []check{hasStatus(404), bodyContains("no API is served under /")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, hs, "GET", c.path, "", c.headers...)
			for _, chk := range c.checks {
				chk(t, r)
			}
		})
	}
}

// readEvent reads one server-sent event (skipping comments).
func readEvent(t *testing.T, rd *bufio.Reader) (event string, data string) {
	t.Helper()
	for {
		line, err := rd.ReadString('\n')
		require.NoError(t, err)
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && event != "":
			return event, data
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// TestStream: the stream starts with the journal, then sends each request
// with its response, secrets masked as in the journal, and ends when the
// server closes its streams.
func TestStream(t *testing.T) {
	t.Parallel()
	s, hs := startConsoleTest(t, Options{})
	call(t, hs, "GET", "/api/v1/linkedin/overview", "", "X-Api-Key", demoKey)

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", hs.URL+"/__admin/requests/stream", nil)
	require.NoError(t, err)
	resp, err := hs.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	rd := bufio.NewReader(resp.Body)

	ev, data := readEvent(t, rd)
	require.Equal(t, "request", ev)
	require.Contains(t, data, `"path":"/api/v1/linkedin/overview"`, "the backlog comes first")

	call(t, hs, "POST", "/api/v1/channels/linkedin/connect", `{"username":"a@b.co","password":"hunter2-secret","country":"SA"}`, "X-Api-Key", demoKey)
	_, data = readEvent(t, rd)
	var e liveEntry
	require.NoError(t, json.Unmarshal([]byte(data), &e))
	require.Equal(t, "/api/v1/channels/linkedin/connect", e.Path)
	require.NotContains(t, data, "hunter2-secret")
	require.NotContains(t, data, demoKey)
	require.JSONEq(t, `{"username":"a@b.co","password":"***","country":"SA"}`, string(e.Body))
	require.NotNil(t, e.Response, "a watched request keeps its response")
	require.NotEmpty(t, e.Response.Body)
	require.True(t, json.Valid(e.Response.Body), "the response body is kept as JSON")
	require.Equal(t, e.RequestID, e.Response.Headers["X-Request-Id"])

	s.CloseStreams()
	_, err = rd.ReadString('\n')
	for err == nil {
		_, err = rd.ReadString('\n')
	}
	hasStatus(503)(t, call(t, hs, "GET", "/__admin/requests/stream", ""))
}

// TestBroadcasterSlowSubscriber: a subscriber that never reads loses
// entries beyond its buffer, counted, and publishing never waits for it.
func TestBroadcasterSlowSubscriber(t *testing.T) {
	t.Parallel()
	b := newBroadcaster()
	sub := b.subscribe()
	for i := range subscriberBuffer + 10 {
		b.publish(liveEntry{journalEntry: journalEntry{RequestID: fmt.Sprint(i)}})
	}
	require.EqualValues(t, 10, sub.dropped.Load())
	require.Len(t, sub.ch, subscriberBuffer)
	require.Equal(t, fmt.Sprint(subscriberBuffer+9), b.recent[len(b.recent)-1].RequestID)
	require.Nil(t, b.responseOf("nope"))
	b.unsubscribe(sub)
	require.False(t, b.active())
}

func TestBacklog(t *testing.T) {
	t.Parallel()
	newest := []journalEntry{{RequestID: "c"}, {RequestID: "b"}, {RequestID: "a"}}
	ids := func(es []journalEntry) (out []string) {
		for _, e := range es {
			out = append(out, e.RequestID)
		}
		return out
	}
	for _, c := range []struct {
		last string
		want []string
	}{
		{"", []string{"a", "b", "c"}},
		{"a", []string{"b", "c"}},
		{"c", nil},
		{"gone", []string{"a", "b", "c"}},
	} {
		require.Equal(t, c.want, ids(backlog(newest, c.last)), "after %q", c.last)
	}
	require.Equal(t, "c", newest[0].RequestID, "the journal's list is left alone")
}

func TestRateMeter(t *testing.T) {
	t.Parallel()
	now := time.Unix(1000, 0)
	m := newRateMeter(func() time.Time { return now })
	for range 20 {
		m.add()
	}
	now = now.Add(5 * time.Second)
	for range 10 {
		m.add()
	}
	rps, total := m.perSecond()
	require.Equal(t, 3.0, rps)
	require.EqualValues(t, 30, total)
	now = now.Add(6 * time.Second)
	rps, _ = m.perSecond()
	require.Equal(t, 1.0, rps, "the first second left the window")
}
