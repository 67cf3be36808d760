package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Kind classifies an error independently of any vendor; each vendor maps a
// kind to its own status and error code.
type Kind int

// The error kinds the server and the simulations produce.
const (
	KindBadRequest Kind = iota + 1
	KindUnauthenticated
	KindForbidden
	KindNotFound
	KindMethodNotAllowed
	KindConflict
	KindTooLarge
	KindValidation
	KindRateLimited
	KindInternal
	KindNotImplemented
	KindUnavailable
)

// Error is an API error on its way to the client. Vendor packages write it in
// their own envelope; the server and handlers only describe it.
type Error struct {
	Kind Kind
	// Status overrides the vendor's status for Kind when not 0.
	Status int
	// Code overrides the vendor's error code for Kind when not empty.
	Code string
	// Message is the human-readable detail. Never include secrets.
	Message string
	// Summary is a short title, for envelopes that carry one (Konnector's
	// top-level message); empty means the vendor's default for the kind.
	Summary string
	// Fields lists validation problems: field path -> reasons.
	Fields map[string][]string
	// Allowed lists what would have been accepted (methods for 405,
	// scenario names or statuses for 400).
	Allowed []string
	// RetryAfter is set on rate-limit and lock-out errors.
	RetryAfter time.Duration
	// RateLimit is the decision behind a 429, for envelopes that report it.
	RateLimit *Decision
	// Extra holds vendor-specific fields added to the envelope as they are
	// (e.g. current_status, attempts_remaining).
	Extra map[string]any
}

func (e *Error) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return e.Message
}

// Errorf returns an Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a validation error for field problems (field path ->
// reasons), its message summing them up in one line.
func Invalid(fields map[string][]string) *Error {
	return &Error{Kind: KindValidation, Fields: fields, Message: SummarizeFields(fields)}
}

// SummarizeFields words field problems in one line, in field order:
// "limit: number must be at most 100; name: is required".
func SummarizeFields(fields map[string][]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+strings.Join(fields[k], ", "))
	}
	return strings.Join(parts, "; ")
}

// Seconds converts whole seconds to a duration.
func Seconds(n int) time.Duration { return time.Duration(n) * time.Second }
