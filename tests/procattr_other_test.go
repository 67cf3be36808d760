//go:build !linux

package tests

import "os/exec"

// setProcAttr does nothing here: only Linux can tie the server's life to the
// test process; t.Cleanup still stops it.
func setProcAttr(*exec.Cmd) {}
