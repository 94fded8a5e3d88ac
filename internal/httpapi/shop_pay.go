package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
)

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
	c.JSON(200, page.NewResult(page.Request{Page: 1, Size: page.MaxSize}, ms, int64(len(ms))))
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

// mountPayNotify receives the providers' notifications; the gateway
// verifies them (no session, no CSRF: the provider's signature is the
// authentication).
func (s *Server) mountPayNotify(api *gin.RouterGroup) {
	api.POST("/pay/notify/wechatpay", gin.WrapF(s.deps.PayGateway.WeChat))
	api.POST("/pay/notify/alipay", gin.WrapF(s.deps.PayGateway.Alipay))
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
