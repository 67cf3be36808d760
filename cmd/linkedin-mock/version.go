package main

import (
	"fmt"
	"runtime/debug"
)

// versionLine describes the running binary from its build info: the module
// version (a tag, a pseudo-version, or "(devel)"), the VCS revision and
// whether the checkout had local changes, and the Go version.
func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "linkedin-mock (no build info)"
	}
	return formatVersion(info)
}

func formatVersion(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		rev = "unknown revision"
	} else {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if t := settings["vcs.time"]; t != "" {
			rev += " " + t
		}
		if settings["vcs.modified"] == "true" {
			rev += " (modified)"
		}
	}
	return fmt.Sprintf("linkedin-mock %s, %s, %s", version, rev, info.GoVersion)
}
