package konnector

import (
	"math"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// retryAfter is a 429's data.retry_after: seconds for the minute limit,
// hours for the daily limit, as the vendor's 2025-05-09 and 2025-05-11
// drafts say (the base page is silent on the unit). Both are rounded up, so
// a client that waits that long finds its window reset. The Retry-After
// header stays in seconds, as HTTP defines it.
func retryAfter(e *sim.Error) int {
	if d := e.RateLimit; d != nil && d.Window == "day" {
		return int(math.Ceil(e.RetryAfter.Hours()))
	}
	return int(math.Ceil(e.RetryAfter.Seconds()))
}

// retryAfterSeconds is the Retry-After header of a 429.
func retryAfterSeconds(e *sim.Error) int {
	return int(math.Ceil(e.RetryAfter.Seconds()))
}
