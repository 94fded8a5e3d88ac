package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/commission"
)

func (s *Server) mountAdminCommission() {
	s.handle(op{Method: "GET", Path: "/api/admin/commissions", Tag: "admin-commissions", Auth: authAdmin, Query: []string{"distributor_id", "order_id", "status", "from", "to", "page", "page_size"}, Response: pageOf[commission.Record]{},
		Summary: "Commission records (one per order line and tier 1|2), newest first; status pending/settled/reversed; from/to are Asia/Shanghai dates (inclusive); amounts in fen"}, s.adminListCommissions)
	s.handle(op{Method: "GET", Path: "/api/admin/settings/commission", Tag: "admin-commissions", Auth: authAdmin, Response: commission.Settings{},
		Summary: "Global tier rates (bp), settle_after_days, self_purchase and per-buyer order caps (0 = off)"}, s.adminCommissionSettings)
	s.handle(op{Method: "PUT", Path: "/api/admin/settings/commission", Tag: "admin-commissions", Auth: authSuper, Request: commission.Settings{}, Response: commission.Settings{},
		Summary: "Replace the commission settings (rates 0..10000 bp, sum <= 10000; settle_after_days 0..365; caps >= 0); audited. 400 invalid with fields"}, s.adminSaveCommissionSettings)
}

type commissionQuery struct {
	DistributorID int64  `form:"distributor_id" validate:"min=0"`
	OrderID       int64  `form:"order_id" validate:"min=0"`
	Status        string `form:"status"`
	From          string `form:"from"`
	To            string `form:"to"`
}

func (s *Server) adminListCommissions(c *gin.Context) {
	var q commissionQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	from, to, err := commission.DayRange(q.From, q.To)
	if err != nil {
		Fail(c, err)
		return
	}
	f := commission.Filter{DistributorID: q.DistributorID, OrderID: q.OrderID, Status: commission.Status(q.Status), From: from, To: to}
	res, err := s.deps.Commissions.List(c.Request.Context(), f, p)
	respond(c, res, err)
}

func (s *Server) adminCommissionSettings(c *gin.Context) {
	res, err := s.deps.Commissions.Settings(c.Request.Context())
	respond(c, res, err)
}

func (s *Server) adminSaveCommissionSettings(c *gin.Context) {
	var req commission.Settings
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Commissions.SaveSettings(c.Request.Context(), actor(c), req)
	respond(c, res, err)
}
