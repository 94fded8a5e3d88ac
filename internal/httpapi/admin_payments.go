package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment"
)

func (s *Server) mountAdminPayments(admin *gin.RouterGroup) {
	admin.GET("/payment-alerts", s.adminListPaymentAlerts)
	admin.POST("/payment-alerts/:id/resolve", s.adminResolvePaymentAlert)
	admin.POST("/payments/:out_trade_no/reconcile", s.adminReconcilePayment)
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
