package httpapi

import (
	"sort"
	"strings"

	"github.com/gin-gonic/gin"
)

// Auth levels: who may call a route. The level picks the route's guard and
// is shown in the OpenAPI document (x-auth), so the two cannot differ.
const (
	authPublic   = "public"
	authShopper  = "shopper"
	authAdmin    = "admin"
	authSuper    = "super_admin"
	authExternal = "external" // called by a third party (payment notifications)
)

// op declares one route: what the router registers and what the OpenAPI
// document says about it. Request and Response are zero values of the Go
// types the handler binds and writes; their JSON schema is derived by
// reflection, so the document cannot drift from the structs.
type op struct {
	Method   string
	Path     string // gin form: /api/shop/orders/:id
	Tag      string
	Summary  string
	Auth     string
	Query    []string // query parameter names
	Request  any
	Response any
	// Upload marks a multipart/form-data body with a "file" part.
	Upload bool
	// BodyLimit raises the API's default body limit for this route.
	BodyLimit int64
}

func (o op) key() string { return o.Method + " " + o.Path }

// handle registers h for o behind the guard o.Auth names and documents o,
// in one call: a route cannot exist undocumented or be documented without
// existing. API routes (under /api) are never cached, get the request
// timeout and a body limit.
func (s *Server) handle(o op, h gin.HandlerFunc) {
	var chain []gin.HandlerFunc
	if o.Path == "/api" || strings.HasPrefix(o.Path, "/api/") {
		limit := o.BodyLimit
		if limit == 0 {
			limit = defaultBodyLimit
		}
		chain = append(chain, noStore(), withTimeout(), limitBody(limit))
	}
	switch o.Auth {
	case authShopper:
		chain = append(chain, s.requireShopper())
	case authAdmin:
		chain = append(chain, s.requireAdmin())
	case authSuper:
		chain = append(chain, s.requireAdmin(), requireSuper())
	case authPublic, authExternal:
	default:
		panic("httpapi: route " + o.key() + " has no known auth level")
	}
	s.engine.Handle(o.Method, o.Path, append(chain, h)...)
	s.ops = append(s.ops, o)
}

// DocumentedRoutes lists "METHOD /path" for every documented route.
func (s *Server) DocumentedRoutes() []string {
	out := make([]string, 0, len(s.ops))
	for _, o := range s.ops {
		out = append(out, o.key())
	}
	sort.Strings(out)
	return out
}

// DocumentedAuth maps "METHOD /path" to who may call it: "public",
// "external", "shopper", "admin" or "super_admin". The access test walks
// every route with it.
func (s *Server) DocumentedAuth() map[string]string {
	out := make(map[string]string, len(s.ops))
	for _, o := range s.ops {
		out[o.key()] = o.Auth
	}
	return out
}
