package sim

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
)

// Hash returns a stable 64-bit hash of the seed and the parts, so that every
// entity of the simulation can derive its own randomness from what it is
// (seed, tenant, entity kind, id) instead of from the order of requests.
func Hash(seed int64, parts ...string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(seed, 10)))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return h.Sum64()
}

// Rand returns a deterministic generator for the seed and parts.
func Rand(seed int64, parts ...string) *rand.Rand {
	h := Hash(seed, parts...)
	return rand.New(rand.NewPCG(h, h^0x9e3779b97f4a7c15))
}
