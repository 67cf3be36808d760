//go:build race

package tests

// soakRequests is the size of the CI soak under the race detector, which
// slows the in-process driver several times over.
const soakRequests = 6000
