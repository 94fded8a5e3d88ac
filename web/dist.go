//go:build webdist

package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed all:h5/dist all:admin/dist
var dist embed.FS

// Handler serves the front ends embedded at build time (make build).
func Handler() http.Handler {
	h5, _ := fs.Sub(dist, "h5/dist")
	admin, _ := fs.Sub(dist, "admin/dist")
	return NewHandler(h5, admin)
}
