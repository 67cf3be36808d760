// Package sim holds the vendor-neutral simulation mechanisms shared by both
// simulated vendors: the server clock, seeded randomness, tenants, the request
// journal and the rate-limit decision. It knows nothing about either vendor.
package sim
