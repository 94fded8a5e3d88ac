package web

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// NewHandler serves two single-page apps: admin under /admin/ and the H5
// store at /. Files that exist are served; other paths fall back to the
// app's index.html so client-side routes work on reload. Vite's hashed
// assets (under assets/) are immutable; HTML is never cached.
func NewHandler(h5, admin fs.FS) http.Handler {
	return &spaHandler{h5: h5, admin: admin}
}

type spaHandler struct{ h5, admin fs.FS }

func (h *spaHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	app, rel := h.h5, strings.TrimPrefix(p, "/")
	if p == "/admin" || strings.HasPrefix(p, "/admin/") {
		app, rel = h.admin, strings.TrimPrefix(strings.TrimPrefix(p, "/admin"), "/")
	}
	rel = path.Clean("/" + rel)[1:]
	if rel != "" && rel != "index.html" {
		if f, err := fs.Stat(app, rel); err == nil && !f.IsDir() {
			if strings.HasPrefix(rel, "assets/") {
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			} else {
				w.Header().Set("Cache-Control", "no-cache")
			}
			http.ServeFileFS(w, r, app, rel)
			return
		}
		if strings.HasPrefix(rel, "assets/") || path.Ext(rel) != "" {
			http.NotFound(w, r)
			return
		}
	}
	index, err := fs.ReadFile(app, "index.html")
	if err != nil {
		http.Error(w, "front end not built", http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(index)
}
