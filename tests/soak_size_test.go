//go:build !race

package tests

// soakFull is the soak with LINKEDIN_MOCK_LONG=1: the README's million
// requests, in generations of 100,000.
var soakFull = soakSize{requests: 1000000, generations: 10}
