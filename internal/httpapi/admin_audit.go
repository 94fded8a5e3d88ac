package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/audit"
)

func (s *Server) mountAdminAudit() {
	s.handle(op{Method: "GET", Path: "/api/admin/audit-log", Tag: "admin", Auth: authAdmin, Query: []string{"actor_id", "action", "target_type", "target_id", "from", "to", "page", "page_size"}, Response: pageOf[audit.Entry]{},
		Summary: "Audit log of admin actions, newest first"}, s.listAuditLog)
}

// listAuditLog lists admin actions, newest first, filtered by actor_id,
// action, target_type, target_id and a from/to time range (RFC 3339).
func (s *Server) listAuditLog(c *gin.Context) {
	listFiltered(c, s.deps.Audit.List)
}
