package skylight

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// seededWorld generates the default world of seed, its clock starting at epoch.
func seededWorld(t *testing.T, seed int64, epoch time.Time) *world {
	t.Helper()
	reg, err := scenarios.Builtin()
	require.NoError(t, err)
	sc, err := reg.Resolve("default")
	require.NoError(t, err)
	api := New(Deps{Seed: seed, Clock: sim.NewClock(epoch, true, nil)})
	return api.NewWorld(sim.TenantKey{Vendor: "skylight", APIKey: "k"}, sc)
}

// write runs a writing operation on w at now, as the handler does.
func write(t *testing.T, w *world, g gate, fn opFunc, now time.Time, params map[string]string, body any) {
	t.Helper()
	c := &call{now: now, params: params}
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		c.body = b
	}
	_, _ = w.run(g, fn, c, false) // refusals (a 409, a 404) are writes that changed nothing
}

// TestInboxCacheMatchesDerivation: over random writes (messages sent,
// conversations read, campaigns created, paused, resumed and cancelled, the
// account disconnected and connected again) and clock moves of every size,
// forward and, for a request whose instant is older than the last write's,
// slightly backward, the cached inbox always equals the derivation, and the
// cache is actually used.
func TestInboxCacheMatchesDerivation(t *testing.T) {
	epoch := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			w := seededWorld(t, seed, epoch)
			r := rand.New(rand.NewPCG(uint64(seed), 15))
			now := epoch
			hits, changes := 0, 0
			last := w.inbox(now)
			check := func(at time.Time) {
				t.Helper()
				before := w.inboxMemo.Load()
				got := w.cachedInbox(at)
				want := w.inbox(at)
				require.Equal(t, want, got, "at %s", at)
				if before != nil && w.inboxMemo.Load() == before {
					hits++
				}
				if want != last {
					changes++
					last = want
				}
			}
			linkedIn := []*contact{}
			for _, c := range w.contacts.list {
				if c.Channel == chLinkedIn {
					linkedIn = append(linkedIn, c)
				}
			}
			for step := range 400 {
				steps := []time.Duration{time.Second, time.Minute, 17 * time.Minute, time.Hour, 5 * time.Hour, day, 3 * day}
				now = now.Add(time.Duration(r.Int64N(int64(steps[r.IntN(len(steps))]))))
				check(now)
				check(now) // the same instant again: a hit
				check(now.Add(-time.Duration(r.IntN(60)) * time.Second))
				camp := w.campaigns[r.IntN(len(w.campaigns))]
				id := map[string]string{"id": strconv.Itoa(camp.ID)}
				switch r.IntN(12) {
				case 0:
					ct := linkedIn[r.IntN(len(linkedIn))]
					write(t, w, 0, handleSendMessage, now, nil, map[string]any{"contact_id": ct.ID, "message": fmt.Sprint("hello ", step)})
				case 1:
					ct := linkedIn[r.IntN(len(linkedIn))]
					write(t, w, 0, handleContactMessages, now, map[string]string{"id": strconv.Itoa(ct.ID)}, nil)
				case 2:
					p := w.people.pool[r.IntN(len(w.people.pool))]
					write(t, w, linkedInOp, handleCreateCampaign, now, nil, map[string]any{
						"name": fmt.Sprint("c", step), "campaign_type": "sequence", "provider_ids": []string{p.ProviderID},
						"sequence_messages": []map[string]any{{"text": "hi", "wait_days": 1}, {"text": "again", "wait_days": 2}}})
				case 3:
					write(t, w, linkedInOp, handleTransition("pause"), now, id, nil)
				case 4:
					write(t, w, linkedInOp, handleTransition("resume"), now, id, nil)
				case 5:
					write(t, w, linkedInOp, handleTransition("cancel"), now, id, nil)
				case 6:
					write(t, w, linkedInOp, handleDisconnect, now, nil, nil)
				case 7:
					write(t, w, needsAccess, handleConnect, now, nil, map[string]any{"username": "someone@example.com", "password": "x", "country": "SA"})
				case 8: // a write from a request whose instant came a little later
					ct := linkedIn[r.IntN(len(linkedIn))]
					write(t, w, 0, handleSendMessage, now.Add(30*time.Second), nil, map[string]any{"contact_id": ct.ID, "message": "later"})
				}
				check(now)
				check(now.Add(45 * time.Second))
			}
			require.Greater(t, hits, 100, "the cache was hardly used")
			require.Greater(t, changes, 20, "the inbox hardly changed: the test proves little")
		})
	}
}

// TestReadOpsAreOperations: every operation listed as a read is one the
// routes serve, so a renamed operation is noticed here.
func TestReadOpsAreOperations(t *testing.T) {
	routes := New(Deps{}).Operations()
	for id := range readOps {
		require.Contains(t, routes, id, "readOps lists an operation the routes do not serve")
	}
}

// TestSentMessageViewNeedsNoConversation: the answer of POST /messages/send,
// made without walking the conversation, is the message's view within the
// whole conversation at that instant, however long the conversation grows.
func TestSentMessageViewNeedsNoConversation(t *testing.T) {
	epoch := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	w := seededWorld(t, 1, epoch)
	now := epoch
	for i := range 60 {
		now = now.Add(time.Duration(i%7) * 13 * time.Minute)
		for _, id := range []int{418, 419} {
			ct := w.contacts.byID[id]
			body, err := json.Marshal(map[string]any{"contact_id": id, "message": fmt.Sprint("hi ", i)})
			require.NoError(t, err)
			rep, serr := w.run(0, handleSendMessage, &call{now: now, body: body}, false)
			require.Nil(t, serr)
			got, ok := rep.body.(messageView)
			require.True(t, ok, "%T", rep.body)
			msgs := w.conversation(ct, now)
			want := -1
			for j, m := range msgs {
				if m.ID == got.ID {
					want = j
				}
			}
			require.NotEqual(t, -1, want, "the sent message is not in the conversation")
			require.Equal(t, viewMessage(ct, msgs, want, now), got)
		}
	}
}
