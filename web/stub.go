//go:build !webdist

// Package web serves the built H5 store and merchant admin. Binaries built
// with -tags webdist (make build) embed web/h5/dist and web/admin/dist; any
// other build, such as `go test ./...` on a fresh clone, serves a page that
// says the front ends are not built.
package web

import "net/http"

// Handler returns nil: no front end is embedded in this build.
func Handler() http.Handler { return nil }
