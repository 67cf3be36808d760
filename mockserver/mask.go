package mockserver

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// masked is what replaces a secret in the journal and the logs.
const masked = "***"

// secretFields are body keys whose values are never kept: passwords, 2FA
// codes and API keys.
var secretFields = map[string]bool{
	"password": true, "code": true, "api_key": true, "token": true, "secret": true, "otp": true,
}

// maskKey shows only the last four characters of an API key.
func maskKey(key string) string {
	if len(key) <= 4 {
		return strings.Repeat("*", len(key))
	}
	return "…" + key[len(key)-4:]
}

// maskBody returns a JSON body with secret fields replaced at any depth. A
// body that is not JSON is kept only as its size, since it cannot be masked
// field by field.
func maskBody(body []byte) json.RawMessage {
	if len(body) == 0 {
		return nil
	}
	if !mayHoldSecret(body) && json.Valid(body) {
		return append(json.RawMessage(nil), body...)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return json.RawMessage(`{"unparsed_bytes":` + strconv.Itoa(len(body)) + `}`)
	}
	out, err := json.Marshal(maskValue(v))
	if err != nil {
		return nil
	}
	return out
}

// mayHoldSecret reports whether a secret field name appears anywhere in the
// body, ignoring case, or could be spelt with JSON escapes: bodies without
// one (most) are kept as they are, without decoding and re-encoding them.
func mayHoldSecret(body []byte) bool {
	if bytes.IndexByte(body, '\\') >= 0 {
		return true
	}
	lower := bytes.ToLower(body)
	for name := range secretFields {
		if bytes.Contains(lower, []byte(name)) {
			return true
		}
	}
	return false
}

func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if secretFields[strings.ToLower(k)] {
				t[k] = masked
				continue
			}
			t[k] = maskValue(val)
		}
	case []any:
		for i := range t {
			t[i] = maskValue(t[i])
		}
	}
	return v
}
