package openapi_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/linkedin-mock/linkedin-mock/openapi"
)

// docExample is one example of a vendor doc, as stored in tests/testdata/docs.
type docExample struct {
	Section     string `json:"section"`
	OperationID string `json:"operation_id"`
	Scenario    string `json:"scenario"`
	Request     struct {
		Method  string              `json:"method"`
		Path    string              `json:"path"`
		Query   map[string][]string `json:"query"`
		Headers map[string]string   `json:"headers"`
		Body    json.RawMessage     `json:"body"`
	} `json:"request"`
	Response *struct {
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	} `json:"response"`
}

func TestSpecsLoadAndValidate(t *testing.T) {
	for _, name := range openapi.Names() {
		t.Run(name, func(t *testing.T) {
			doc, err := openapi.Load(name)
			require.NoError(t, err)
			require.Equal(t, "3.0.3", doc.OpenAPI)
			base, err := openapi.BasePath(doc)
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(base, "/"), base)
			for path, item := range doc.Paths.Map() {
				for method, op := range item.Operations() {
					require.NotEmpty(t, op.OperationID, "%s %s", method, path)
					require.NotEmpty(t, op.Description, "%s has no description", op.OperationID)
				}
			}
		})
	}
}

func TestParseRejectsBrokenSpec(t *testing.T) {
	_, err := openapi.Parse("broken.yaml", []byte("openapi: 3.0.3\ninfo: {title: x}\npaths: {}\n"))
	require.Error(t, err, "a spec without info.version must not load")
}

// TestDocExamplesValidate checks every request and response example of the
// vendor docs against its operation's schemas.
func TestDocExamplesValidate(t *testing.T) {
	specs := map[string]string{"skylight": openapi.SkyLight, "konnector": openapi.Konnector}
	files, err := filepath.Glob("../tests/testdata/docs/*/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files, "no doc examples found")
	for _, file := range files {
		vendor := filepath.Base(filepath.Dir(file))
		t.Run(vendor+"/"+filepath.Base(file), func(t *testing.T) {
			doc, err := openapi.Load(specs[vendor])
			require.NoError(t, err)
			var ex docExample
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &ex))
			require.NotEmpty(t, ex.Section, "example names its doc section")
			op, path := findOperation(doc, ex.OperationID)
			require.NotNil(t, op, "operation %q not in the spec", ex.OperationID)
			require.Equal(t, strings.ToUpper(ex.Request.Method), methodOf(doc, path, op))
			if len(ex.Request.Body) > 0 {
				require.NotNil(t, op.RequestBody, "%s declares no request body", ex.OperationID)
				schema := op.RequestBody.Value.Content.Get("application/json").Schema.Value
				require.NoError(t, schema.VisitJSON(decode(t, ex.Request.Body), openapi3.VisitAsRequest(), openapi3.MultiErrors()))
			}
			if ex.Response != nil && len(ex.Response.Body) > 0 {
				resp := op.Responses.Status(ex.Response.Status)
				require.NotNil(t, resp, "%s does not document status %d", ex.OperationID, ex.Response.Status)
				schema := resp.Value.Content.Get("application/json").Schema.Value
				require.NoError(t, schema.VisitJSON(decode(t, ex.Response.Body), openapi3.VisitAsResponse(), openapi3.MultiErrors()))
			}
		})
	}
}

func findOperation(doc *openapi3.T, id string) (*openapi3.Operation, string) {
	for path, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID == id {
				return op, path
			}
		}
	}
	return nil, ""
}

func methodOf(doc *openapi3.T, path string, op *openapi3.Operation) string {
	for method, o := range doc.Paths.Value(path).Operations() {
		if o == op {
			return method
		}
	}
	return ""
}

func decode(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	return v
}
