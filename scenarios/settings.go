package scenarios

import (
	"fmt"
	"time"
)

// Settings is the full, effective configuration of the simulated vendors that
// a scenario produces. Scenario files hold only the keys they change; they are
// decoded over a copy of the default scenario's Settings, left to right, so
// every scenario is an overlay on `default`.
type Settings struct {
	SkyLight  SkyLight  `yaml:"skylight" json:"skylight"`
	Konnector Konnector `yaml:"konnector" json:"konnector"`
	World     World     `yaml:"world" json:"world"`
	// Locale of generated names, places and messages: "en" or "ar".
	Locale  string  `yaml:"locale" json:"locale"`
	Latency Latency `yaml:"latency" json:"latency"`
	Faults  []Fault `yaml:"faults" json:"faults"`
}

// SkyLight holds the toggles of the simulated SkyLight Chat account.
type SkyLight struct {
	// LinkedInAccess is the subscription's linkedin_access flag; without it
	// every /linkedin/* and /channels/linkedin/* route answers 403
	// linkedin_upgrade_required.
	LinkedInAccess bool `yaml:"linkedin_access" json:"linkedin_access"`
	// Connected tells whether a LinkedIn account is connected when the
	// tenant's world is created.
	Connected bool `yaml:"connected" json:"connected"`
	// SyncStatus is the connected account's provider-side state: "OK" (the
	// default), or a broken session that LinkedIn operations refuse until
	// the account is refreshed or connected again: "CREDENTIALS" (the
	// password changed), "ERROR" (a refresh recovers it) or "STOPPED".
	SyncStatus string    `yaml:"sync_status" json:"sync_status"`
	TwoFactor  TwoFactor `yaml:"two_factor" json:"two_factor"`
	// RecruiterContract tells whether a LinkedIn Recruiter contract is
	// detected on the connected account.
	RecruiterContract bool   `yaml:"recruiter_contract" json:"recruiter_contract"`
	InMailBalance     int    `yaml:"inmail_balance" json:"inmail_balance"`
	Quotas            Quotas `yaml:"quotas" json:"quotas"`
	// RateLimit is the published 120 requests a minute per key by default;
	// zeros turn it off.
	RateLimit RateLimit `yaml:"rate_limit" json:"rate_limit"`
}

// TwoFactor configures the LinkedIn 2FA challenge at connect.
type TwoFactor struct {
	Required bool `yaml:"required" json:"required"`
	// Code is the only code the mock accepts (six digits).
	Code string `yaml:"code" json:"code"`
	// MaxAttempts wrong codes lock the pending login.
	MaxAttempts int `yaml:"max_attempts" json:"max_attempts"`
	// CodeTTL is how long an issued code stays valid.
	CodeTTL Duration `yaml:"code_ttl" json:"code_ttl"`
}

// Quotas are the three subscription limits of the Recruiter endpoints.
type Quotas struct {
	LinkedInJobs    Quota `yaml:"linkedin_jobs" json:"linkedin_jobs"`
	AIScreens       Quota `yaml:"ai_screens" json:"ai_screens"`
	ResumeDownloads Quota `yaml:"resume_downloads" json:"resume_downloads"`
}

// Quota is one subscription limit and how much of it is used at the start.
type Quota struct {
	Limit int `yaml:"limit" json:"limit"`
	Used  int `yaml:"used" json:"used"`
}

// Konnector holds the toggles of the simulated Konnector.ai organisation.
type Konnector struct {
	// AdminKeyPrefixes: an API key starting with one of these is an
	// organisation administrator's key (may call /create-api-key).
	AdminKeyPrefixes []string `yaml:"admin_key_prefixes" json:"admin_key_prefixes"`
	// AdminKeys are further exact admin keys.
	AdminKeys []string  `yaml:"admin_keys" json:"admin_keys"`
	RateLimit RateLimit `yaml:"rate_limit" json:"rate_limit"`
}

// RateLimit is a request budget per minute and per day; 0 means no limit.
type RateLimit struct {
	PerMinute int `yaml:"per_minute" json:"per_minute"`
	PerDay    int `yaml:"per_day" json:"per_day"`
}

// World sets the sizes of the generated worlds.
type World struct {
	// SkyLight
	Contacts   int `yaml:"contacts" json:"contacts"`
	Campaigns  int `yaml:"campaigns" json:"campaigns"`
	Jobs       int `yaml:"jobs" json:"jobs"`
	SearchPool int `yaml:"search_pool" json:"search_pool"`
	// Konnector
	Users    int `yaml:"users" json:"users"`
	Routines int `yaml:"routines" json:"routines"`
	// HistoryDays of daily activity generated before the clock's start.
	HistoryDays int `yaml:"history_days" json:"history_days"`
}

// Latency delays responses: Fixed, or a uniform draw in [Min, Max] from the
// seed. Zero means none.
type Latency struct {
	Fixed Duration `yaml:"fixed" json:"fixed"`
	Min   Duration `yaml:"min" json:"min"`
	Max   Duration `yaml:"max" json:"max"`
}

// FaultKind is how an injected fault answers.
type FaultKind string

// The fault kinds.
const (
	// FaultStatus answers Status in the vendor's error envelope.
	FaultStatus FaultKind = "status"
	// FaultDrop closes the connection without an answer.
	FaultDrop FaultKind = "drop"
	// FaultEmpty answers Status with an empty body.
	FaultEmpty FaultKind = "empty"
)

// Fault injects failures into a share of matching requests.
type Fault struct {
	// Rate is the share of matching requests that fail, in [0, 1].
	Rate   float64   `yaml:"rate" json:"rate"`
	Kind   FaultKind `yaml:"kind" json:"kind"`
	Status int       `yaml:"status" json:"status"`
	// Vendor limits the fault to "skylight" or "konnector" (empty: both).
	Vendor string `yaml:"vendor" json:"vendor,omitempty"`
	// Operations limits the fault to these operationIds (empty: all).
	Operations []string `yaml:"operations" json:"operations,omitempty"`
	// PathPrefix limits the fault to request paths with this prefix.
	PathPrefix string `yaml:"path_prefix" json:"path_prefix,omitempty"`
}

// Duration is a time.Duration written in Go syntax ("250ms", "72h") in YAML
// and JSON.
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats the duration in Go syntax.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes the duration as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%q", d.String())), nil
}

// MarshalYAML writes the duration as a Go duration string.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }
