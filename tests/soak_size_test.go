//go:build !race

package tests

// soakRequests is the size of the CI soak.
const soakRequests = 20000
