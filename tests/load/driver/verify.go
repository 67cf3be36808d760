package driver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// setupGeneration creates the tenants of generation gen and reads their
// starting state, a few at a time.
func (d *driver) setupGeneration(ctx context.Context, gen int) (*world, error) {
	w := &world{gen: gen, skylight: make([]*slTenant, d.cfg.SkyLightTenants), konnector: make([]*knTenant, d.cfg.KonnectorTenants)}
	errs := make(chan error, d.cfg.SkyLightTenants+d.cfg.KonnectorTenants)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range w.skylight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t, err := d.setupSkyLight(ctx, fmt.Sprintf("%s-g%d-sl%d", d.cfg.KeyPrefix, gen, i))
			w.skylight[i] = t
			errs <- err
		}()
	}
	for i := range w.konnector {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			key := fmt.Sprintf("%s-g%d-kn%d", d.cfg.KeyPrefix, gen, i)
			admin := i%8 == 0
			if admin {
				key = "admin-" + key // the default scenario's admin key prefix
			}
			t, err := d.setupKonnector(ctx, key, admin)
			w.konnector[i] = t
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

// VerifyReport is the nothing-lost check.
type VerifyReport struct {
	// Campaigns, Messages, Jobs and APIKeys count what the traffic created
	// and found again with the state it last set.
	Campaigns, Messages, Jobs, APIKeys int
	// Completed counts created campaigns the clock completed.
	Completed int
	// Quotas counts the quotas checked (three per SkyLight tenant);
	// Consumed the units the traffic took; Exhausted the quotas it used up.
	Quotas, Consumed, Exhausted int
	// Tenants counts the tenants checked.
	Tenants int
	// Unanswered counts writes whose answer never came (a transport error):
	// the check allows for either outcome of each.
	Unanswered int
	// RateLimited counts issued API keys not read back because their
	// organisation's rate limit was spent (each was read back once right
	// after its creation).
	RateLimited int
	// Problems lists every difference found.
	Problems []string
}

func (v *VerifyReport) add(o VerifyReport) {
	v.Campaigns += o.Campaigns
	v.Messages += o.Messages
	v.Jobs += o.Jobs
	v.APIKeys += o.APIKeys
	v.Completed += o.Completed
	v.Quotas += o.Quotas
	v.Consumed += o.Consumed
	v.Exhausted += o.Exhausted
	v.Tenants += o.Tenants
	v.RateLimited += o.RateLimited
	v.Unanswered += o.Unanswered
	v.Problems = append(v.Problems, o.Problems...)
}

// Print writes the check's summary.
func (v *VerifyReport) Print(w io.Writer) {
	status := "OK"
	if len(v.Problems) > 0 {
		status = fmt.Sprintf("%d PROBLEMS", len(v.Problems))
	}
	fmt.Fprintf(w, "nothing lost  %s: %d tenants; %d campaigns (%d completed by the clock), %d messages, %d jobs, %d API keys found as left; "+
		"%d quotas exact (%d units consumed, %d quotas used up)",
		status, v.Tenants, v.Campaigns, v.Completed, v.Messages, v.Jobs, v.APIKeys, v.Quotas, v.Consumed, v.Exhausted)
	if v.RateLimited > 0 {
		fmt.Fprintf(w, "; %d API keys not read back again (rate limit spent)", v.RateLimited)
	}
	if v.Unanswered > 0 {
		fmt.Fprintf(w, "; %d unanswered writes allowed either way", v.Unanswered)
	}
	fmt.Fprintln(w)
	for i, p := range v.Problems {
		if i == 20 {
			fmt.Fprintf(w, "  ... and %d more\n", len(v.Problems)-20)
			break
		}
		fmt.Fprintf(w, "  problem: %s\n", p)
	}
}

// verify reads back, tenant by tenant, everything the generation did.
func (d *driver) verify(ctx context.Context, w *world) VerifyReport {
	var mu sync.Mutex
	var total VerifyReport
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	collect := func(r VerifyReport) {
		mu.Lock()
		total.add(r)
		mu.Unlock()
	}
	for _, t := range w.skylight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			collect(d.verifySkyLight(ctx, t))
		}()
	}
	for _, t := range w.konnector {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			collect(d.verifyKonnector(ctx, t))
		}()
	}
	wg.Wait()
	return total
}

