package httpapi

import (
	"fenxiao/internal/payment"
	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/order"
)

func init() {
	const shop, admin = "shop orders", "admin orders"
	document(
		op{Method: "GET", Path: "/api/shop/cart", Tag: shop, Summary: "My cart with current prices, stock and an unavailable flag per line", Auth: authShopper, Response: cart.Cart{}},
		op{Method: "POST", Path: "/api/shop/cart/items", Tag: shop, Summary: "Add a SKU to the cart (merges with the same SKU; 1..999 units, 100 distinct items)", Auth: authShopper, Request: cartAddRequest{}, Response: cart.Cart{}},
		op{Method: "PATCH", Path: "/api/shop/cart/items/:id", Tag: shop, Summary: "Change a cart line's quantity and/or selection", Auth: authShopper, Request: cartUpdateRequest{}, Response: cart.Cart{}},
		op{Method: "DELETE", Path: "/api/shop/cart/items/:id", Tag: shop, Summary: "Remove a cart line", Auth: authShopper, Response: cart.Cart{}},
		op{Method: "DELETE", Path: "/api/shop/cart", Tag: shop, Summary: "Empty the cart", Auth: authShopper, Response: cart.Cart{}},

		op{Method: "POST", Path: "/api/shop/orders", Tag: shop, Summary: "Check out: prices come from the server; stock is reserved until the payment window closes. 409 reason out_of_stock or unavailable", Auth: authShopper, Request: checkoutRequest{}, Response: order.Detail{}},
		op{Method: "GET", Path: "/api/shop/orders", Tag: shop, Summary: "My orders, newest first, optionally of one status", Auth: authShopper, Query: []string{"status", "page", "page_size"}, Response: pageOf[order.Summary]{}},
		op{Method: "GET", Path: "/api/shop/orders/:id", Tag: shop, Summary: "One of my orders with lines, address, timeline and refunds", Auth: authShopper, Response: order.Detail{}},
		op{Method: "POST", Path: "/api/shop/orders/:id/cancel", Tag: shop, Summary: "Cancel my unpaid order (stock is returned)", Auth: authShopper, Response: order.Detail{}},
		op{Method: "POST", Path: "/api/shop/orders/:id/confirm", Tag: shop, Summary: "Confirm my shipped order was received", Auth: authShopper, Response: order.Detail{}},
		op{Method: "POST", Path: "/api/shop/orders/:id/refunds", Tag: shop, Summary: "Ask for a refund of some units of a paid, shipped or completed order; the amount is computed by the server", Auth: authShopper, Request: refundCreateRequest{}, Response: order.RefundRequest{}},
		op{Method: "GET", Path: "/api/shop/orders/:id/pay-methods", Tag: shop, Summary: "Payment methods available for my order", Auth: authShopper, Response: pageOf[payment.Method]{}},
		op{Method: "POST", Path: "/api/shop/orders/:id/pay", Tag: shop, Summary: "Start a payment attempt; returns the provider payload (the sandbox says so loudly)", Auth: authShopper, Request: payRequest{}, Response: payment.Started{}},
		op{Method: "POST", Path: "/api/shop/payments/:out_trade_no/sandbox-confirm", Tag: shop, Summary: "Sandbox only: simulate the provider confirming my payment attempt", Auth: authShopper, Response: payment.Payment{}},

		op{Method: "GET", Path: "/api/admin/orders", Tag: admin, Summary: "Search orders (created_at range as RFC 3339 from/to)", Auth: authAdmin,
			Query: []string{"status", "order_no", "shopper_id", "distributor_id", "from", "to", "page", "page_size"}, Response: pageOf[order.Summary]{}},
		op{Method: "GET", Path: "/api/admin/orders/:id", Tag: admin, Summary: "One order with timeline, payment attempts and refunds", Auth: authAdmin, Response: adminOrderDetail{}},
		op{Method: "POST", Path: "/api/admin/orders/:id/ship", Tag: admin, Summary: "Ship a paid order; it completes by itself after auto_confirm_days", Auth: authAdmin, Request: shipRequest{}, Response: adminOrderDetail{}},
		op{Method: "POST", Path: "/api/admin/orders/:id/cancel", Tag: admin, Summary: "Cancel an unpaid order with a note", Auth: authAdmin, Request: adminCancelRequest{}, Response: adminOrderDetail{}},
		op{Method: "GET", Path: "/api/admin/refunds", Tag: admin, Summary: "Refund requests, newest first, optionally of one status", Auth: authAdmin, Query: []string{"status", "page", "page_size"}, Response: pageOf[order.RefundRequest]{}},
		op{Method: "POST", Path: "/api/admin/refunds/:id/approve", Tag: admin, Summary: "Approve a pending refund (sandbox: refunded at once)", Auth: authAdmin, Response: order.RefundRequest{}},
		op{Method: "POST", Path: "/api/admin/refunds/:id/reject", Tag: admin, Summary: "Reject a pending refund with a reason", Auth: authAdmin, Request: rejectRefundRequest{}, Response: order.RefundRequest{}},
		op{Method: "GET", Path: "/api/admin/settings/order", Tag: admin, Summary: "Order timing settings", Auth: authAdmin, Response: order.Settings{}},
		op{Method: "PUT", Path: "/api/admin/settings/order", Tag: admin, Summary: "Change order timing settings (1..1440 minutes to pay, 1..60 days to auto-confirm); audited", Auth: authAdmin, Request: orderSettingsRequest{}, Response: order.Settings{}},
	)
}
