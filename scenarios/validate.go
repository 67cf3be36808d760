package scenarios

import (
	"fmt"
	"regexp"
	"time"
)

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

// validate checks the ranges of effective settings and returns every problem
// with its dotted key.
func validate(s *Settings) []keyError {
	var v validator
	v.oneOf("locale", s.Locale, "en", "ar")

	sk := s.SkyLight
	if !sixDigits.MatchString(sk.TwoFactor.Code) {
		v.add("skylight.two_factor.code", "must be six digits, got %q", sk.TwoFactor.Code)
	}
	v.between("skylight.two_factor.max_attempts", sk.TwoFactor.MaxAttempts, 1, 100)
	v.durationBetween("skylight.two_factor.code_ttl", sk.TwoFactor.CodeTTL, time.Second, 24*time.Hour)
	v.oneOf("skylight.sync_status", sk.SyncStatus, "OK", "CREDENTIALS", "ERROR", "STOPPED")
	v.between("skylight.inmail_balance", sk.InMailBalance, 0, 1_000_000)
	v.quota("skylight.quotas.linkedin_jobs", sk.Quotas.LinkedInJobs)
	v.quota("skylight.quotas.ai_screens", sk.Quotas.AIScreens)
	v.quota("skylight.quotas.resume_downloads", sk.Quotas.ResumeDownloads)
	v.rateLimit("skylight.rate_limit", sk.RateLimit)

	for i, p := range s.Konnector.AdminKeyPrefixes {
		if p == "" {
			v.add(fmt.Sprintf("konnector.admin_key_prefixes[%d]", i), "must not be empty (it would make every key an admin key)")
		}
	}
	v.rateLimit("konnector.rate_limit", s.Konnector.RateLimit)

	w := s.World
	v.between("world.contacts", w.Contacts, 0, 5000)
	v.between("world.campaigns", w.Campaigns, 0, 500)
	v.between("world.jobs", w.Jobs, 0, 200)
	v.between("world.search_pool", w.SearchPool, 10, 20000)
	v.between("world.users", w.Users, 1, 100)
	v.between("world.routines", w.Routines, 0, 2000)
	v.between("world.history_days", w.HistoryDays, 1, 365)

	v.latency(s.Latency)
	for i, f := range s.Faults {
		v.fault(fmt.Sprintf("faults[%d]", i), f)
	}
	return v.errs
}

type validator struct{ errs []keyError }

func (v *validator) add(key, format string, args ...any) {
	v.errs = append(v.errs, keyError{Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) between(key string, n, lo, hi int) {
	if n < lo || n > hi {
		v.add(key, "must be between %d and %d, got %d", lo, hi, n)
	}
}

func (v *validator) durationBetween(key string, d Duration, lo, hi time.Duration) {
	if d.D() < lo || d.D() > hi {
		v.add(key, "must be between %s and %s, got %s", lo, hi, d)
	}
}

func (v *validator) oneOf(key, got string, allowed ...string) {
	for _, a := range allowed {
		if got == a {
			return
		}
	}
	v.add(key, "must be one of %v, got %q", allowed, got)
}

func (v *validator) quota(key string, q Quota) {
	v.between(key+".limit", q.Limit, 0, 1_000_000)
	if q.Used < 0 || q.Used > q.Limit {
		v.add(key+".used", "must be between 0 and the limit (%d), got %d", q.Limit, q.Used)
	}
}

func (v *validator) rateLimit(key string, r RateLimit) {
	v.between(key+".per_minute", r.PerMinute, 0, 1_000_000)
	v.between(key+".per_day", r.PerDay, 0, 100_000_000)
}

func (v *validator) latency(l Latency) {
	v.durationBetween("latency.fixed", l.Fixed, 0, time.Minute)
	v.durationBetween("latency.min", l.Min, 0, time.Minute)
	v.durationBetween("latency.max", l.Max, 0, time.Minute)
	if l.Min > l.Max {
		v.add("latency.min", "must not exceed latency.max (%s), got %s", l.Max, l.Min)
	}
	if l.Fixed > 0 && l.Max > 0 {
		v.add("latency.fixed", "set either fixed or a min-max range, not both")
	}
}

func (v *validator) fault(key string, f Fault) {
	if f.Rate < 0 || f.Rate > 1 {
		v.add(key+".rate", "must be between 0 and 1, got %g", f.Rate)
	}
	switch f.Kind {
	case FaultStatus:
		v.between(key+".status", f.Status, 400, 599)
	case FaultEmpty:
		v.between(key+".status", f.Status, 200, 599)
	case FaultDrop:
	default:
		v.add(key+".kind", "must be one of [status drop empty], got %q", f.Kind)
	}
	if f.Vendor != "" {
		v.oneOf(key+".vendor", f.Vendor, "skylight", "konnector")
	}
}
