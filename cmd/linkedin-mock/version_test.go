package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFormatVersion(t *testing.T) {
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install from a clean checkout", debug.BuildInfo{
			GoVersion: "go1.26.0",
			Main:      debug.Module{Version: "v0.0.0-20251203223600-fbd0ffe1a2b3"},
			Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "fbd0ffe1a2b3c4d5e6f708192a3b4c5d6e7f8091"},
				{Key: "vcs.time", Value: "2025-12-03T22:36:00Z"},
				{Key: "vcs.modified", Value: "false"},
			}},
			"linkedin-mock v0.0.0-20251203223600-fbd0ffe1a2b3, fbd0ffe1a2b3 2025-12-03T22:36:00Z, go1.26.0"},
		{"local changes", debug.BuildInfo{
			GoVersion: "go1.26.0",
			Main:      debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "fbd0ffe1a2b3c4d5e6f708192a3b4c5d6e7f8091"},
				{Key: "vcs.modified", Value: "true"},
			}},
			"linkedin-mock (devel), fbd0ffe1a2b3 (modified), go1.26.0"},
		{"built without VCS (go run, -buildvcs=false)", debug.BuildInfo{GoVersion: "go1.26.0"},
			"linkedin-mock (devel), unknown revision, go1.26.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, formatVersion(&tc.info))
		})
	}
}
