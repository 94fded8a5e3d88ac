package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/withdrawal"
)

func (s *Server) mountAdminWithdrawal() {
	s.handle(op{Method: "GET", Path: "/api/admin/withdrawals", Tag: "admin-withdrawals", Auth: authAdmin, Query: []string{"status", "distributor_id", "page", "page_size"}, Response: pageOf[withdrawal.Withdrawal]{},
		Summary: "Withdrawals, newest first (status pending/approved/rejected/paid/failed); payout targets masked"}, s.adminListWithdrawals)
	s.handle(op{Method: "GET", Path: "/api/admin/withdrawals/:id", Tag: "admin-withdrawals", Auth: authAdmin, Response: withdrawal.Withdrawal{},
		Summary: "One withdrawal (provider payouts: payout_no W<8-digit id> is what WeChat Pay/Alipay see, payout_state, payout_error = last provider trouble)"}, s.adminGetWithdrawal)
	s.handle(op{Method: "POST", Path: "/api/admin/withdrawals/:id/approve", Tag: "admin-withdrawals", Auth: authAdmin, Request: approveRequest{}, Response: withdrawal.Withdrawal{},
		Summary: "Approve a pending withdrawal, re-entering the admin's own password. Wechat/alipay accounts with a configured provider are then paid by a job (provider wechatpay/alipay, payout_state queued -> sending -> processing/wait_user_confirm -> paid/failed; failures return the amount); others stay manual (403 password_mismatch, throttled 429); audited, notifies withdrawal_approved. 409 wrong_status"}, s.adminApproveWithdrawal)
	s.handle(op{Method: "POST", Path: "/api/admin/withdrawals/:id/reject", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawalReason{}, Response: withdrawal.Withdrawal{},
		Summary: "Reject a pending withdrawal (reason required): the amount returns to available; audited, notifies withdrawal_rejected. 409 wrong_status"}, s.adminRejectWithdrawal)
	s.handle(op{Method: "POST", Path: "/api/admin/withdrawals/:id/payout", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawal.PayoutInput{}, Response: withdrawal.Withdrawal{},
		Summary: "Record the manual transfer of an approved withdrawal (409 provider_payout when WeChat Pay or Alipay pays it) (reference required, proof_url an /uploads/ image from POST /api/admin/uploads): net to paid_out, fee to the merchant adjustment account; audited, notifies withdrawal_paid. 409 wrong_status (never paid twice)"}, s.adminPayoutWithdrawal)
	s.handle(op{Method: "POST", Path: "/api/admin/withdrawals/:id/fail", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawalReason{}, Response: withdrawal.Withdrawal{},
		Summary: "Mark an approved manual withdrawal's transfer failed (reason required; 409 provider_payout for provider payouts: use cancel-payout): the amount returns to available; audited, notifies withdrawal_rejected. 409 wrong_status"}, s.adminFailWithdrawal)
	s.handle(op{Method: "POST", Path: "/api/admin/withdrawals/:id/cancel-payout", Tag: "admin-withdrawals", Auth: authAdmin, Response: withdrawal.Withdrawal{},
		Summary: "Cancel the provider payout of an approved withdrawal: queued (not sent) fails at once; a WeChat transfer waiting for the distributor is revoked (payout_state canceling) and fails when WeChat confirms; a send with unknown outcome fails once the provider holds nothing (after 5 minutes). Failing returns the amount and notifies withdrawal_rejected; audited. 409 wrong_status/not_cancellable/payout_sending, 503 provider unavailable"}, s.adminCancelPayout)
	s.handle(op{Method: "GET", Path: "/api/admin/settings/withdrawal", Tag: "admin-withdrawals", Auth: authSuper, Response: withdrawal.Settings{},
		Summary: "Withdrawal rules: min_amount (fen, default 100), daily_max_amount (fen, default 500000), daily_max_count (default 3), fee_bp (default 0)"}, s.adminWithdrawalSettings)
	s.handle(op{Method: "PUT", Path: "/api/admin/settings/withdrawal", Tag: "admin-withdrawals", Auth: authSuper, Request: withdrawal.Settings{}, Response: withdrawal.Settings{},
		Summary: "Replace the withdrawal rules (min_amount >= 1, daily_max_amount >= min_amount, daily_max_count 1..1000, fee_bp 0..5000); audited"}, s.adminSaveWithdrawalSettings)
	s.handle(op{Method: "GET", Path: "/api/admin/settings/withdrawal-payout", Tag: "admin-withdrawals", Auth: authSuper, Response: withdrawal.PayoutSettings{},
		Summary: "Provider payout settings: wechat_scene_id (transfer scene registered with WeChat Pay, e.g. 1005; empty = WeChat accounts paid manually), wechat_scene_reports (transfer_scene_report_infos), wechat_user_recv_perception, remark (default 佣金提现)"}, s.adminPayoutSettings)
	s.handle(op{Method: "PUT", Path: "/api/admin/settings/withdrawal-payout", Tag: "admin-withdrawals", Auth: authSuper, Request: withdrawal.PayoutSettings{}, Response: withdrawal.PayoutSettings{},
		Summary: "Replace the provider payout settings (scene id digits; with a scene 1-5 report infos, info_type 1-15 and info_content 1-32 characters; remark 1-32; perception at most 16); audited"}, s.adminSavePayoutSettings)
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
