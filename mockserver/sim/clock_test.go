package sim

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestClockAdvanceNeverWraps is the regression test of a FuzzAdmin finding:
// two large advances overflowed the offset and the clock jumped to 1733.
func TestClockAdvanceNeverWraps(t *testing.T) {
	start := time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC)
	c := NewClock(start, true, nil)
	_, err := c.Advance(72 * time.Hour)
	require.NoError(t, err)
	_, err = c.Advance(time.Duration(math.MaxInt64))
	require.ErrorContains(t, err, "the total advance would exceed")
	require.Equal(t, start.Add(72*time.Hour), c.Now(), "a refused advance leaves the clock as it was")
	now, err := c.Advance(time.Duration(math.MaxInt64) - 72*time.Hour)
	require.NoError(t, err, "up to the longest duration in total is fine")
	require.True(t, now.After(start))
	_, err = c.Advance(1)
	require.Error(t, err)
}
