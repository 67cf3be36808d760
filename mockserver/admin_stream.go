package mockserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Bounds of the live stream.
const (
	subscriberBuffer = 256      // entries queued per subscriber; beyond, they are dropped for it
	recentResponses  = 200      // responses kept for the stream's backlog
	maxCapturedBody  = 64 << 10 // bytes of a response body kept
	streamBacklog    = 200      // journal entries sent when a stream starts
	heartbeatEvery   = 15 * time.Second
)

// liveEntry is a journal entry as the live stream sends it: the entry, and
// the response when a console was watching as it was answered.
type liveEntry struct {
	journalEntry
	Response *liveResponse `json:"response,omitempty"`
}

// liveResponse is a response's headers and body, masked like the journal's
// request (secret headers by their last four characters, secret fields
// replaced) and cut at maxCapturedBody.
type liveResponse struct {
	Headers   map[string]string `json:"headers"`
	Body      json.RawMessage   `json:"body,omitempty"`
	Truncated bool              `json:"truncated,omitempty"`
}

// captureWriter keeps what a vendor request answered.
type captureWriter struct {
	http.ResponseWriter
	header    http.Header // the headers as written
	body      bytes.Buffer
	truncated bool
}

func (c *captureWriter) WriteHeader(code int) {
	if c.header == nil {
		c.header = c.ResponseWriter.Header().Clone()
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if c.header == nil {
		c.header = c.ResponseWriter.Header().Clone()
	}
	room := maxCapturedBody - c.body.Len()
	if len(b) > room {
		c.truncated = true
		c.body.Write(b[:max(room, 0)])
	} else {
		c.body.Write(b)
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (c *captureWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *captureWriter) response() *liveResponse {
	h := c.header
	if h == nil {
		h = c.ResponseWriter.Header()
	}
	r := &liveResponse{Headers: maskedHeaders(h), Truncated: c.truncated}
	if !c.truncated {
		r.Body = maskBody(c.body.Bytes())
	}
	return r
}

// broadcaster sends live entries to the streams watching. A subscriber
// that falls behind loses entries (counted), never blocks a request.
type broadcaster struct {
	watching atomic.Int32 // subscribers, read on every request

	mu     sync.Mutex // guards subs, recent, closed
	subs   map[*subscriber]struct{}
	recent []liveEntry // the last recentResponses entries published, oldest first
	closed bool
	done   chan struct{} // closed by close
}

type subscriber struct {
	ch      chan liveEntry
	dropped atomic.Int64
}

func newBroadcaster() *broadcaster {
	return &broadcaster{subs: map[*subscriber]struct{}{}, done: make(chan struct{})}
}

func (b *broadcaster) active() bool { return b.watching.Load() > 0 }

// subscribe returns a new subscriber, or nil after close.
func (b *broadcaster) subscribe() *subscriber {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	s := &subscriber{ch: make(chan liveEntry, subscriberBuffer)}
	b.subs[s] = struct{}{}
	b.watching.Add(1)
	return s
}

func (b *broadcaster) unsubscribe(s *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[s]; ok {
		delete(b.subs, s)
		b.watching.Add(-1)
	}
}

func (b *broadcaster) publish(e liveEntry) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.recent) == recentResponses {
		b.recent = slices.Delete(b.recent, 0, 1)
	}
	b.recent = append(b.recent, e)
	for s := range b.subs {
		select {
		case s.ch <- e:
		default:
			s.dropped.Add(1)
		}
	}
}

// responseOf returns the kept response of a request, or nil.
func (b *broadcaster) responseOf(id string) *liveResponse {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := len(b.recent) - 1; i >= 0; i-- {
		if b.recent[i].RequestID == id {
			return b.recent[i].Response
		}
	}
	return nil
}

// close ends every stream; later subscriptions are refused.
func (b *broadcaster) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

// handleStream is GET /__admin/requests/stream: the journal as server-sent
// events. It starts with the journal's last entries (oldest first; after
// the one named by Last-Event-ID when a client reconnects), then sends each
// request as it is journaled, a comment every 15 s to keep proxies from
// closing the connection, and an event "dropped" when this client fell
// behind. It ends when the client leaves or the server shuts down.
func (s *Server) handleStream(w http.ResponseWriter, r *http.Request) {
	sub := s.console.stream.subscribe()
	if sub == nil {
		writePlainError(w, http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	defer s.console.stream.unsubscribe(sub)
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives --write-timeout
	_ = rc.SetReadDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	sent := map[string]bool{}
	for _, e := range backlog(s.journal.list(journalFilter{Limit: streamBacklog}), r.Header.Get("Last-Event-ID")) {
		sent[e.RequestID] = true
		if writeEvent(w, "request", e.RequestID, liveEntry{journalEntry: e, Response: s.console.stream.responseOf(e.RequestID)}) != nil {
			return
		}
	}
	_, _ = fmt.Fprint(w, ": live\n\n")
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeatEvery)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.console.stream.done:
			return
		case <-tick.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		case e := <-sub.ch:
			if sent[e.RequestID] {
				delete(sent, e.RequestID)
				continue
			}
			if n := sub.dropped.Swap(0); n > 0 {
				err = writeEvent(w, "dropped", "", map[string]int64{"dropped": n})
			}
			if err == nil {
				err = writeEvent(w, "request", e.RequestID, e)
			}
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}

// backlog turns the journal's newest-first list into the entries a stream
// starts with, oldest first: all of them, or those after lastID when the
// journal still holds it.
func backlog(newest []journalEntry, lastID string) []journalEntry {
	out := newest
	if lastID != "" {
		if i := slices.IndexFunc(newest, func(e journalEntry) bool { return e.RequestID == lastID }); i >= 0 {
			out = newest[:i]
		}
	}
	out = slices.Clone(out)
	slices.Reverse(out)
	return out
}

// writeEvent writes one server-sent event with a JSON data line.
func writeEvent(w http.ResponseWriter, event, id string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("stream: encode %s: %w", event, err)
	}
	if id != "" {
		_, err = fmt.Fprintf(w, "id: %s\n", id)
	}
	if err == nil {
		_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
	}
	return err
}
