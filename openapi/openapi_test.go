package openapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/linkedin-mock/linkedin-mock/openapi"
)

// docExample is one example of a vendor doc, as stored in tests/testdata/docs.
type docExample struct {
	Section     string `json:"section"`
	OperationID string `json:"operation_id"`
	Scenario    string `json:"scenario"`
	// ShapeOnly: a published example of another channel, or with other
	// items; tests/ replays and shape-checks it, the spec need not accept it.
	ShapeOnly bool `json:"shape_only"`
	Request   struct {
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
			if ex.ShapeOnly {
				return
			}
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

// TestSpecsHaveNoYAMLAnchors: every tool must read the specs the same way,
// and some contract-testing tools drop YAML anchors and aliases (&name,
// *name, <<: merges), so neither spec may use them.
func TestSpecsHaveNoYAMLAnchors(t *testing.T) {
	for _, name := range openapi.Names() {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(name)
			require.NoError(t, err)
			var root yaml.Node
			require.NoError(t, yaml.Unmarshal(raw, &root))
			var found []string
			var walk func(n *yaml.Node)
			walk = func(n *yaml.Node) {
				switch {
				case n.Anchor != "":
					found = append(found, fmt.Sprintf("line %d: anchor &%s", n.Line, n.Anchor))
				case n.Kind == yaml.AliasNode:
					found = append(found, fmt.Sprintf("line %d: alias *%s", n.Line, n.Value))
				case n.Tag == "!!merge":
					found = append(found, fmt.Sprintf("line %d: merge key <<", n.Line))
				}
				for _, c := range n.Content {
					walk(c)
				}
			}
			walk(&root)
			require.Empty(t, found, "%s uses YAML anchors or aliases", name)
		})
	}
}

// TestParameterExamples: every parameter carries its example at the
// parameter level (tools such as Dredd read only those), and every integer
// parameter states the bound the server enforces.
func TestParameterExamples(t *testing.T) {
	doc, err := openapi.Load(openapi.SkyLight)
	require.NoError(t, err)
	for name, p := range doc.Components.Parameters {
		require.NotNil(t, p.Value.Example, "parameter %s has no example", name)
		if s := p.Value.Schema.Value; s.Type.Is("integer") {
			require.NotNil(t, s.Max, "parameter %s states no maximum", name)
		}
	}
}

// TestSourcesAreMarkedOnce: a part of the SkyLight spec is taken from a
// published page (x-source: its address) or inferred (x-inferred), never
// both; every x-source names a page of the vendor's documentation.
func TestSourcesAreMarkedOnce(t *testing.T) {
	raw, err := os.ReadFile(openapi.SkyLight)
	require.NoError(t, err)
	var doc any
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	sources := 0
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch n := v.(type) {
		case map[string]any:
			_, inferred := n["x-inferred"]
			if src, ok := n["x-source"]; ok {
				sources++
				require.False(t, inferred, "%s: both x-source and x-inferred", path)
				require.True(t, strings.HasPrefix(fmt.Sprint(src), "https://docs.skylightchat.com/"), "%s: x-source %v", path, src)
			}
			for k, c := range n {
				walk(c, path+"/"+k)
			}
		case []any:
			for i, c := range n {
				walk(c, fmt.Sprintf("%s/%d", path, i))
			}
		}
	}
	walk(doc, "")
	require.Greater(t, sources, 50, "the published parts are marked")
}
