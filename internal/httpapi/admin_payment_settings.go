package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment/credentials"
)

// mountPaymentSettings: merchant payment credentials, super admins only.
// Saved credentials take effect at the next start (restart_required).
func (s *Server) mountPaymentSettings(super *gin.RouterGroup) {
	super.GET("/settings/payments", s.adminPaymentSettings)
	super.PUT("/settings/payments/wechatpay", s.adminSaveWeChatPay)
	super.PUT("/settings/payments/alipay", s.adminSaveAlipay)
	super.DELETE("/settings/payments/:provider", s.adminClearPaymentCredentials)
}

func (s *Server) adminPaymentSettings(c *gin.Context) {
	res, err := s.deps.PaymentCredentials.View(c.Request.Context())
	respond(c, res, err)
}

func (s *Server) adminSaveWeChatPay(c *gin.Context) {
	var in credentials.WeChatPayInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.PaymentCredentials.SaveWeChatPay(c.Request.Context(), actor(c), in)
	respond(c, res, err)
}

func (s *Server) adminSaveAlipay(c *gin.Context) {
	var in credentials.AlipayInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.PaymentCredentials.SaveAlipay(c.Request.Context(), actor(c), in)
	respond(c, res, err)
}

func (s *Server) adminClearPaymentCredentials(c *gin.Context) {
	var in credentials.ClearInput
	if !bindJSON(c, &in) {
		return
	}
	res, err := s.deps.PaymentCredentials.Clear(c.Request.Context(), actor(c), c.Param("provider"), in.Password)
	respond(c, res, err)
}
