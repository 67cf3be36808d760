package konnector

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const base64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func TestIDCodecRoundTripAndRejections(t *testing.T) {
	c := newIDCodec(1, 77)
	other := newIDCodec(1, 78)
	otherSeed := newIDCodec(2, 77)
	for _, kind := range []idKind{kindUser, kindRoutine} {
		for n := 1; n <= 300; n++ {
			id := c.Encode(kind, n)
			require.Regexp(t, `^[A-Za-z0-9_-]{28}$`, id, "ids are opaque url-safe strings")
			require.Equal(t, id, c.Encode(kind, n), "stable")
			k, got, ok := c.Decode(id)
			require.True(t, ok)
			require.Equal(t, kind, k)
			require.Equal(t, n, got)
			_, _, ok = other.Decode(id)
			require.False(t, ok, "another organisation's codec rejects it")
			_, _, ok = otherSeed.Decode(id)
			require.False(t, ok, "another seed's codec rejects it")
		}
	}
	// Every single-character change is rejected.
	id := c.Encode(kindRoutine, 12)
	for i := range id {
		for _, ch := range base64URL {
			if byte(ch) == id[i] {
				continue
			}
			tampered := id[:i] + string(ch) + id[i+1:]
			_, _, ok := c.Decode(tampered)
			require.False(t, ok, "tampered at %d with %c", i, ch)
		}
	}
	for _, s := range []string{"", "encrypted_id_string", "encrypted_id_string_1", "encrypted_user_id", id + "A", id[1:], "1"} {
		_, _, ok := c.Decode(s)
		require.False(t, ok, "%q", s)
	}
}

// FuzzIDCodecDecode: any string in, (record, ok) out, never a panic; an
// accepted string is exactly the encoding of what it decodes to.
func FuzzIDCodecDecode(f *testing.F) {
	c := newIDCodec(1, 77)
	for _, s := range []string{"", "encrypted_id_string", c.Encode(kindUser, 1), c.Encode(kindRoutine, 20),
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "____________________________", "\x00\xff", "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kind, n, ok := c.Decode(s)
		if !ok {
			return
		}
		if c.Encode(kind, n) != s {
			t.Fatalf("%q decodes to (%c, %d), which encodes differently", s, kind, n)
		}
	})
}
