package httpapi

import (
	"encoding/json"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/readmodel/export"
)

func (s *Server) mountExport(admin *gin.RouterGroup) {
	admin.POST("/exports", s.adminRequestExport)
	admin.GET("/exports", s.adminListExports)
	admin.GET("/exports/:id", s.adminGetExport)
	admin.GET("/exports/:id/download", s.adminDownloadExport)
}

// exportRequest names the list to export and its filters, the same fields
// as that list's query (commissions: distributor_id, order_id, status,
// from, to; distributors: nickname, phone, code, status, parent_id,
// level_id; withdrawals: status, distributor_id).
type exportRequest struct {
	Kind    export.Kind     `json:"kind" validate:"required,oneof=distributors commissions withdrawals"`
	Filters json.RawMessage `json:"filters"`
}

func (s *Server) adminRequestExport(c *gin.Context) {
	var in exportRequest
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Exports.Request(c.Request.Context(), actor(c), in.Kind, in.Filters)
	respond(c, res, err)
}

func (s *Server) adminListExports(c *gin.Context) {
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Exports.List(c.Request.Context(), p)
	respond(c, res, err)
}

func (s *Server) adminGetExport(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Exports.Get(c.Request.Context(), id)
	respond(c, res, err)
}

func (s *Server) adminDownloadExport(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	e, path, err := s.deps.Exports.Download(c.Request.Context(), actor(c), id)
	if err != nil {
		Fail(c, err)
		return
	}
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.FileAttachment(path, e.DownloadName())
}
