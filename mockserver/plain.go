package mockserver

import (
	"encoding/json"
	"net/http"
)

// writePlainError answers outside both vendors' base paths.
func writePlainError(w http.ResponseWriter, status int, msg string) {
	writeJSONValue(w, status, map[string]any{"error": http.StatusText(status), "message": msg})
}

// writeJSONValue writes v as JSON.
func writeJSONValue(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
