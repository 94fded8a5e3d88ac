package httpapi

import (
	"encoding/json"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/readmodel/export"
)

func (s *Server) mountAdminExport() {
	s.handle(op{Method: "POST", Path: "/api/admin/exports", Tag: "admin-exports", Auth: authAdmin, Request: exportRequest{}, Response: export.Export{},
		Summary: "Start an Excel export of distributors, commissions or withdrawals with that list's filters (unknown filter fields are 400); built in the background, audited. Poll GET /api/admin/exports/:id for percent"}, s.adminRequestExport)
	s.handle(op{Method: "GET", Path: "/api/admin/exports", Tag: "admin-exports", Auth: authAdmin, Query: []string{"page", "page_size"}, Response: pageOf[export.Export]{},
		Summary: "Exports, newest first, with status queued/running/done/failed/expired and progress"}, s.adminListExports)
	s.handle(op{Method: "GET", Path: "/api/admin/exports/:id", Tag: "admin-exports", Auth: authAdmin, Response: export.Export{},
		Summary: "One export's progress: rows_done of rows_total and percent (100 only when the file is ready)"}, s.adminGetExport)
	s.handle(op{Method: "GET", Path: "/api/admin/exports/:id/download", Tag: "admin-exports", Auth: authAdmin,
		Summary: "The .xlsx file (audited); 409 export_not_ready / export_failed / export_expired (files are kept 7 days)"}, s.adminDownloadExport)
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
