package mockserver_test

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSearchErrors(t *testing.T) {
	t.Parallel()
	c := newSkyClient(t, "")
	first := c.ok(200, "POST", skySearch, map[string]any{"title": "manager", "limit": 2})
	cursor := first["next_cursor"].(string)
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"no filter", map[string]any{"limit": 5}, "body"},
		{"limit too big", map[string]any{"title": "x", "limit": 101}, "limit"},
		{"unknown field", map[string]any{"title": "x", "titel": "y"}, "titel"},
		{"malformed cursor", map[string]any{"title": "manager", "cursor": "%%%not-base64"}, "cursor"},
		{"garbage cursor", map[string]any{"title": "manager", "cursor": base64.RawURLEncoding.EncodeToString([]byte("hello"))}, "cursor"},
		{"foreign cursor", map[string]any{"title": "engineer", "cursor": cursor}, "cursor"},
		{"cursor past the end", map[string]any{"title": "manager", "cursor": base64.RawURLEncoding.EncodeToString([]byte("v1.99999.0000000000000000"))}, "cursor"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := c.fails(422, "", "POST", skySearch, tc.body)
			require.Contains(t, e["errors"], tc.field, "%v", e)
		})
	}
	c.ok(200, "POST", skySearch, map[string]any{"title": "Manager", "limit": 9, "cursor": cursor})
}
