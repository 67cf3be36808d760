package verifytest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Set returns a JSON body with the value at a dotted path ("data.0.id")
// replaced; the body is returned unchanged when the path does not exist.
func Set(body []byte, path string, v any) []byte {
	return edit(body, path, func(parent any, key string) {
		switch p := parent.(type) {
		case map[string]any:
			p[key] = v
		case []any:
			if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(p) {
				p[i] = v
			}
		}
	})
}

// Delete returns a JSON body without the object field at a dotted path.
func Delete(body []byte, path string) []byte {
	return edit(body, path, func(parent any, key string) {
		if p, ok := parent.(map[string]any); ok {
			delete(p, key)
		}
	})
}

// edit decodes body, finds the parent of the path's last key, applies f and
// encodes the result.
func edit(body []byte, path string, f func(parent any, key string)) []byte {
	var root any
	if json.Unmarshal(body, &root) != nil {
		return body
	}
	keys := strings.Split(path, ".")
	parent := root
	for _, k := range keys[:len(keys)-1] {
		switch p := parent.(type) {
		case map[string]any:
			parent = p[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(p) {
				return body
			}
			parent = p[i]
		default:
			return body
		}
	}
	f(parent, keys[len(keys)-1])
	out, err := json.Marshal(root)
	if err != nil {
		return body
	}
	return out
}
