package console_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/linkedin-mock/linkedin-mock/mockserver"
	"github.com/linkedin-mock/linkedin-mock/mockserver/mocktest"
)

const demoKey = "demo-console-key"

// launch creates a SkyLight campaign for key and returns its id, read from
// the admin API's view of the world (the newest campaign).
func launch(t *testing.T, srv *mocktest.Server, key, name string) int {
	t.Helper()
	r := srv.SkyLight(key, "POST", "/linkedin/outreach/campaigns", map[string]any{
		"name": name, "campaign_type": "invite",
		"provider_ids": []string{"ACoAABcD1234", "khalid-alshammari-ksa", "faisal-alharbi-pm", "noura-alzahrani-jeddah", "sara-alotaibi-riyadh"}})
	if r.Status != 201 {
		t.Fatalf("launch: %d %s", r.Status, r.Raw)
	}
	return int(mocktest.Get(skylightWorld(t, srv), "campaigns", 0, "id").(float64))
}

// skylightWorld is the SkyLight world of the server's only key, as
// GET /__admin/worlds/{id} shows it.
func skylightWorld(t *testing.T, srv *mocktest.Server) any {
	t.Helper()
	id := mocktest.Get(srv.Admin("GET", "/worlds", nil).JSON, "worlds", 0, "id").(string)
	return mocktest.Get(srv.Admin("GET", "/worlds/"+id, nil).JSON, "skylight", "world")
}

// TestConsoleLoads: a browser sent to / lands on the console, and every
// view renders without a JavaScript error or a failed request.
func TestConsoleLoads(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := mocktest.Start(t, mockserver.Options{})
	srv.SkyLight(demoKey, "GET", "/linkedin/overview", nil)
	srv.Konnector(demoKey, "GET", "/dashboard-info", nil)
	tb := openTab(t)
	tb.allow(func(url string, status int) bool { // a server without webhooks has no deliveries endpoint
		return status == 404 && strings.HasSuffix(url, "/__admin/webhooks/deliveries")
	})
	tb.run(chromedp.Navigate(srv.URL + "/"))
	tb.waitJS(`location.pathname === "/__admin/ui/" && document.querySelector("#status-list dd") !== null`)
	for _, v := range []struct{ hash, ready string }{
		{"scenarios", `document.querySelectorAll("#scenario-rows tr").length >= 7`},
		{"live", `document.querySelector("#conn").textContent === "live" && document.querySelectorAll("#live-rows tr").length >= 2`},
		{"world", `document.querySelectorAll("#world-body svg.funnel").length >= 1 && document.querySelector("#world-body svg.daily") !== null`},
		{"coverage", `document.querySelectorAll("#coverage-table td.hit").length >= 2`},
		{"status", `document.querySelector("#status-list").textContent.includes("Requests per second")`},
		{"webhooks", `document.querySelector("#webhooks-body").textContent !== ""`},
	} {
		tb.run(chromedp.Click(chromedp.CSS(`nav a[href="#` + v.hash + `"]`)))
		tb.waitJS(v.ready)
	}
	tb.noProblems()
}

// TestScenarioSwitchInTheConsole: switching a key to `disconnected` in the
// console (in place, its default) changes what the API answers next, and
// keeps the key's campaign.
func TestScenarioSwitchInTheConsole(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := mocktest.Start(t, mockserver.Options{})
	id := launch(t, srv, demoKey, "Switch demo")
	tb := openTab(t)
	tb.run(chromedp.Navigate(srv.URL + "/__admin/ui/#scenarios"))
	tb.waitJS(`document.querySelectorAll("#key-world option").length === 2 && document.querySelectorAll("#key-scenario option").length >= 7`)
	tb.run(
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#key-world").selectedIndex = 1`), // the key's world
		chromedp.SetValue(chromedp.CSS("#key-scenario"), "disconnected"),
		chromedp.Click(chromedp.CSS(`#key-form button[type=submit]`)),
	)
	tb.waitJS(`document.querySelector("#key-result").textContent.includes("now uses disconnected")`)
	if got := tb.text("#key-result"); !strings.Contains(got, "in place (1 world(s) kept)") {
		t.Errorf("result: %q", got)
	}
	if c := mocktest.Get(skylightWorld(t, srv), "connected"); c != false {
		t.Errorf("after the switch the world says connected = %v", c)
	}
	if r := srv.SkyLight(demoKey, "GET", fmt.Sprintf("/linkedin/outreach/campaigns/%d/stats", id), nil); r.Status != 200 {
		t.Errorf("the campaign did not survive the in-place switch: %d %s", r.Status, r.Raw)
	}
	if r := srv.SkyLight(demoKey, "POST", "/linkedin/outreach/campaigns", map[string]any{"name": "x", "campaign_type": "invite", "provider_ids": []string{"ACoAABcD1234"}}); r.Status != 409 {
		t.Errorf("a LinkedIn operation after the switch: %d, want 409", r.Status)
	}
	tb.noProblems()
}

