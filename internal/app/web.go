package app

import (
	"net/http"

	"fenxiao/web"
)

// webHandler serves the embedded front ends, or nil when this binary was
// built without them (plain `go test` / `go build`).
func webHandler() http.Handler { return web.Handler() }
