package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/withdrawal"
)

func (s *Server) mountAdminWithdrawal(admin, super *gin.RouterGroup) {
	admin.GET("/withdrawals", s.adminListWithdrawals)
	admin.GET("/withdrawals/:id", s.adminGetWithdrawal)
	admin.POST("/withdrawals/:id/approve", s.adminApproveWithdrawal)
	admin.POST("/withdrawals/:id/reject", s.adminRejectWithdrawal)
	admin.POST("/withdrawals/:id/payout", s.adminPayoutWithdrawal)
	admin.POST("/withdrawals/:id/fail", s.adminFailWithdrawal)
	admin.POST("/withdrawals/:id/cancel-payout", s.adminCancelPayout)
	super.GET("/settings/withdrawal", s.adminWithdrawalSettings)
	super.PUT("/settings/withdrawal", s.adminSaveWithdrawalSettings)
	super.GET("/settings/withdrawal-payout", s.adminPayoutSettings)
	super.PUT("/settings/withdrawal-payout", s.adminSavePayoutSettings)
}

// approveRequest re-enters the admin's own password.
type approveRequest struct {
	Password string `json:"password" validate:"required,max=128"`
}

// withdrawalReason is why a withdrawal is rejected or failed.
type withdrawalReason struct {
	Reason string `json:"reason" validate:"required,max=200"`
}

func (s *Server) adminListWithdrawals(c *gin.Context) {
	listFiltered(c, s.deps.Withdrawals.List)
}

func (s *Server) adminGetWithdrawal(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Withdrawals.Get(c.Request.Context(), id)
	respond(c, res, err)
}

func (s *Server) adminApproveWithdrawal(c *gin.Context) {
	var in approveRequest
	id, ok := pathID(c, "id")
	if !ok || !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.Approve(c.Request.Context(), actor(c), id, in.Password)
	respond(c, res, err)
}

func (s *Server) adminRejectWithdrawal(c *gin.Context) {
	var in withdrawalReason
	id, ok := pathID(c, "id")
	if !ok || !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.Reject(c.Request.Context(), actor(c), id, in.Reason)
	respond(c, res, err)
}

func (s *Server) adminFailWithdrawal(c *gin.Context) {
	var in withdrawalReason
	id, ok := pathID(c, "id")
	if !ok || !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.Fail(c.Request.Context(), actor(c), id, in.Reason)
	respond(c, res, err)
}

func (s *Server) adminPayoutWithdrawal(c *gin.Context) {
	var in withdrawal.PayoutInput
	id, ok := pathID(c, "id")
	if !ok || !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.MarkPaid(c.Request.Context(), actor(c), id, in)
	respond(c, res, err)
}

func (s *Server) adminWithdrawalSettings(c *gin.Context) {
	res, err := s.deps.Withdrawals.Settings(c.Request.Context())
	respond(c, res, err)
}

func (s *Server) adminSaveWithdrawalSettings(c *gin.Context) {
	var in withdrawal.Settings
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.SaveSettings(c.Request.Context(), actor(c), in)
	respond(c, res, err)
}

func (s *Server) adminCancelPayout(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Withdrawals.CancelPayout(c.Request.Context(), actor(c), id)
	respond(c, res, err)
}

func (s *Server) adminPayoutSettings(c *gin.Context) {
	res, err := s.deps.Withdrawals.PayoutSettings(c.Request.Context())
	respond(c, res, err)
}

func (s *Server) adminSavePayoutSettings(c *gin.Context) {
	var in withdrawal.PayoutSettings
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.SavePayoutSettings(c.Request.Context(), actor(c), in)
	respond(c, res, err)
}
