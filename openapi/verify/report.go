package verify

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Outcome is how one operation fared.
type Outcome string

// The outcomes of an operation.
const (
	// Passed: the answer keeps the spec.
	Passed Outcome = "passed"
	// Failed: the answer breaks the spec, or no usable answer came.
	Failed Outcome = "failed"
	// Skipped: not sent (a write without --allow-writes, no real id to
	// send), or still rate limited after the retry.
	Skipped Outcome = "skipped"
)

// Result is one operation's verification.
type Result struct {
	OperationID string  `json:"operation_id"`
	Method      string  `json:"method"`
	Path        string  `json:"path"`
	Outcome     Outcome `json:"outcome"`
	// Request is what was sent: method, filled path and query.
	Request string `json:"request,omitempty"`
	// Status is the HTTP status answered (0 when nothing was answered).
	Status int `json:"status,omitempty"`
	// Violations name each way the answer breaks the spec (failed only).
	Violations []string `json:"violations,omitempty"`
	// Reason says why the operation was skipped.
	Reason string `json:"reason,omitempty"`
	// Notes say what happened on the way, such as a 429 waited out.
	Notes []string `json:"notes,omitempty"`
}

func (r Result) skip(reason string) Result {
	r.Outcome, r.Reason = Skipped, reason
	return r
}

func (r Result) fail(violations ...string) Result {
	r.Outcome, r.Violations = Failed, violations
	return r
}

// Report is a whole run.
type Report struct {
	Vendor  string   `json:"vendor"`
	BaseURL string   `json:"base_url"`
	Spec    string   `json:"spec"`
	Passed  int      `json:"passed"`
	Failed  int      `json:"failed"`
	Skipped int      `json:"skipped"`
	Results []Result `json:"results"`
}

func (rep *Report) add(r Result) {
	rep.Results = append(rep.Results, r)
	switch r.Outcome {
	case Passed:
		rep.Passed++
	case Failed:
		rep.Failed++
	case Skipped:
		rep.Skipped++
	}
}

// OK reports whether no operation failed.
func (rep *Report) OK() bool { return rep.Failed == 0 }

// Result returns the result of an operation, or nil.
func (rep *Report) Result(operationID string) *Result {
	for i := range rep.Results {
		if rep.Results[i].OperationID == operationID {
			return &rep.Results[i]
		}
	}
	return nil
}

// redact removes the key from every text that came from the server or the
// network, in case a server echoes it.
func (rep *Report) redact(key string) {
	if key == "" {
		return
	}
	clean := func(s string) string { return strings.ReplaceAll(s, key, "[redacted]") }
	rep.BaseURL = clean(rep.BaseURL)
	for i := range rep.Results {
		r := &rep.Results[i]
		r.Request, r.Reason = clean(r.Request), clean(r.Reason)
		for j := range r.Violations {
			r.Violations[j] = clean(r.Violations[j])
		}
		for j := range r.Notes {
			r.Notes[j] = clean(r.Notes[j])
		}
	}
}

// WriteJSON writes the report as indented JSON, for CI.
func (rep *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("verify: write the report: %w", err)
	}
	return nil
}

// WriteText writes the report for people: one line per operation, each
// violation, skip reason and note indented under it, and a summary.
func (rep *Report) WriteText(w io.Writer) error {
	width := 0
	for _, r := range rep.Results {
		width = max(width, len(r.OperationID))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "verify %s at %s (spec %s)\n", rep.Vendor, rep.BaseURL, rep.Spec)
	for _, r := range rep.Results {
		fmt.Fprintf(&b, "%-4s  %-*s  %s %s", strings.ToUpper(string(r.Outcome))[:4], width, r.OperationID, r.Method, r.Path)
		if r.Status != 0 {
			fmt.Fprintf(&b, " -> %d", r.Status)
		}
		b.WriteByte('\n')
		for _, v := range r.Violations {
			fmt.Fprintf(&b, "      - %s\n", v)
		}
		if r.Reason != "" {
			fmt.Fprintf(&b, "      skipped: %s\n", r.Reason)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "      note: %s\n", n)
		}
	}
	fmt.Fprintf(&b, "%d passed, %d failed, %d skipped\n", rep.Passed, rep.Failed, rep.Skipped)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("verify: write the report: %w", err)
	}
	return nil
}
