// Package console is the browser console of linkedin-mock: plain HTML, CSS
// and JavaScript modules embedded in the binary, served under /__admin/ui/.
// There is no build step and nothing is fetched from the network: the
// console works offline. It talks to the admin API only.
package console

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var files embed.FS

// Handler serves the console's files, paths relative to its root
// (mount it under a prefix with http.StripPrefix).
func Handler() http.Handler {
	sub, err := fs.Sub(files, "static")
	if err != nil { // cannot happen: "static" is a valid embedded folder
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "console: embedded files: "+err.Error(), http.StatusInternalServerError)
		})
	}
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if name == "" {
			name = "."
		}
		if _, err := fs.Stat(sub, name); err != nil { // the admin API's JSON 404, not the file server's text
			b, _ := json.Marshal(map[string]string{"error": "Not Found", "message": "the console has no file " + r.URL.Path})
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(append(b, '\n'))
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("Referrer-Policy", "no-referrer")
		fsrv.ServeHTTP(w, r)
	})
}