// TestClockMovesTheFunnel: advancing the clock in the console moves a
// campaign's funnel in the world view.
func TestClockMovesTheFunnel(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := mocktest.Start(t, mockserver.Options{})
	id := launch(t, srv, demoKey, "Clock demo")
	srv.Konnector(demoKey, "GET", "/dashboard-info", nil)
	tb := openTab(t)
	tb.run(chromedp.Navigate(srv.URL + "/__admin/ui/#world"))
	invited := fmt.Sprintf(`[data-campaign="%d"] [data-stage=invited] text:last-of-type`, id)
	tb.waitJS(fmt.Sprintf(`document.querySelector(%q) !== null`, invited))
	if got := tb.text(invited); got != "0" {
		t.Fatalf("invited before the clock moves: %q, want 0", got)
	}
	tb.run(chromedp.Click(chromedp.CSS(`[data-advance="24h"]`)))
	tb.waitJS(fmt.Sprintf(`document.querySelector(%q).textContent !== "0"`, invited))
	tb.run(chromedp.Click(chromedp.CSS(`[data-advance="168h"]`)))
	accepted := fmt.Sprintf(`[data-campaign="%d"] [data-stage=accepted] text:last-of-type`, id)
	tb.waitJS(`document.querySelector("#world-meta").textContent.includes("at 2025-05-19 09:00:00")`)
	if got := tb.text(accepted); got == "0" {
		t.Errorf("accepted after eight days: %q, want some", got)
	}
	tb.screenshot("console-world.png", true)
	tb.noProblems()
}

// TestLiveRequest: a request sent by a client appears in the live view
// within a second, and its detail shows the password masked.
func TestLiveRequest(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := mocktest.Start(t, mockserver.Options{})
	srv.SkyLight(demoKey, "GET", "/linkedin/overview", nil)
	tb := openTab(t)
	tb.run(chromedp.Navigate(srv.URL + "/__admin/ui/#live"))
	tb.waitJS(`document.querySelector("#conn").textContent === "live"`)

	const password = "s3cret-Hunter2"
	start := time.Now()
	r := srv.SkyLight(demoKey, "POST", "/channels/linkedin/connect", map[string]any{"username": "m.alotaibi@noortech.sa", "password": password, "country": "SA"})
	row := fmt.Sprintf(`#live-rows tr[data-id=%q]`, r.Header.Get("X-Request-Id"))
	ctx, cancel := context.WithTimeout(tb.ctx, time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(row))); err != nil {
		t.Fatalf("the request did not appear in the live view within a second: %v", err)
	}
	t.Logf("appeared after %s", time.Since(start).Round(time.Millisecond))

	tb.run(chromedp.Click(chromedp.CSS(row + " button")))
	tb.waitJS(`document.querySelector("#live-detail h3") !== null && document.querySelector("#live-detail h3").textContent.includes("/connect")`)
	detail := tb.text("#live-detail")
	if strings.Contains(detail, password) {
		t.Fatal("the detail shows the password")
	}
	if !strings.Contains(detail, `"password": "***"`) || !strings.Contains(detail, "Response body") {
		t.Errorf("the detail lacks the masked password or the response:\n%s", detail)
	}
	tb.screenshot("console-live.png", false)

	// The validation errors of a refused request are highlighted.
	r = srv.SkyLight(demoKey, "POST", "/linkedin/outreach/campaigns", map[string]any{"name": "", "campaign_type": "nope"})
	tb.run(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#live-rows tr[data-id=%q] button`, r.Header.Get("X-Request-Id")))))
	tb.waitJS(`document.querySelector("#live-detail .verrs") !== null && document.querySelectorAll("#live-detail .j-err").length > 0`)
	tb.noProblems()
}

// TestTokenPrompt: under --admin-token the console asks for the token once,
// keeps it for the tab (not in the URL) and works with it.
func TestTokenPrompt(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := mocktest.Start(t, mockserver.Options{AdminToken: "open-sesame", Seed: 77})
	tb := openTab(t)
	tb.allow(func(_ string, status int) bool { return status == 401 }) // the console's first calls, before the token
	tb.run(chromedp.Navigate(srv.URL + "/__admin/ui/"))
	tb.waitJS(`document.querySelector("#token-dialog").open`)
	tb.run(
		chromedp.SendKeys(chromedp.CSS("#token-input"), "wrong"),
		chromedp.Click(chromedp.CSS("#token-form button")),
	)
	tb.waitJS(`document.querySelector("#token-dialog").open && document.querySelector("#token-error").textContent.includes("refused")`)
	tb.run(
		chromedp.SendKeys(chromedp.CSS("#token-input"), "open-sesame\r"), // Enter submits the form
	)
	tb.waitJS(`!document.querySelector("#token-dialog").open && document.querySelector("#status-list").textContent.includes("77")`)
	tb.waitJS(`document.querySelector("#conn").textContent === "live"`)
	url, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(url, "open-sesame") {
		t.Errorf("the token is in the URL: %s", url)
	}
	// A reload in the same tab does not ask again.
	tb.allow(func(string, int) bool { return false })
	tb.run(chromedp.Reload())
	tb.waitJS(`document.querySelector("#status-list").textContent.includes("77")`)
	open, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`document.querySelector("#token-dialog").open`))
	if err != nil {
		t.Fatal(err)
	}
	if open {
		t.Error("the console asked for the token again in the same tab")
	}
	tb.noProblems()
}

// TestArabicRightToLeft: an Arabic campaign name renders right to left.
func TestArabicRightToLeft(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := mocktest.Start(t, mockserver.Options{Locale: "ar"})
	launch(t, srv, demoKey, "مديرو التسويق في الرياض")
	tb := openTab(t)
	tb.run(chromedp.Navigate(srv.URL + "/__admin/ui/#world"))
	tb.waitJS(`document.querySelector("#world-body .cname") !== null`)
	dirs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#world-body .cname")].map(e => getComputedStyle(e).direction + " " + e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dirs[0], "rtl مديرو التسويق") {
		t.Errorf("the newest campaign's name: %q, want it right to left", dirs[0])
	}
	for _, d := range dirs {
		if !strings.HasPrefix(d, "rtl ") {
			t.Errorf("an Arabic campaign name renders %q", d)
		}
	}
	tb.noProblems()
}
