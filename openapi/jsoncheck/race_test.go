//go:build race

package jsoncheck_test

// raceEnabled: the race detector slows kin-openapi down tenfold, so the
// differential tests check a sample.
const raceEnabled = true
