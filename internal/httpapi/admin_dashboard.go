package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/readmodel/dashboard"
)

// mountDashboard registers the admin overview (any admin).
func (s *Server) mountDashboard(admin *gin.RouterGroup) {
	admin.GET("/dashboard", s.adminDashboard)
}

type dashboardQuery struct {
	Range string `form:"range"`
}

// adminDashboard defaults to the last 7 days.
func (s *Server) adminDashboard(c *gin.Context) {
	var q dashboardQuery
	if !bindQuery(c, &q) {
		return
	}
	if q.Range == "" {
		q.Range = string(dashboard.Range7d)
	}
	out, err := s.deps.Dashboard.Get(c.Request.Context(), dashboard.Range(q.Range))
	respond(c, out, err)
}
