package skylightclient

// The client is generated from the spec the mock serves; the test in tests/
// (TestGeneratedClientsAreFresh) fails when this output is stale.
//go:generate go tool oapi-codegen -config cfg.yaml ../../../openapi/skylight.yaml
