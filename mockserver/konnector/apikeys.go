package konnector

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// An issued API key is 64 lower-case hex characters: tag (20 bytes) ||
// (payload XOR pad) (12 bytes), where the payload is the organisation's
// identity (8 bytes) and the key's sequence number in that organisation (4
// bytes), tag is an HMAC of the payload under a key derived from the seed,
// and pad an HMAC of the tag. The key is thus derived from (seed,
// organisation, sequence number) alone, and the server can tell which
// organisation it opens without remembering it.
const (
	issuedPayloadLen = 12
	issuedTagLen     = 20
)

// issuedKeySecret is the HMAC key of issued API keys for a seed.
func issuedKeySecret(seed int64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seed))
	m := hmac.New(sha256.New, []byte("konnector-issued-api-keys"))
	m.Write(b[:])
	return m.Sum(nil)
}

func issuedMAC(secret []byte, label string, data []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(label))
	m.Write([]byte{0})
	m.Write(data)
	return m.Sum(nil)
}

// issueKey returns the seq-th API key of the organisation.
func issueKey(seed int64, identity uint64, seq int) string {
	secret := issuedKeySecret(seed)
	var payload [issuedPayloadLen]byte
	binary.BigEndian.PutUint64(payload[:8], identity)
	binary.BigEndian.PutUint32(payload[8:], uint32(seq))
	tag := issuedMAC(secret, "tag", payload[:])[:issuedTagLen]
	pad := issuedMAC(secret, "pad", tag)
	out := slices.Clone(tag)
	for i, b := range payload {
		out = append(out, b^pad[i])
	}
	return hex.EncodeToString(out)
}

// issuedKeyIdentity returns the organisation identity an issued key carries,
// and false for any other key.
func issuedKeyIdentity(seed int64, key string) (uint64, bool) {
	if len(key) != 2*(issuedTagLen+issuedPayloadLen) || strings.ToLower(key) != key {
		return 0, false
	}
	raw, err := hex.DecodeString(key)
	if err != nil {
		return 0, false
	}
	secret := issuedKeySecret(seed)
	tag := raw[:issuedTagLen]
	pad := issuedMAC(secret, "pad", tag)
	payload := make([]byte, issuedPayloadLen)
	for i, b := range raw[issuedTagLen:] {
		payload[i] = b ^ pad[i]
	}
	if !hmac.Equal(tag, issuedMAC(secret, "tag", payload)[:issuedTagLen]) {
		return 0, false
	}
	return binary.BigEndian.Uint64(payload[:8]), true
}

// issuedKeys counts the API keys each organisation has created, across all
// its tenants, for the life of the server (a reset of the tenants forgets
// worlds, not the keys already handed out).
type issuedKeys struct {
	mu    sync.Mutex     // guards count
	count map[uint64]int // organisation identity -> keys created
}

// next returns the sequence number of the organisation's next key, from 1.
func (k *issuedKeys) next(identity uint64) int {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.count[identity]++
	return k.count[identity]
}

// isAdminKey tells whether the scenario makes key an organisation
// administrator's key (an exact admin key, or one starting with an admin
// prefix).
func isAdminKey(key string, k *scenarios.Konnector) bool {
	if slices.Contains(k.AdminKeys, key) {
		return true
	}
	for _, p := range k.AdminKeyPrefixes {
		if p != "" && strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// createKeyRequest is the body of POST /create-api-key.
type createKeyRequest struct {
	OrganisationID *json.Number `json:"organisation_id"`
	Description    *string      `json:"description"`
}

// createKeyData is the data of a created API key.
type createKeyData struct {
	APIKey           string   `json:"api_key"`
	CreatedAt        string   `json:"created_at"`
	Description      string   `json:"description"`
	OrganisationID   int      `json:"organisation_id"`
	OrganisationName string   `json:"organisation_name"`
	ExpiresAt        string   `json:"expires_at"`
	Permissions      []string `json:"permissions"`
	CreatedBy        string   `json:"created_by"`
	stamp
}

// createAPIKey answers POST /create-api-key: an administrator's key creates
// a key for its own organisation, which works at once (the new key names the
// caller's tenant). The key appears in this response only: never in logs.
func (a *api) createAPIKey(c *call) (string, any, *sim.Error) {
	if !isAdminKey(c.req.APIKey, &c.settings().Konnector) {
		return "", nil, &sim.Error{Kind: sim.KindForbidden, Message: "Only organization administrators can create API keys"}
	}
	var body createKeyRequest
	if len(bytes.TrimSpace(c.req.Body)) > 0 {
		if err := json.Unmarshal(c.req.Body, &body); err != nil {
			return "", nil, sim.Errorf(sim.KindBadRequest, "malformed JSON body: %v", err)
		}
	}
	w := c.world
	if body.OrganisationID != nil && !sameOrganisation(string(*body.OrganisationID), w.org.id) {
		return "", nil, &sim.Error{Kind: sim.KindForbidden, Message: "API keys can only be created for your own organization"}
	}
	now := c.req.Now.UTC().Truncate(time.Second)
	desc := "API key created on " + now.Format(time.DateTime) + " UTC"
	if body.Description != nil && strings.TrimSpace(*body.Description) != "" {
		desc = *body.Description
	}
	key := issueKey(w.seed, w.identity, a.issued.next(w.identity))
	if t := c.req.Tenant; a.deps.Keys != nil {
		a.deps.Keys.Alias(sim.TenantKey{Vendor: a.Name(), APIKey: key, Scenario: t.Scenario}, t)
	}
	return "API key created successfully", createKeyData{
		APIKey: key, CreatedAt: utc(now), Description: desc, OrganisationID: w.org.id,
		OrganisationName: w.org.name, ExpiresAt: utc(now.AddDate(1, 0, 0)),
		Permissions: []string{"read", "write"}, CreatedBy: w.org.adminEmail, stamp: c.stamp(),
	}, nil
}

// sameOrganisation tells whether the organisation_id sent names the caller's
// organisation.
func sameOrganisation(sent string, own int) bool {
	n, ok := intOf(sent)
	return ok && n == own
}
