package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment/statement"
)

func (s *Server) mountStatements(admin *gin.RouterGroup) {
	admin.GET("/statements", s.adminListStatements)
	admin.GET("/statements/:id/mismatches", s.adminStatementMismatches)
	admin.POST("/statements/run", s.adminRunStatement)
}

// mismatchQuery filters one report's mismatches by kind.
type mismatchQuery struct {
	Kind string `form:"kind"`
}

func (s *Server) adminListStatements(c *gin.Context) {
	listFiltered(c, s.deps.Statements.List)
}

func (s *Server) adminStatementMismatches(c *gin.Context) {
	var q mismatchQuery
	id, ok := pathID(c, "id")
	if !ok || !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Statements.Mismatches(c.Request.Context(), id, q.Kind, p)
	respond(c, res, err)
}

func (s *Server) adminRunStatement(c *gin.Context) {
	var in statement.RunInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Statements.Run(c.Request.Context(), actor(c), in)
	respond(c, res, err)
}
