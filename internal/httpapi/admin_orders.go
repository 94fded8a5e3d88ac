package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/payment"
	"fenxiao/internal/shop/order"
)

// mountAdminOrders registers order handling, after-sales review and the
// order timing settings.
func (s *Server) mountAdminOrders() {
	s.handle(op{Method: "GET", Path: "/api/admin/orders", Tag: "admin orders", Auth: authAdmin, Query: []string{"status", "order_no", "shopper_id", "distributor_id", "from", "to", "page", "page_size"}, Response: pageOf[order.Summary]{},
		Summary: "Search orders (created_at range as RFC 3339 from/to)"}, s.adminListOrders)
	s.handle(op{Method: "GET", Path: "/api/admin/orders/:id", Tag: "admin orders", Auth: authAdmin, Response: adminOrderDetail{},
		Summary: "One order with timeline, payment attempts and refunds"}, s.adminGetOrder)
	s.handle(op{Method: "POST", Path: "/api/admin/orders/:id/ship", Tag: "admin orders", Auth: authAdmin, Request: shipRequest{}, Response: adminOrderDetail{},
		Summary: "Ship a paid order; it completes by itself after auto_confirm_days"}, s.adminShipOrder)
	s.handle(op{Method: "POST", Path: "/api/admin/orders/:id/cancel", Tag: "admin orders", Auth: authAdmin, Request: adminCancelRequest{}, Response: adminOrderDetail{},
		Summary: "Cancel an unpaid order with a note"}, s.adminCancelOrder)
	s.handle(op{Method: "GET", Path: "/api/admin/refunds", Tag: "admin orders", Auth: authAdmin, Query: []string{"status", "page", "page_size"}, Response: pageOf[order.RefundRequest]{},
		Summary: "Refund requests, newest first, optionally of one status"}, s.adminListRefunds)
	s.handle(op{Method: "POST", Path: "/api/admin/refunds/:id/approve", Tag: "admin orders", Auth: authAdmin, Response: order.RefundRequest{},
		Summary: "Approve a pending refund (sandbox: refunded at once)"}, s.adminApproveRefund)
	s.handle(op{Method: "POST", Path: "/api/admin/refunds/:id/reject", Tag: "admin orders", Auth: authAdmin, Request: rejectRefundRequest{}, Response: order.RefundRequest{},
		Summary: "Reject a pending refund with a reason"}, s.adminRejectRefund)
	s.handle(op{Method: "GET", Path: "/api/admin/settings/order", Tag: "admin orders", Auth: authAdmin, Response: order.Settings{},
		Summary: "Order timing settings"}, s.adminGetOrderSettings)
	s.handle(op{Method: "PUT", Path: "/api/admin/settings/order", Tag: "admin orders", Auth: authAdmin, Request: orderSettingsRequest{}, Response: order.Settings{},
		Summary: "Change order timing settings (1..1440 minutes to pay, 1..60 days to auto-confirm); audited"}, s.adminPutOrderSettings)
}

type shipRequest struct {
	Carrier    string `json:"carrier" validate:"required,max=64"`
	TrackingNo string `json:"tracking_no" validate:"required,max=64"`
}

type adminCancelRequest struct {
	Note string `json:"note" validate:"required,max=255"`
}

type rejectRefundRequest struct {
	Reason string `json:"reason" validate:"required,max=512"`
}

type orderSettingsRequest struct {
	AutoCancelMinutes int `json:"auto_cancel_minutes" validate:"required,min=1,max=1440"`
	AutoConfirmDays   int `json:"auto_confirm_days" validate:"required,min=1,max=60"`
	// AutoRefundLatePayments is optional: left out, it keeps its value.
	AutoRefundLatePayments *bool `json:"auto_refund_late_payments"`
}

type refundListQuery struct {
	Status string `form:"status"`
}

// adminOrderDetail is an order with its payment attempts and how its
// commission splits between the tiers.
type adminOrderDetail struct {
	order.Detail
	Payments   []payment.Payment `json:"payments"`
	Commission *commission.Split `json:"commission"`
}

func (s *Server) adminListOrders(c *gin.Context) {
	listFiltered(c, s.deps.Orders.List)
}

func (s *Server) adminGetOrder(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	s.respondAdminOrder(c, id)
}

func (s *Server) respondAdminOrder(c *gin.Context, id int64) {
	d, err := s.deps.Orders.AdminDetail(c.Request.Context(), id)
	if err != nil {
		Fail(c, err)
		return
	}
	pays, err := s.deps.Payments.ForOrder(c.Request.Context(), id)
	if err != nil {
		Fail(c, err)
		return
	}
	split, err := s.deps.Commissions.SplitOf(c.Request.Context(), id)
	respond(c, adminOrderDetail{Detail: *d, Payments: pays, Commission: split}, err)
}

func (s *Server) adminShipOrder(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req shipRequest
	if !bindJSON(c, &req) {
		return
	}
	if _, err := s.deps.Orders.Ship(c.Request.Context(), actor(c), id, req.Carrier, req.TrackingNo); err != nil {
		Fail(c, err)
		return
	}
	s.respondAdminOrder(c, id)
}

func (s *Server) adminCancelOrder(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req adminCancelRequest
	if !bindJSON(c, &req) {
		return
	}
	if _, err := s.deps.Orders.CancelByAdmin(c.Request.Context(), actor(c), id, req.Note); err != nil {
		Fail(c, err)
		return
	}
	s.respondAdminOrder(c, id)
}

func (s *Server) adminListRefunds(c *gin.Context) {
	var q refundListQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Orders.ListRefunds(c.Request.Context(), order.RefundStatus(q.Status), p)
	respond(c, res, err)
}

func (s *Server) adminApproveRefund(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	r, err := s.deps.Orders.ApproveRefund(c.Request.Context(), actor(c), id)
	respond(c, r, err)
}

func (s *Server) adminRejectRefund(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req rejectRefundRequest
	if !bindJSON(c, &req) {
		return
	}
	r, err := s.deps.Orders.RejectRefund(c.Request.Context(), actor(c), id, req.Reason)
	respond(c, r, err)
}

func (s *Server) adminGetOrderSettings(c *gin.Context) {
	st, err := s.deps.Orders.Settings(c.Request.Context())
	respond(c, st, err)
}

func (s *Server) adminPutOrderSettings(c *gin.Context) {
	var req orderSettingsRequest
	if !bindJSON(c, &req) {
		return
	}
	cur, err := s.deps.Orders.Settings(c.Request.Context())
	if err != nil {
		Fail(c, err)
		return
	}
	next := order.Settings{AutoCancelMinutes: req.AutoCancelMinutes, AutoConfirmDays: req.AutoConfirmDays,
		AutoRefundLatePayments: cur.AutoRefundLatePayments}
	if req.AutoRefundLatePayments != nil {
		next.AutoRefundLatePayments = *req.AutoRefundLatePayments
	}
	st, err := s.deps.Orders.UpdateSettings(c.Request.Context(), actor(c), next)
	respond(c, st, err)
}
