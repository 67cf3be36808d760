package skylight

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// testWorld generates the default scenario's world at epoch.
func testWorld(t *testing.T, epoch time.Time) *world {
	t.Helper()
	reg, err := scenarios.Builtin()
	require.NoError(t, err)
	sc, err := reg.Resolve("default")
	require.NoError(t, err)
	fx := fixtures.MustLoad()
	var pools poolCache
	s := &sc.Settings
	return newWorld(1, fx, s, epoch, pools.get(1, fx, s.Locale, poolSize(fx, s)))
}

// TestTimelineEnumeratesWhatHappened: a DM sent through the API shows as
// message.sent once it stops being pending, the contact's reply (when the
// seed draws one) as message.received, a campaign's new targets as
// contact.created and their progress as contact.updated; the events of a
// span are the same whether it is asked for whole or in pieces.
func TestTimelineEnumeratesWhatHappened(t *testing.T) {
	epoch := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	w := testWorld(t, epoch)
	var replied bool
	for _, ct := range w.contacts.list {
		if ct.Person == nil || ct.Status != "active" {
			continue
		}
		w.sendDM(ct, "hello", epoch)
		for _, m := range ct.stored {
			replied = replied || (m.Inbound && m.SentAt.After(epoch))
		}
	}
	require.True(t, replied, "some DM gets a reply")
	p := w.newCampaign(campaignCreate{Name: "t", CampaignType: "invite"}, []target{{person: w.people.pool[len(w.people.pool)-1], given: "x"}}, epoch)
	require.NotNil(t, p)

	end := epoch.Add(10 * 24 * time.Hour)
	whole := w.events(epoch.Add(-time.Second), end)
	kinds := map[eventKind]int{}
	for i, e := range whole {
		kinds[e.Kind]++
		if i > 0 {
			require.False(t, e.At.Before(whole[i-1].At), "in time order")
		}
		if e.Kind == evMessageSent || e.Kind == evMessageReceived {
			require.NotNil(t, e.Message)
		}
	}
	for _, k := range []eventKind{evMessageSent, evMessageReceived, evContactCreated, evContactUpdated} {
		require.Positive(t, kinds[k], "%s: %v", k, kinds)
	}
	var pieces []event
	for from := epoch.Add(-time.Second); from.Before(end); from = from.Add(7 * time.Hour) {
		to := from.Add(7 * time.Hour)
		if to.After(end) {
			to = end
		}
		pieces = append(pieces, w.events(from, to)...)
	}
	require.Equal(t, len(whole), len(pieces))
	for i := range whole {
		require.Equal(t, whole[i].At, pieces[i].At)
		require.Equal(t, whole[i].Kind, pieces[i].Kind)
	}
}
