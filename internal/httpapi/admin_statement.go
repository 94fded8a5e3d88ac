package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment/statement"
)

func (s *Server) mountAdminStatements() {
	s.handle(op{Method: "GET", Path: "/api/admin/statements", Tag: "admin-statements", Auth: authAdmin, Query: []string{"provider", "status", "from", "to", "page", "page_size"}, Response: pageOf[statement.Report]{},
		Summary: "Daily statement reconciliation reports, newest day first: per provider (wechatpay, alipay) and China Standard Time day, our paid payments and succeeded refunds against the provider's trade bill, with counts, totals and mismatch counts. status balanced/mismatched/failed (failure says why; the hourly job retries yesterday); from/to are inclusive YYYY-MM-DD days"}, s.adminListStatements)
	s.handle(op{Method: "GET", Path: "/api/admin/statements/:id/mismatches", Tag: "admin-statements", Auth: authAdmin, Query: []string{"kind", "page", "page_size"}, Response: statement.Detail{},
		Summary: "One report with a page of its mismatches: missing_here (in the bill, not paid or refunded here that day), missing_there (ours, not in the bill), amount_differs, status_differs (the bill shows it revoked or still processing); kind filters. 404 for an unknown report"}, s.adminStatementMismatches)
	s.handle(op{Method: "POST", Path: "/api/admin/statements/run", Tag: "admin-statements", Auth: authAdmin, Request: statement.RunInput{}, Response: statement.Report{},
		Summary: "Reconcile one provider's past day now, replacing its report; audited. A provider failure gives a failed report, not an error. 400 provider_not_configured, invalid_day (not YYYY-MM-DD), day_not_over (today or later, CST)"}, s.adminRunStatement)
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
