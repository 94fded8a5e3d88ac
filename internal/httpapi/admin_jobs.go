package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
)

func (s *Server) mountJobs(admin *gin.RouterGroup) {
	admin.GET("/jobs", s.listJobs)
	admin.GET("/jobs/periodic", s.listPeriodicJobs)
}

// listJobs shows the latest background jobs and their states.
func (s *Server) listJobs(c *gin.Context) {
	jobs, err := s.deps.Jobs.List(c.Request.Context(), 100)
	if err != nil {
		Fail(c, apperr.Unavailable("the job list is unavailable right now"))
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": jobs})
}

func (s *Server) listPeriodicJobs(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"items": s.deps.Jobs.PeriodicNames()})
}
