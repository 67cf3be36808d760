package mockserver

import (
	"crypto/sha256"
	"encoding/json"
	"strings"
	"sync"
	"time"
)

// journalEntry is one request as the journal keeps it. Secrets are masked before an
// entry is stored: the API key shows only its last four characters, and
// passwords, 2FA codes and API keys in bodies are replaced.
type journalEntry struct {
	Time        time.Time           `json:"time"`
	RequestID   string              `json:"request_id"`
	Vendor      string              `json:"vendor"`
	OperationID string              `json:"operation_id,omitempty"`
	Tenant      string              `json:"tenant,omitempty"`
	Scenario    string              `json:"scenario,omitempty"`
	Method      string              `json:"method"`
	Path        string              `json:"path"`
	Query       map[string][]string `json:"query,omitempty"`
	Headers     map[string]string   `json:"headers,omitempty"`
	Body        json.RawMessage     `json:"body,omitempty"`
	Status      int                 `json:"status,omitempty"`  // 0 when dropped
	Dropped     bool                `json:"dropped,omitempty"` // closed without an answer
	DurationMS  float64             `json:"duration_ms"`

	keyHash [32]byte // sha256 of the full API key, for filtering without storing it
}

// setAPIKey records the hash of the request's API key for filtering.
func (e *journalEntry) setAPIKey(key string) { e.keyHash = sha256.Sum256([]byte(key)) }

// journalFilter selects journal entries; zero fields match everything.
type journalFilter struct {
	Vendor      string
	Method      string
	PathPrefix  string
	Status      int
	APIKey      string
	OperationID string
	Limit       int // 0: all
}

func (f journalFilter) match(e *journalEntry) bool {
	switch {
	case f.Vendor != "" && e.Vendor != f.Vendor,
		f.Method != "" && !strings.EqualFold(e.Method, f.Method),
		f.PathPrefix != "" && !strings.HasPrefix(e.Path, f.PathPrefix),
		f.Status != 0 && e.Status != f.Status,
		f.OperationID != "" && e.OperationID != f.OperationID,
		f.APIKey != "" && e.keyHash != sha256.Sum256([]byte(f.APIKey)):
		return false
	}
	return true
}

// journal is a bounded ring of the most recent requests, so memory stays flat
// under any load.
type journal struct {
	mu   sync.Mutex // guards ring, next, full
	ring []journalEntry
	next int  // index the next entry is written to
	full bool // the ring has wrapped
}

// newJournal returns a journal keeping the last size entries (size < 1 keeps none).
func newJournal(size int) *journal {
	if size < 0 {
		size = 0
	}
	return &journal{ring: make([]journalEntry, size)}
}

// add stores an entry, overwriting the oldest when full.
func (j *journal) add(e journalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if len(j.ring) == 0 {
		return
	}
	j.ring[j.next] = e
	j.next = (j.next + 1) % len(j.ring)
	if j.next == 0 {
		j.full = true
	}
}

// list returns the matching entries, newest first.
func (j *journal) list(f journalFilter) []journalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := j.next
	if j.full {
		n = len(j.ring)
	}
	out := []journalEntry{}
	for i := 1; i <= n; i++ {
		e := &j.ring[(j.next-i+len(j.ring))%len(j.ring)]
		if f.match(e) {
			out = append(out, *e)
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
		}
	}
	return out
}

// clear forgets every entry.
func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring) // the builtin
	j.next, j.full = 0, false
}
