package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/wechat"
)

// mountShopWeChatJSSDK registers the JS-SDK config for the H5 share menu. It
// is public: shoppers share pages before logging in.
func (s *Server) mountShopWeChatJSSDK() {
	s.handle(op{Method: "GET", Path: "/api/shop/wechat/jssdk", Tag: "shop-wechat", Auth: authPublic, Query: []string{"url"}, Response: wechat.JSConfig{},
		Summary: "wx.config parameters for the H5 share menu, signed with the official account's jsapi_ticket (cached in server memory until 5 minutes before expiry). " + "url: the page URL, URL-encoded, without its #fragment (a fragment is dropped), on FENXIAO_BASE_URL's host. " + "400 invalid (field url), 409 conflict reason wechat_not_configured (no FENXIAO_WECHAT_APP_ID/APP_SECRET), 503 unavailable reason wechat_error (WeChat refused or did not answer)"}, s.wechatJSSDK)
}

type jssdkQuery struct {
	URL string `form:"url"`
}

func (s *Server) wechatJSSDK(c *gin.Context) {
	var q jssdkQuery
	if !bindQuery(c, &q) {
		return
	}
	out, err := s.deps.WeChatJSSDK.Config(c.Request.Context(), q.URL)
	respond(c, out, err)
}