// maxVerifyWait is the longest Retry-After the check waits out (a frozen
// clock never frees a Konnector key's minute).
const maxVerifyWait = 5

// errRateLimited is fetch's answer when the rate limit stops a read-back.
const errRateLimited = "rate-limited"

// fetch GETs a path and decodes it; a problem is returned as text. A 429
// is waited out once when its Retry-After is short; otherwise fetch
// returns errRateLimited.
func (d *driver) fetch(ctx context.Context, vendor, key, path string, v any) string {
	a, _, err := d.send(ctx, request{vendor: vendor, method: http.MethodGet, path: path, key: key})
	if err == nil && a.status == http.StatusTooManyRequests {
		wait, _ := strconv.Atoi(a.header.Get("Retry-After"))
		if wait > maxVerifyWait {
			return errRateLimited
		}
		if wait > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(time.Duration(wait) * time.Second):
			}
			a, _, err = d.send(ctx, request{vendor: vendor, method: http.MethodGet, path: path, key: key})
		}
	}
	switch {
	case err != nil:
		return fmt.Sprintf("%s GET %s: %v", key, path, err)
	case !a.ok():
		return fmt.Sprintf("%s GET %s answered %d: %.200s", key, path, a.status, a.body)
	case !a.decode(v):
		return fmt.Sprintf("%s GET %s: undecodable answer %.200s", key, path, a.body)
	}
	return ""
}

