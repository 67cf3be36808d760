package konnector

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
)

// idKind is the kind of record an encrypted identifier names.
type idKind byte

// The kinds of encrypted identifiers.
const (
	// kindUser names a LinkedIn user information record.
	kindUser idKind = 'u'
	// kindRoutine names a campaign routine.
	kindRoutine idKind = 'r'
	// kindStep names a step of a campaign routine (the draft's step_id,
	// "encrypted_step_id_1"): its number is stepNumber(routine, index).
	kindStep idKind = 's'
)

// maxSteps bounds a routine's steps, so a step number packs the routine's
// number and the step's index.
const maxSteps = 16

// stepNumber is the record number of step i (from 0) of routine n.
func stepNumber(routine, i int) int { return routine*maxSteps + i }

const (
	idPayloadLen = 5  // kind (1 byte) + number (4 bytes, big endian)
	idTagLen     = 16 // truncated HMAC-SHA256 of the payload
	// idEncodedLen is the length of an encoded id: 21 bytes in unpadded
	// url-safe base64, 28 characters with no spare bits.
	idEncodedLen = (idPayloadLen + idTagLen) * 4 / 3
)

// idEncoding is url-safe base64 without padding, rejecting non-canonical input.
var idEncoding = base64.RawURLEncoding.Strict()

// idCodec turns (kind, number) into the opaque identifiers one organisation
// sees, and back. An id is tag || (payload XOR pad), where tag is an
// HMAC-SHA256 of the payload under a key derived from the seed and the
// organisation, and pad an HMAC of the tag: ids are stable, show no integer,
// and only this organisation's codec accepts them. A tampered id, or one of
// another organisation, fails authentication and is never matched by accident.
type idCodec struct {
	key []byte
}

// newIDCodec returns the codec of one organisation (org is its identity).
func newIDCodec(seed int64, org uint64) *idCodec {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(seed))
	binary.BigEndian.PutUint64(b[8:], org)
	m := hmac.New(sha256.New, []byte("konnector-encrypted-ids"))
	m.Write(b[:])
	return &idCodec{key: m.Sum(nil)}
}

// Encode returns the encrypted id of record n (from 1) of the kind.
func (c *idCodec) Encode(kind idKind, n int) string {
	var payload [idPayloadLen]byte
	payload[0] = byte(kind)
	binary.BigEndian.PutUint32(payload[1:], uint32(n))
	tag := c.mac("tag", payload[:])[:idTagLen]
	pad := c.mac("pad", tag)
	out := make([]byte, 0, idTagLen+idPayloadLen)
	out = append(out, tag...)
	for i, b := range payload {
		out = append(out, b^pad[i])
	}
	return idEncoding.EncodeToString(out)
}

// Decode returns the kind and number an id names, and false for any string
// this codec did not produce. It never panics, whatever the input.
func (c *idCodec) Decode(s string) (idKind, int, bool) {
	if len(s) != idEncodedLen {
		return 0, 0, false
	}
	raw, err := idEncoding.DecodeString(s)
	if err != nil || len(raw) != idTagLen+idPayloadLen {
		return 0, 0, false
	}
	tag, sealed := raw[:idTagLen], raw[idTagLen:]
	pad := c.mac("pad", tag)
	var payload [idPayloadLen]byte
	for i, b := range sealed {
		payload[i] = b ^ pad[i]
	}
	if !hmac.Equal(tag, c.mac("tag", payload[:])[:idTagLen]) {
		return 0, 0, false
	}
	kind := idKind(payload[0])
	n := binary.BigEndian.Uint32(payload[1:])
	if (kind != kindUser && kind != kindRoutine && kind != kindStep) || n == 0 || n > 1<<30 {
		return 0, 0, false
	}
	return kind, int(n), true
}

// mac is HMAC-SHA256 of a domain label and data under the codec's key.
func (c *idCodec) mac(label string, data []byte) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(label))
	m.Write([]byte{0})
	m.Write(data)
	return m.Sum(nil)
}
