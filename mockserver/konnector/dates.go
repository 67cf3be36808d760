package konnector

import (
	"fmt"
	"net/http"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// istOffset is Asia/Kolkata's offset from UTC in seconds (no daylight saving).
const istOffset = 5*3600 + 1800

// secondsPerDay is the length of a calendar day.
const secondsPerDay = 86400

// maxRangeDays is the longest date range a request may ask for, in dates
// (end_date - start_date + 1).
const maxRangeDays = 366

// defaultRangeDays is the length of the range when start_date is omitted:
// end_date and the 29 days before it.
const defaultRangeDays = 30

// day is a calendar day in Asia/Kolkata, counted from 1970-01-01. Daily
// series, "today" and the date filters all count days this way.
type day int

// dayOf returns the Asia/Kolkata calendar day of t.
func dayOf(t time.Time) day {
	s := t.Unix() + istOffset
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return day(d)
}

// start returns the instant the day begins (Asia/Kolkata midnight), in UTC.
func (d day) start() time.Time {
	return time.Unix(int64(d)*secondsPerDay-istOffset, 0).UTC()
}

// String formats the day as YYYY-MM-DD. Every daily item of every answer
// carries one, so years 0..9999 are formatted by hand from the civil date
// (Howard Hinnant's days-to-civil algorithm) instead of by time.Format.
func (d day) String() string {
	y, m, dd := civil(int64(d))
	if y < 0 || y > 9999 {
		return time.Unix(int64(d)*secondsPerDay, 0).UTC().Format(time.DateOnly)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	return string(b[:])
}

// civil returns the proleptic Gregorian year, month (1..12) and day (1..31)
// of z days after 1970-01-01.
func civil(z int64) (y, m, d int64) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // [0, 11], from March
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// weekday returns the day of the week (time.Sunday is 0).
func (d day) weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(((int(d)+4)%7 + 7) % 7)
}

// parseDay reads a YYYY-MM-DD date, rejecting dates that do not exist.
func parseDay(s string) (day, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return day(t.Unix() / secondsPerDay), true
}

// dateRange is an inclusive range of days.
type dateRange struct {
	from, to day
}

// len returns the number of dates in the range.
func (r dateRange) len() int { return int(r.to-r.from) + 1 }

// dates returns the range's dates as YYYY-MM-DD, in order: formatted once
// per request and shared by every daily item of the answer.
func (r dateRange) dates() []string {
	out := make([]string, r.len())
	for i := range out {
		out[i] = (r.from + day(i)).String()
	}
	return out
}

// intersect returns the part of r within [lo, hi] and whether it is empty.
func (r dateRange) intersect(lo, hi day) (dateRange, bool) {
	out := dateRange{from: max(r.from, lo), to: min(r.to, hi)}
	return out, out.from <= out.to
}

// resolveRange applies the date defaults and rules: end_date defaults to
// today, start_date to 29 days before end_date; a date that does not exist is
// INVALID_REQUEST; end before start, or more than maxRangeDays dates, is
// INVALID_DATE_RANGE.
func resolveRange(start, end *string, today day) (dateRange, *sim.Error) {
	r := dateRange{to: today}
	if end != nil {
		d, ok := parseDay(*end)
		if !ok {
			return r, badDate("end_date", *end)
		}
		r.to = d
	}
	r.from = r.to - (defaultRangeDays - 1)
	if start != nil {
		d, ok := parseDay(*start)
		if !ok {
			return r, badDate("start_date", *start)
		}
		r.from = d
	}
	switch {
	case r.to < r.from:
		return r, dateRangeError("End date cannot be before start date")
	case r.len() > maxRangeDays:
		return r, dateRangeError(fmt.Sprintf("Date range cannot exceed %d days", maxRangeDays))
	}
	return r, nil
}

// badDate is the error of a date that is well-formed but does not exist.
func badDate(field, value string) *sim.Error {
	return &sim.Error{Kind: sim.KindBadRequest,
		Message: fmt.Sprintf("%s: %q is not a calendar date (YYYY-MM-DD)", field, value)}
}

// dateRangeError is the doc's INVALID_DATE_RANGE error.
func dateRangeError(msg string) *sim.Error {
	return &sim.Error{Kind: sim.KindBadRequest, Status: http.StatusBadRequest, Code: "INVALID_DATE_RANGE", Summary: "Invalid date range", Message: msg}
}
