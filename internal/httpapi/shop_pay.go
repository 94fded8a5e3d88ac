package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
)

// mountShopPay registers paying for an order (and the sandbox's
// simulated confirmation).
func (s *Server) mountShopPay() {
	s.handle(op{Method: "GET", Path: "/api/shop/orders/:id/pay-methods", Tag: "shop orders", Auth: authShopper, Response: pageOf[payment.Method]{},
		Summary: "Payment methods available for my order"}, s.payMethods)
	s.handle(op{Method: "POST", Path: "/api/shop/orders/:id/pay", Tag: "shop orders", Auth: authShopper, Request: payRequest{}, Response: payment.Started{},
		Summary: "Start a payment attempt; returns the provider payload (the sandbox says so loudly)"}, s.payOrder)
	s.handle(op{Method: "POST", Path: "/api/shop/payments/:out_trade_no/sandbox-confirm", Tag: "shop orders", Auth: authShopper, Response: payment.Payment{},
		Summary: "Sandbox only: simulate the provider confirming my payment attempt"}, s.sandboxConfirm)
}

type payRequest struct {
	Method string `json:"method" validate:"required,max=24"`
}

func (s *Server) payMethods(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	payer, err := s.payer(c)
	if err != nil {
		Fail(c, err)
		return
	}
	client := payment.ClientFromUserAgent(c.Request.UserAgent(), payer.OpenID != "")
	ms, err := s.deps.Payments.Methods(c.Request.Context(), currentShopper(c).ID, id, client)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, page.NewResult(page.Request{Page: 1, Size: page.MaxSize}, ms, int64(len(ms))), nil)
}

func (s *Server) payOrder(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req payRequest
	if !bindJSON(c, &req) {
		return
	}
	payer, err := s.payer(c)
	if err != nil {
		Fail(c, err)
		return
	}
	ctx := payment.WithPayer(c.Request.Context(), payer)
	started, err := s.deps.Payments.Pay(ctx, currentShopper(c).ID, id, req.Method)
	if apperr.Is(err, apperr.CodeUnavailable) {
		// The adapters' errors carry no secrets or request dumps.
		s.deps.Log.WarnContext(ctx, "payment provider failed", "method", req.Method, "order_id", id, "err", err)
	}
	respond(c, started, err)
}

func (s *Server) sandboxConfirm(c *gin.Context) {
	p, err := s.deps.Payments.SandboxConfirm(c.Request.Context(), currentShopper(c).ID, c.Param("out_trade_no"))
	respond(c, p, err)
}

// payer is what a provider needs to know of the shopper paying: the
// openid under the WeChat Pay app (JSAPI) and the browser's IP (H5).
func (s *Server) payer(c *gin.Context) (payment.Payer, error) {
	p := payment.Payer{ClientIP: c.ClientIP()}
	appID := s.deps.Config.WeChatPay.AppID
	if appID == "" {
		appID = s.deps.Config.WeChat.AppID
	}
	if appID == "" {
		return p, nil
	}
	openID, err := s.deps.Members.OpenID(c.Request.Context(), currentShopper(c).ID, appID)
	p.OpenID = openID
	return p, err
}
