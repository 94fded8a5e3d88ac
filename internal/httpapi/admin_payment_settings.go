package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment/credentials"
)

// mountAdminPaymentSettings: merchant payment credentials, super admins only.
// credentialsSaveEffect ends both save routes' summaries.
const credentialsSaveEffect = " Checked by building the provider client the next start builds (400 with the field: bad PEM, a key that is not RSA, a certificate that does not belong to the private key, an APIv3 key that is not 32 bytes; nothing is stored). Re-enter the admin's own password (403 password_mismatch, throttled 429). Audited without secrets. Takes effect at the next start: restart_required stays true until the process restarts. 409 from_environment when the environment configures this provider."

// Saved credentials take effect at the next start (restart_required).
func (s *Server) mountAdminPaymentSettings() {
	s.handle(op{Method: "GET", Path: "/api/admin/settings/payments", Tag: "admin-settings", Auth: authSuper, Response: credentials.Settings{},
		Summary: "WeChat Pay and Alipay credentials: per provider the source of the next start (environment wins per provider when FENXIAO_WECHATPAY_MCHID / FENXIAO_ALIPAY_APP_ID is set and is read-only here; otherwise settings; otherwise none), whether it runs now (enabled), restart_required, ids in full, public keys and certificates in full, secrets (private keys, APIv3 key) only as set + fingerprint"}, s.adminPaymentSettings)
	s.handle(op{Method: "PUT", Path: "/api/admin/settings/payments/wechatpay", Tag: "admin-settings", Auth: authSuper, Request: credentials.WeChatPayInput{}, Response: credentials.Settings{},
		Summary: "Replace the stored WeChat Pay credentials (mch_id, app_id defaulting to FENXIAO_WECHAT_APP_ID, cert_serial or merchant_cert, private_key, apiv3_key, and public_key_id + public_key and/or platform_certs); private_key and apiv3_key left empty keep the stored ones." + credentialsSaveEffect}, s.adminSaveWeChatPay)
	s.handle(op{Method: "PUT", Path: "/api/admin/settings/payments/alipay", Tag: "admin-settings", Auth: authSuper, Request: credentials.AlipayInput{}, Response: credentials.Settings{},
		Summary: "Replace the stored Alipay credentials (app_id, private_key, and public_key or app_cert + alipay_root_cert + alipay_cert); private_key left empty keeps the stored one." + credentialsSaveEffect}, s.adminSaveAlipay)
	s.handle(op{Method: "DELETE", Path: "/api/admin/settings/payments/:provider", Tag: "admin-settings", Auth: authSuper, Request: credentials.ClearInput{}, Response: credentials.Settings{},
		Summary: "Delete the stored credentials of wechatpay or alipay (body: the admin's password; 403 password_mismatch); the provider stops at the next start unless the environment configures it. Audited. 404 not_stored"}, s.adminClearPaymentCredentials)
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
