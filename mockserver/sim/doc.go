// Package sim holds the contract between the server and the simulated
// vendors (Call, Reply, Operation, Vendor, Encoded, Error) and the
// vendor-neutral mechanisms simulation needs: the clock, seeded randomness,
// tenants and the rate-limit decision. It knows nothing about either vendor.
package sim
