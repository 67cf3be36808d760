// Package console is the browser console of linkedin-mock: plain HTML, CSS
// and JavaScript modules embedded in the binary, served under /__admin/ui/.
// There is no build step and nothing is fetched from the network: the
// console works offline. It talks to the admin API only.
package console

import (
	"embed"
	"io/fs"
	"net/http"
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
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("Referrer-Policy", "no-referrer")
		fsrv.ServeHTTP(w, r)
	})
}
