package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/withdrawal"
)

// mountShopWithdrawal registers payout accounts and withdrawals for
// distributors and their review and payout for the merchant.
func (s *Server) mountShopWithdrawal() {
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/payout-accounts", Tag: "shop-withdrawal", Auth: authShopper, Response: []withdrawal.Account{},
		Summary: "The active distributor's payout accounts, masked (account numbers and names are never returned); 403 not_a_distributor"}, s.shopPayoutAccounts)
	s.handle(op{Method: "POST", Path: "/api/shop/distributor/payout-accounts", Tag: "shop-withdrawal", Auth: authShopper, Request: withdrawal.AccountInput{}, Response: withdrawal.Account{},
		Summary: "Add a payout account: wechat (pays the linked WeChat; no other fields; 400 wechat_not_linked), alipay (account = mobile or email, real_name), bank (bank_name, 12-19 digit Luhn-valid card, real_name). 409 duplicate_account/too_many_accounts (10)"}, s.shopAddPayoutAccount)
	s.handle(op{Method: "DELETE", Path: "/api/shop/distributor/payout-accounts/:id", Tag: "shop-withdrawal", Auth: authShopper, Response: okResponse{},
		Summary: "Delete a payout account (soft; past withdrawals keep their masked snapshot); 404 for unknown or another distributor's account"}, s.shopDeletePayoutAccount)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/withdrawals", Tag: "shop-withdrawal", Auth: authShopper, Query: []string{"page", "page_size"}, Response: pageOf[withdrawal.Withdrawal]{},
		Summary: "The distributor's own withdrawals, newest first"}, s.shopWithdrawals)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/withdrawal-rules", Tag: "shop-withdrawal", Auth: authShopper, Response: withdrawal.Rules{},
		Summary: "The withdrawal rules (min_amount, daily_max_amount, daily_max_count, fee_bp), what I requested today (Asia/Shanghai), my available balance and max_requestable (0 when nothing can be requested now). 403 not_a_distributor"}, s.shopWithdrawalRules)
	s.handle(op{Method: "POST", Path: "/api/shop/distributor/withdrawals", Tag: "shop-withdrawal", Auth: authShopper, Request: withdrawal.RequestInput{}, Response: withdrawal.Withdrawal{},
		Summary: "Request a withdrawal of amount fen to a payout account: moves it from available to withdrawing. fee = floor(amount*fee_bp/10000), net = amount-fee. 400 below_minimum/net_zero, 404 payout account, 409 insufficient_funds/negative_balance/daily_limit (Asia/Shanghai day; every request counts)"}, s.shopRequestWithdrawal)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/withdrawals/:id/confirm", Tag: "shop-withdrawal", Auth: authShopper, Response: withdrawal.ConfirmPayload{},
		Summary: "For the distributor's own withdrawal whose WeChat transfer waits for it (payout_state wait_user_confirm): mch_id, app_id and package_info to pass to WeChat's requestMerchantTransfer, and expires_at (24 h after sending; WeChat then closes the transfer and the amount returns). 404 for another distributor's withdrawal; 409 wrong_status/transfer_expired/package_unavailable"}, s.shopConfirmWithdrawal)
}

func (s *Server) shopWithdrawalRules(c *gin.Context) {
	res, err := s.deps.Withdrawals.RulesFor(c.Request.Context(), currentShopper(c).ID)
	respond(c, res, err)
}

func (s *Server) shopPayoutAccounts(c *gin.Context) {
	res, err := s.deps.Withdrawals.Accounts(c.Request.Context(), currentShopper(c).ID)
	respond(c, res, err)
}

func (s *Server) shopAddPayoutAccount(c *gin.Context) {
	var in withdrawal.AccountInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.AddAccount(c.Request.Context(), currentShopper(c).ID, in)
	respond(c, res, err)
}

func (s *Server) shopDeletePayoutAccount(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	err := s.deps.Withdrawals.DeleteAccount(c.Request.Context(), currentShopper(c).ID, id)
	respond(c, okResponse{OK: true}, err)
}

func (s *Server) shopWithdrawals(c *gin.Context) {
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Withdrawals.Mine(c.Request.Context(), currentShopper(c).ID, p)
	respond(c, res, err)
}

func (s *Server) shopRequestWithdrawal(c *gin.Context) {
	var in withdrawal.RequestInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.Withdrawals.Request(c.Request.Context(), currentShopper(c).ID, in)
	respond(c, res, err)
}

// shopConfirmWithdrawal gives the H5 app what WeChat's merchant-transfer
// confirmation needs for the shopper's own waiting withdrawal.
func (s *Server) shopConfirmWithdrawal(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Withdrawals.ConfirmInfo(c.Request.Context(), currentShopper(c).ID, id)
	respond(c, res, err)
}