func (d *driver) verifySkyLight(ctx context.Context, t *slTenant) VerifyReport {
	r := VerifyReport{Tenants: 1}
	problem := func(format string, args ...any) { r.Problems = append(r.Problems, fmt.Sprintf(format, args...)) }
	r.Problems = append(r.Problems, t.refusals...)

	// Quotas: start minus what the traffic consumed, exactly.
	var used, limit [nQuotas]int
	if err := d.readQuotas(ctx, t, &used, &limit); err != nil {
		problem("%s: %v", t.key, err)
	} else {
		for q := range nQuotas {
			want := t.quotaUsed[q] + int(t.consumed[q].Load())
			unknown := int(t.unanswered[q].Load()) // may or may not have consumed
			r.Quotas++
			r.Consumed += int(t.consumed[q].Load())
			r.Unanswered += unknown
			switch {
			case used[q] < want || used[q] > want+unknown:
				problem("%s: %s used %d, want %d (started at %d, the traffic consumed %d; %d calls unanswered)",
					t.key, quotaNames[q], used[q], want, t.quotaUsed[q], t.consumed[q].Load(), unknown)
			case t.refused[q].Load() > 0 && used[q] != limit[q]:
				problem("%s: %s refused %d times while only %d of %d were used", t.key, quotaNames[q], t.refused[q].Load(), used[q], limit[q])
			}
			if used[q] == limit[q] {
				r.Exhausted++
			}
		}
	}

	// Campaigns: each one created, with the state its creator left it in;
	// the list's total grew by exactly the campaigns created.
	for _, m := range t.created {
		if m.state == "" {
			r.Unanswered++
			continue // a transition got no answer
		}
		var got struct {
			Campaign struct {
				Name          string `json:"name"`
				Status        string `json:"status"`
				ContactsCount int    `json:"contacts_count"`
			} `json:"data"`
		}
		if p := d.fetch(ctx, "skylight", t.key, fmt.Sprintf("/linkedin/outreach/campaigns/%d", m.id), &got); p != "" {
			problem("campaign %d: %s", m.id, p)
			continue
		}
		c := got.Campaign
		if c.Name != m.name || !sameState(m.state, c.Status) || c.ContactsCount != m.people {
			problem("%s: campaign %d is (%q, %s, %d people), the traffic left it (%q, %s, %d people)", t.key, m.id, c.Name, c.Status, c.ContactsCount, m.name, m.state, m.people)
			continue
		}
		if c.Status == "completed" && m.state != "completed" {
			r.Completed++
		}
		r.Campaigns++
	}
	var list struct {
		Pagination struct {
			Total int `json:"total"`
		} `json:"meta"`
	}
	if p := d.fetch(ctx, "skylight", t.key, "/linkedin/outreach/campaigns?per_page=1", &list); p != "" {
		problem("%s", p)
	} else if want, unknown := t.startTotal+len(t.created), int(t.unansweredCreates.Load()); list.Pagination.Total < want || list.Pagination.Total > want+unknown {
		problem("%s: %d campaigns listed, want %d (%d at setup + %d created; %d creations unanswered)",
			t.key, list.Pagination.Total, want, t.startTotal, len(t.created), unknown)
	}
	r.Unanswered += int(t.unansweredCreates.Load())

	// Messages: every message sent is in its conversation, as sent.
	for contact, sent := range t.messages {
		byID := map[int]string{}
		fetched := true
		for page, last := 1, 1; page <= last; page++ {
			var conv struct {
				Data []struct {
					ID        int    `json:"id"`
					Text      string `json:"content"`
					Direction string `json:"direction"`
				} `json:"data"`
				Meta struct {
					LastPage int `json:"last_page"`
				} `json:"meta"`
			}
			if p := d.fetch(ctx, "skylight", t.key, fmt.Sprintf("/contacts/%d/messages?per_page=100&page=%d", contact, page), &conv); p != "" {
				problem("%s", p)
				fetched = false
				break
			}
			for _, m := range conv.Data {
				if m.Direction == "outbound" {
					byID[m.ID] = m.Text
				}
			}
			last = conv.Meta.LastPage
		}
		if !fetched {
			continue
		}
		for _, m := range sent {
			if text, ok := byID[m.id]; !ok || text != m.text {
				problem("%s: message %d to contact %d is missing or changed (found %q)", t.key, m.id, contact, text)
				continue
			}
			r.Messages++
		}
	}

	// Jobs: each one created, in the state its creator left it.
	for _, m := range t.newJobs {
		if m.state == "" {
			r.Unanswered++
			continue // an action got no answer
		}
		var got struct {
			Job struct {
				Title  string `json:"title"`
				Status string `json:"status"`
			} `json:"data"`
		}
		if p := d.fetch(ctx, "skylight", t.key, fmt.Sprintf("/linkedin/recruiter/jobs/%d", m.id), &got); p != "" {
			problem("job %d: %s", m.id, p)
			continue
		}
		if got.Job.Title != m.title || got.Job.Status != m.state {
			problem("%s: job %d is (%q, %s), the traffic left it (%q, %s)", t.key, m.id, got.Job.Title, got.Job.Status, m.title, m.state)
			continue
		}
		r.Jobs++
	}
	return r
}

func (d *driver) verifyKonnector(ctx context.Context, t *knTenant) VerifyReport {
	r := VerifyReport{}
	for _, k := range t.issued {
		var f filtersData
		p := d.fetch(ctx, "konnector", k.key, "/user-campaign-filters", &f)
		if p == errRateLimited {
			r.RateLimited++
			continue
		}
		if p != "" {
			r.Problems = append(r.Problems, "issued key of "+t.key+": "+p)
			continue
		}
		if f.Data.Organisation.ID != k.orgID {
			r.Problems = append(r.Problems, fmt.Sprintf("an API key issued by %s opens organisation %d, not %d", t.key, f.Data.Organisation.ID, k.orgID))
			continue
		}
		r.APIKeys++
	}
	return r
}
