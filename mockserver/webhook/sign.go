package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// signatureHeader and the other delivery headers, as published.
const (
	signatureHeader = "X-Skylight-Signature"
	eventHeader     = "X-Skylight-Event"
	deliveryHeader  = "X-Skylight-Delivery"
	timestampHeader = "X-Skylight-Timestamp"
)

// sign returns the signature header's value for body: "sha256=" and the hex
// HMAC-SHA256 of the raw body keyed with the webhook's secret.
func sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// timestampLayout is SkyLight's stated convention: ISO 8601 UTC with
// microseconds (published page version A for the payload's timestamp).
const timestampLayout = "2006-01-02T15:04:05.000000Z"

// payload is the body of a delivery, fields in the published order.
type payload struct {
	Event      string          `json:"event"`
	DeliveryID string          `json:"delivery_id"`
	Timestamp  string          `json:"timestamp"`
	Data       json.RawMessage `json:"data"`
}

// encodePayload returns the body of a delivery of ev.
func encodePayload(ev Event, deliveryID string) ([]byte, error) {
	data := ev.Data
	if len(data) == 0 {
		data = json.RawMessage(`{}`)
	}
	b, err := json.Marshal(payload{Event: ev.Name, DeliveryID: deliveryID, Timestamp: ev.Time.UTC().Format(timestampLayout), Data: data})
	if err != nil {
		return nil, fmt.Errorf("webhook: encode %s payload: %w", ev.Name, err)
	}
	return b, nil
}

// derive hashes its parts, each length-prefixed so that no two lists of
// parts collide.
func derive(parts ...string) [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// uuidFrom formats the first 16 bytes of a hash as a version 4, variant 1
// UUID: ids look like the vendor's and are still repeatable.
func uuidFrom(h [32]byte) string {
	b := h[:16]
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// secretAlphabet are the characters of a secret.
const secretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// secretPrefix starts every webhook secret (published example).
const secretPrefix = "whsec_"

// newSecret derives a secret of "whsec_" and 64 characters from the
// registry's identity (which holds the tenant's full API key, so another
// tenant cannot compute it), the webhook and its generation.
func newSecret(identity string, hookID, generation int) string {
	out := make([]byte, 0, len(secretPrefix)+64)
	out = append(out, secretPrefix...)
	for block := 0; len(out) < cap(out); block++ {
		h := derive("secret", identity, fmt.Sprint(hookID), fmt.Sprint(generation), fmt.Sprint(block))
		for _, c := range h {
			if len(out) == cap(out) {
				break
			}
			if int(c) < 248 { // 248 = 4*62: keeps the draw uniform
				out = append(out, secretAlphabet[int(c)%len(secretAlphabet)])
			}
		}
	}
	return string(out)
}

// unixSeconds formats the timestamp header.
func unixSeconds(t time.Time) string { return fmt.Sprint(t.Unix()) }
