package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment"
)

func (s *Server) mountAdminPayments() {
	s.handle(op{Method: "GET", Path: "/api/admin/payment-alerts", Tag: "admin-payments", Auth: authAdmin, Query: []string{"status", "page", "page_size"}, Response: pageOf[payment.Alert]{},
		Summary: "Payment problems, newest first (status open/resolved): mismatch (a verified confirmation disagreeing with our record; the order stays unpaid), unknown_trade, paid_after_cancel and paid_twice (money to send back)"}, s.adminListPaymentAlerts)
	s.handle(op{Method: "POST", Path: "/api/admin/payment-alerts/:id/resolve", Tag: "admin-payments", Auth: authAdmin, Request: resolveRequest{}, Response: payment.Alert{},
		Summary: "Close an open alert with a note saying what was done; audited. 409 already_resolved"}, s.adminResolvePaymentAlert)
	s.handle(op{Method: "POST", Path: "/api/admin/payments/:out_trade_no/reconcile", Tag: "admin-payments", Auth: authAdmin, Request: payment.ReconcileInput{}, Response: payment.Payment{},
		Summary: "Manual reconciliation of a payment whose notification never came: re-enter the admin password (403 password_mismatch), a note is required; WeChat Pay/Alipay are asked and must report this transaction id (409 provider_says_unpaid, 400 transaction_mismatch, 503 when they cannot be asked). The order, commissions and notifications follow exactly once; audited. 409 not_pending"}, s.adminReconcilePayment)
}

func (s *Server) adminReconcilePayment(c *gin.Context) {
	var in payment.ReconcileInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Payments.Reconcile(c.Request.Context(), actor(c), s.deps.Admins, c.Param("out_trade_no"), in)
	respond(c, res, err)
}

// alertQuery filters payment alerts by status.
type alertQuery struct {
	Status string `form:"status"`
}

// resolveRequest says what was done about an alert.
type resolveRequest struct {
	Note string `json:"note" validate:"required,max=500"`
}

func (s *Server) adminListPaymentAlerts(c *gin.Context) {
	var q alertQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Payments.Alerts(c.Request.Context(), q.Status, p)
	respond(c, res, err)
}

func (s *Server) adminResolvePaymentAlert(c *gin.Context) {
	var in resolveRequest
	id, ok := pathID(c, "id")
	if !ok || !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Payments.ResolveAlert(c.Request.Context(), actor(c), id, in.Note)
	respond(c, res, err)
}
