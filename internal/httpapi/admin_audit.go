package httpapi

import (
	"github.com/gin-gonic/gin"
)

func (s *Server) mountAudit(admin *gin.RouterGroup) {
	admin.GET("/audit-log", s.listAuditLog)
}

// listAuditLog lists admin actions, newest first, filtered by actor_id,
// action, target_type, target_id and a from/to time range (RFC 3339).
func (s *Server) listAuditLog(c *gin.Context) {
	listFiltered(c, s.deps.Audit.List)
}
