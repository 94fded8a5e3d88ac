package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/readmodel/dashboard"
)

// mountAdminDashboard registers the admin overview (any admin).
func (s *Server) mountAdminDashboard() {
	s.handle(op{Method: "GET", Path: "/api/admin/dashboard", Tag: "admin-dashboard", Auth: authAdmin, Query: []string{"range"}, Response: dashboard.Dashboard{},
		Summary: "Overview of range today (hourly buckets \"10:00\" from 00:00 through the current hour) | 7d | 30d (daily buckets \"11-17\" ending today; default 7d), " + "Asia/Shanghai days, empty buckets as zeros, money in fen. gmv/paid_orders: orders paid in the bucket at full pay_amount, refunds NOT subtracted; " + "orders: orders placed; paid_conversion_bp: placed orders that have been paid / placed orders, basis points rounded half up, 0 without orders; " + "commission_accrued/settled/paid_out: ledger postings commission_accrue (to pending), commission_settle (to available), withdraw_paid (net to paid_out, fees excluded) made in the range, reversals not subtracted; " + "new_distributors by joined_at, new_shoppers by account creation; top_distributors: top 10 tier-1 distributors by those paid sales (ties by id), " + "commission = accrued to them in the range. 400 invalid (field range) for any other range"}, s.adminDashboard)
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
