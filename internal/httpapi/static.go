package httpapi

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
)

// methodNotAllowed answers a known path asked with another method (CORS
// preflights included: the API is same-origin only). gin has already set
// the Allow header to the path's methods.
func methodNotAllowed(c *gin.Context) {
	Fail(c, apperr.MethodNotAllowed("%s is not allowed on this path; allowed: %s", c.Request.Method, c.Writer.Header().Get("Allow")))
}

// noRoute answers unknown API paths with the error envelope and everything
// else with the web apps (which fall back to index.html for client routes).
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/api" {
		Fail(c, apperr.NotFound("no API route %s %s", c.Request.Method, p))
		return
	}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		Fail(c, apperr.NotFound("not found"))
		return
	}
	if s.deps.Web != nil {
		// gin presets 404 for NoRoute; the web apps decide the status.
		c.Status(http.StatusOK)
		s.deps.Web.ServeHTTP(c.Writer, c.Request)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(notBuiltPage))
}

const notBuiltPage = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Fenxiao 分销</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>Fenxiao 分销</h1><p>服务器正在运行，但网页前端尚未构建。运行 <code>make run</code> 或 <code>make web</code>。</p>
<p>The server is running but the web front ends are not built into this binary. Run <code>make run</code> or <code>make web</code>.</p>
<p>API: <a href="/api/openapi.json">/api/openapi.json</a></p></body></html>`
