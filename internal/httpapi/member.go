package httpapi

import "github.com/gin-gonic/gin"

// mountMember registers shopper accounts: logins, profile and addresses on
// the shop API, search and moderation on the admin API.
func (s *Server) mountMember(shopPublic, shop, admin, super *gin.RouterGroup) {
	shopPublic.POST("/auth/sms-code", s.requestSMSCode)
	shopPublic.POST("/auth/sms-login", s.smsLogin)
	shopPublic.GET("/auth/wechat/authorize", s.wechatAuthorize)
	shopPublic.POST("/auth/wechat/login", s.wechatLogin)

	shop.POST("/logout", s.shopLogout)
	shop.GET("/me", s.getMe)
	shop.PATCH("/me", s.patchMe)
	shop.POST("/me/phone", s.linkPhone)
	shop.POST("/me/wechat", s.linkWeChat)

	shop.GET("/addresses", s.listAddresses)
	shop.POST("/addresses", s.createAddress)
	shop.GET("/addresses/:id", s.getAddress)
	shop.PUT("/addresses/:id", s.updateAddress)
	shop.DELETE("/addresses/:id", s.deleteAddress)
	shop.POST("/addresses/:id/default", s.setDefaultAddress)

	admin.GET("/shoppers", s.adminListShoppers)
	admin.GET("/shoppers/:id", s.adminGetShopper)
	admin.GET("/dev/sms-inbox", s.devSMSInbox)
	super.POST("/shoppers/:id/ban", s.adminBanShopper)
	super.POST("/shoppers/:id/unban", s.adminUnbanShopper)
	super.DELETE("/shoppers/:id", s.adminDeleteShopper)
}
