package openapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the compiled JSON of the specs")

// TestCompiledJSON: the JSON that Load reads is exactly what the YAML
// compiles to, and kin-openapi reads the same document from either.
func TestCompiledJSON(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			src, err := Bytes(name)
			require.NoError(t, err)
			want, err := Compile(name, src)
			require.NoError(t, err)
			if *update {
				require.NoError(t, os.WriteFile(compiledName(name), want, 0o644))
				return
			}
			got, err := files.ReadFile(compiledName(name))
			require.NoError(t, err)
			require.True(t, bytes.Equal(want, got),
				"%s is stale: run go test ./openapi -run TestCompiledJSON -update", compiledName(name))

			fromYAML, err := openapi3.NewLoader().LoadFromData(src)
			require.NoError(t, err)
			fromJSON, err := openapi3.NewLoader().LoadFromData(got)
			require.NoError(t, err)
			a, err := json.Marshal(fromYAML)
			require.NoError(t, err)
			b, err := json.Marshal(fromJSON)
			require.NoError(t, err)
			require.JSONEq(t, string(a), string(b), "the JSON and the YAML are different documents to kin-openapi")
		})
	}
}
