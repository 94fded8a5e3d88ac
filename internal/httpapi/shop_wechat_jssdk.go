package httpapi

import "github.com/gin-gonic/gin"

// mountWeChatJSSDK registers the JS-SDK config for the H5 share menu. It
// is public: shoppers share pages before logging in.
func (s *Server) mountWeChatJSSDK(shopPublic *gin.RouterGroup) {
	shopPublic.GET("/wechat/jssdk", s.wechatJSSDK)
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
