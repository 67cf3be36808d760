//go:build race

package tests

// soakFull is the soak with LINKEDIN_MOCK_LONG=1 under the race detector,
// which slows the in-process driver several times over.
var soakFull = soakSize{requests: 6000, generations: 2}
