package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/commission"
)

func (s *Server) mountCommission(admin, super *gin.RouterGroup) {
	admin.GET("/commissions", s.adminListCommissions)
	admin.GET("/settings/commission", s.adminCommissionSettings)
	super.PUT("/settings/commission", s.adminSaveCommissionSettings)
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
