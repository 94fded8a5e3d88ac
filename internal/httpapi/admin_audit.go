package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/audit"
)

func (s *Server) mountAudit(admin *gin.RouterGroup) {
	admin.GET("/audit-log", s.listAuditLog)
}

// listAuditLog lists admin actions, newest first, filtered by actor_id,
// action, target_type, target_id and a from/to time range (RFC 3339).
func (s *Server) listAuditLog(c *gin.Context) {
	var f audit.Filter
	if !bindQuery(c, &f) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Audit.List(c.Request.Context(), f, p)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}
