package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/withdrawal"
)

// mountWithdrawal registers payout accounts and withdrawals for
// distributors and their review and payout for the merchant.
func (s *Server) mountWithdrawal(shop, admin, super *gin.RouterGroup) {
	shop.GET("/distributor/payout-accounts", s.shopPayoutAccounts)
	shop.POST("/distributor/payout-accounts", s.shopAddPayoutAccount)
	shop.DELETE("/distributor/payout-accounts/:id", s.shopDeletePayoutAccount)
	shop.GET("/distributor/withdrawals", s.shopWithdrawals)
	shop.GET("/distributor/withdrawal-rules", s.shopWithdrawalRules)
	shop.POST("/distributor/withdrawals", s.shopRequestWithdrawal)
	shop.GET("/distributor/withdrawals/:id/confirm", s.shopConfirmWithdrawal)
	s.mountAdminWithdrawal(admin, super)
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
