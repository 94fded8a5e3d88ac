package httpapi

import "github.com/gin-gonic/gin"

// mountOrders registers the cart, checkout, order lifecycle, after-sales
// and payment routes. Handlers live in shop_cart.go, shop_orders.go,
// shop_pay.go and admin_orders.go; their docs in openapi_orders.go.
func (s *Server) mountOrders(shop, admin *gin.RouterGroup) {
	shop.GET("/cart", s.getCart)
	shop.POST("/cart/items", s.addCartItem)
	shop.PATCH("/cart/items/:id", s.updateCartItem)
	shop.DELETE("/cart/items/:id", s.removeCartItem)
	shop.DELETE("/cart", s.clearCart)

	shop.POST("/orders", s.placeOrder)
	shop.GET("/orders", s.listMyOrders)
	shop.GET("/orders/:id", s.getMyOrder)
	shop.POST("/orders/:id/cancel", s.cancelMyOrder)
	shop.POST("/orders/:id/confirm", s.confirmMyOrder)
	shop.POST("/orders/:id/refunds", s.requestRefund)
	shop.GET("/orders/:id/pay-methods", s.payMethods)
	shop.POST("/orders/:id/pay", s.payOrder)
	shop.POST("/payments/:out_trade_no/sandbox-confirm", s.sandboxConfirm)

	admin.GET("/orders", s.adminListOrders)
	admin.GET("/orders/:id", s.adminGetOrder)
	admin.POST("/orders/:id/ship", s.adminShipOrder)
	admin.POST("/orders/:id/cancel", s.adminCancelOrder)
	admin.GET("/refunds", s.adminListRefunds)
	admin.POST("/refunds/:id/approve", s.adminApproveRefund)
	admin.POST("/refunds/:id/reject", s.adminRejectRefund)
	admin.GET("/settings/order", s.adminGetOrderSettings)
	admin.PUT("/settings/order", s.adminPutOrderSettings)
}
