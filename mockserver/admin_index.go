package mockserver

import "net/http"

// adminIndex lists the admin API, one line an endpoint, for GET /__admin/.
var adminIndex = []string{
	"GET    /__admin/                    this list (no token needed)",
	"GET    /__admin/ui/                 the console in a browser (no token needed to load it; it asks for the token)",
	"GET    /__admin/health              liveness (no token needed)",
	"GET    /__admin/status              seed, scenario, clock, tenants held, requests per second",
	"GET    /__admin/openapi/{file}      the embedded specs (skylight.yaml, konnector.yaml)",
	"GET    /__admin/scenarios           the scenarios known, with descriptions and settings",
	"GET    /__admin/scenario            the server's scenario",
	"PUT    /__admin/scenario            switch the server's scenario {\"scenario\": \"...\", \"in_place\": false}",
	"GET    /__admin/worlds              the API keys with worlds held (keys masked, named by id)",
	"GET    /__admin/worlds/{id}         a key's SkyLight and Konnector worlds (read only: no journal, coverage or rate limit)",
	"PUT    /__admin/worlds/scenario     set one key's scenario {\"api_key\" or \"id\", \"scenario\", \"in_place\": true}",
	"POST   /__admin/reset               forget every world, or one key's {\"api_key\": \"...\"}",
	"GET    /__admin/clock               the virtual clock",
	"POST   /__admin/clock/advance       move the clock forward {\"duration\": \"24h\"}",
	"GET    /__admin/requests            the journal (filters: vendor, method, path_prefix, status, api_key, operation_id, limit)",
	"GET    /__admin/requests/stream     the journal as server-sent events, live",
	"DELETE /__admin/requests            clear the journal and coverage",
	"GET    /__admin/coverage            operations x documented statuses answered",
	"DELETE /__admin/coverage            reset coverage",
	"GET    /__admin/tenants             tenants held, evicted, maximum",
}

// handleIndex is GET /__admin/: the admin API's endpoints and the console.
func (s *Server) handleIndex(w http.ResponseWriter, _ *http.Request) {
	auth := "none"
	if s.opts.AdminToken != "" {
		auth = "Authorization: Bearer <admin token> on every endpoint but /__admin/, /__admin/ui/ and /__admin/health"
	}
	writeJSONValue(w, http.StatusOK, map[string]any{"console": "/__admin/ui/", "auth": auth, "endpoints": adminIndex})
}
