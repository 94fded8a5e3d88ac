package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
)

func (s *Server) mountAdminJobs() {
	s.handle(op{Method: "GET", Path: "/api/admin/jobs", Tag: "admin", Auth: authAdmin,
		Summary: "Latest background jobs"}, s.listJobs)
	s.handle(op{Method: "GET", Path: "/api/admin/jobs/periodic", Tag: "admin", Auth: authAdmin,
		Summary: "Names of periodic jobs"}, s.listPeriodicJobs)
}

// listJobs shows the latest background jobs and their states.
func (s *Server) listJobs(c *gin.Context) {
	jobs, err := s.deps.Jobs.List(c.Request.Context(), 100)
	if err != nil {
		Fail(c, apperr.Unavailable("the job list is unavailable right now"))
		return
	}
	respond(c, gin.H{"items": jobs}, nil)
}

func (s *Server) listPeriodicJobs(c *gin.Context) {
	respond(c, gin.H{"items": s.deps.Jobs.PeriodicNames()}, nil)
}
