// Package openapi embeds the hand-written OpenAPI 3.0.3 specifications of the
// two vendor APIs that linkedin-mock impersonates, and loads them with
// kin-openapi.
//
// The specs are the single source of truth: the mock server routes, validates
// requests and validates responses from them.
package openapi

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// SkyLight and Konnector are the file names of the two embedded specs.
const (
	SkyLight  = "skylight.yaml"
	Konnector = "konnector.yaml"
)

//go:embed skylight.yaml konnector.yaml skylight.json konnector.json
var files embed.FS

// Names lists the embedded spec files.
func Names() []string { return []string{SkyLight, Konnector} }

// Bytes returns the raw YAML of an embedded spec.
func Bytes(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("openapi: read %s: %w", name, err)
	}
	return b, nil
}

// Load parses and validates an embedded spec. The absolute server URLs of the
// vendor are kept in the document; BasePath tells the path part that the mock
// serves under.
//
// It reads the spec's compiled JSON (name with .json for .yaml), which
// kin-openapi loads in about half the time of the YAML: the YAML stays the
// source, and a test fails when the JSON is not what the YAML compiles to
// (go test ./openapi -run TestCompiledJSON -update rewrites it).
func Load(name string) (*openapi3.T, error) {
	b, err := files.ReadFile(compiledName(name))
	if err != nil {
		return nil, fmt.Errorf("openapi: read %s: %w", compiledName(name), err)
	}
	return Parse(name, b)
}

// compiledName is the file of a spec's compiled JSON.
func compiledName(name string) string { return strings.TrimSuffix(name, ".yaml") + ".json" }

// Compile turns a spec's YAML into the JSON that Load reads: the document as
// kin-openapi understands it, encoded back.
func Compile(name string, yaml []byte) ([]byte, error) {
	doc, err := openapi3.NewLoader().LoadFromData(yaml)
	if err != nil {
		return nil, fmt.Errorf("openapi: compile %s: %w", name, err)
	}
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("openapi: compile %s: %w", name, err)
	}
	return append(b, '\n'), nil
}

// Parse loads and validates a spec from YAML or JSON bytes; name is used in
// error messages only.
func Parse(name string, b []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(b)
	if err != nil {
		return nil, fmt.Errorf("openapi: load %s: %w", name, err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("openapi: validate %s: %w", name, err)
	}
	if len(doc.Servers) == 0 {
		return nil, fmt.Errorf("openapi: %s declares no server", name)
	}
	return doc, nil
}

// BasePath returns the path of the document's first server URL, e.g.
// "/api/v1" for "https://dashboard.skylightchat.com/api/v1". kin-openapi's
// routers match scheme and host too, so the mock routes by this path alone.
func BasePath(doc *openapi3.T) (string, error) {
	if len(doc.Servers) == 0 {
		return "", fmt.Errorf("openapi: document declares no server")
	}
	u, err := url.Parse(doc.Servers[0].URL)
	if err != nil {
		return "", fmt.Errorf("openapi: server URL %q: %w", doc.Servers[0].URL, err)
	}
	return u.Path, nil
}
