package skylight_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParallelReadsAndWrites: one key's reads (which share the world's
// lock) run side by side with its writes. With -race this proves that no
// operation listed as a read writes the world, and every answer stays a
// success with the counts consistent: the overview's inbox never goes back.
func TestParallelReadsAndWrites(t *testing.T) {
	t.Parallel()
	c := newClient(t, "no-rate-limit") // 700 requests in a minute
	reads := []struct {
		method, path string
		body         any
	}{
		{"GET", "/linkedin/overview", nil},
		{"GET", "/channels/linkedin/status", nil},
		{"POST", "/linkedin/sourcing/search", map[string]any{"title": "Manager"}},
		{"GET", campaigns, nil},
		{"GET", campaigns + "/51", nil},
		{"GET", campaigns + "/51/stats", nil},
		{"GET", campaigns + "/51/contacts", nil},
		{"GET", "/contacts", nil},
		{"GET", "/account/subscription", nil},
		{"GET", "/account/channels", nil},
		{"GET", "/conversations", nil},
		{"GET", "/linkedin/recruiter", nil},
		{"GET", "/linkedin/recruiter/jobs/29", nil},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	for _, rd := range reads { // each read by four clients at once
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 15 {
					if r := c.do(rd.method, rd.path, rd.body); r.Status != 200 {
						errs <- fmt.Sprintf("%s %s: %d %s", rd.method, rd.path, r.Status, r.Raw)
					}
				}
			}()
		}
	}
	wg.Add(1)
	go func() { // the overview's sent count only grows while messages are sent
		defer wg.Done()
		prev := -1
		for i := range 30 {
			if r := c.do("POST", "/messages/send", map[string]any{"contact_id": 418, "message": fmt.Sprint("hi ", i)}); r.Status != 201 {
				errs <- fmt.Sprintf("send: %d %s", r.Status, r.Raw)
			}
			ov := c.do("GET", "/linkedin/overview", nil)
			sent := num(t, get(ov.Map(), "data", "inbox", "messages_sent"))
			if sent <= prev {
				errs <- fmt.Sprintf("messages_sent went from %d to %d after a message was sent", prev, sent)
			}
			prev = sent
		}
	}()
	wg.Wait()
	close(errs)
	for e := range errs {
		require.Fail(t, e)
	}
}
