package sim

import "testing"

// TestHashAndRandLiteralValues pins the seeded hash and generator to literal
// values. Every generated world, id and fault derives from sim.Hash and
// sim.Rand, so a change here (another hash, another separator, another PCG
// stream, a Go release that changes math/rand/v2's PCG) changes every
// answer the mock gives for a seed: it must be a deliberate, visible diff,
// followed by regenerating the golden files (see tests/golden_test.go).
func TestHashAndRandLiteralValues(t *testing.T) {
	for _, tc := range []struct {
		seed  int64
		parts []string
		hash  uint64
		u64   [3]uint64 // the first three Uint64 of Rand(seed, parts...)
		intN  int       // the first IntN(1000) of a fresh Rand(seed, parts...)
	}{
		{0, nil, 0xaf63ad4c86019caf, [3]uint64{0x3d6ace054020e036, 0x9b21331489680bdd, 0x55488ec9ae4be80d}, 239},
		{1, nil, 0xaf63ac4c86019afc, [3]uint64{0xe879da56560d40d1, 0xd3b7da82356d819e, 0x8432f9cc93e5a59a}, 908},
		{42, []string{"skylight", "contacts"}, 0xfc77b8e18cd44feb, [3]uint64{0xf3aae3193f8c2275, 0xfec7737a54267124, 0x597bd44386e05ba4}, 951},
		{42, []string{"skylight", "contact", "418"}, 0xd7ded1a48548fdaf, [3]uint64{0xa22b7c208f9d4a8e, 0x7907570220daec11, 0x9bb844db510cd2c}, 633},
		{7, []string{"konnector-organisation", "demo-key"}, 0x20683f2c0083fcb3, [3]uint64{0xb5078171773848a9, 0x3583a045c3bebdc2, 0xee4f26bf1befed84}, 707},
		{-1, []string{"", ""}, 0xc101248e2d1fa0e3, [3]uint64{0xf3dcd7e240cd0c7d, 0x1cba0e4e5537ae9c, 0x841e10de3977246a}, 952},
	} {
		if got := Hash(tc.seed, tc.parts...); got != tc.hash {
			t.Errorf("Hash(%d, %q) = %#x, want %#x", tc.seed, tc.parts, got, tc.hash)
		}
		r := Rand(tc.seed, tc.parts...)
		for i, want := range tc.u64 {
			if got := r.Uint64(); got != want {
				t.Errorf("Rand(%d, %q): Uint64 #%d = %#x, want %#x", tc.seed, tc.parts, i+1, got, want)
			}
		}
		if got := Rand(tc.seed, tc.parts...).IntN(1000); got != tc.intN {
			t.Errorf("Rand(%d, %q).IntN(1000) = %d, want %d", tc.seed, tc.parts, got, tc.intN)
		}
	}
}
