package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/shop/order"
)

// mountShopOrders registers checkout, the shopper's orders and
// after-sales requests.
func (s *Server) mountShopOrders() {
	s.handle(op{Method: "POST", Path: "/api/shop/orders", Tag: "shop orders", Auth: authShopper, Request: checkoutRequest{}, Response: order.Detail{},
		Summary: "Check out: prices come from the server; stock is reserved until the payment window closes. 409 reason out_of_stock or unavailable"}, s.placeOrder)
	s.handle(op{Method: "GET", Path: "/api/shop/orders", Tag: "shop orders", Auth: authShopper, Query: []string{"status", "page", "page_size"}, Response: pageOf[order.Summary]{},
		Summary: "My orders, newest first, optionally of one status"}, s.listMyOrders)
	s.handle(op{Method: "GET", Path: "/api/shop/orders/:id", Tag: "shop orders", Auth: authShopper, Response: order.Detail{},
		Summary: "One of my orders with lines, address, timeline and refunds"}, s.getMyOrder)
	s.handle(op{Method: "POST", Path: "/api/shop/orders/:id/cancel", Tag: "shop orders", Auth: authShopper, Response: order.Detail{},
		Summary: "Cancel my unpaid order (stock is returned)"}, s.cancelMyOrder)
	s.handle(op{Method: "POST", Path: "/api/shop/orders/:id/confirm", Tag: "shop orders", Auth: authShopper, Response: order.Detail{},
		Summary: "Confirm my shipped order was received"}, s.confirmMyOrder)
	s.handle(op{Method: "POST", Path: "/api/shop/orders/:id/refunds", Tag: "shop orders", Auth: authShopper, Request: refundCreateRequest{}, Response: order.RefundRequest{},
		Summary: "Ask for a refund of some units of a paid, shipped or completed order; the amount is computed by the server"}, s.requestRefund)
}

// checkoutRequest has no price fields on purpose: bindJSON refuses any
// unknown field, so a client cannot even send a price; amounts always come
// from the catalogue.
type checkoutRequest struct {
	Items     []checkoutItem `json:"items" validate:"required,min=1,max=50,dive"`
	AddressID int64          `json:"address_id" validate:"required,gt=0"`
	Remark    string         `json:"remark,omitempty" validate:"max=255"`
	FromCart  bool           `json:"from_cart,omitempty"`
}

type checkoutItem struct {
	SKUID    int64 `json:"sku_id" validate:"required,gt=0"`
	Quantity int64 `json:"quantity" validate:"min=1,max=999"`
}

type refundCreateRequest struct {
	Lines  []refundLineRequest `json:"lines" validate:"required,min=1,max=50,dive"`
	Reason string              `json:"reason" validate:"required,max=512"`
}

type refundLineRequest struct {
	OrderLineID int64 `json:"order_line_id" validate:"required,gt=0"`
	Quantity    int64 `json:"quantity" validate:"min=1,max=999"`
}

type orderListQuery struct {
	Status string `form:"status"`
}

func (s *Server) placeOrder(c *gin.Context) {
	var req checkoutRequest
	if !bindJSON(c, &req) {
		return
	}
	in := order.PlaceInput{ShopperID: currentShopper(c).ID, AddressID: req.AddressID, Remark: req.Remark, FromCart: req.FromCart}
	for _, it := range req.Items {
		in.Items = append(in.Items, order.ItemInput{SKUID: it.SKUID, Quantity: it.Quantity})
	}
	o, err := s.deps.Orders.Place(c.Request.Context(), in)
	if err != nil {
		Fail(c, err)
		return
	}
	d, err := s.deps.Orders.ShopperDetail(c.Request.Context(), o.ShopperID, o.ID)
	respond(c, d, err)
}

func (s *Server) listMyOrders(c *gin.Context) {
	var q orderListQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Orders.ListForShopper(c.Request.Context(), currentShopper(c).ID, order.Status(q.Status), p)
	respond(c, res, err)
}

func (s *Server) getMyOrder(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.deps.Orders.ShopperDetail(c.Request.Context(), currentShopper(c).ID, id)
	respond(c, d, err)
}

// myOrderAction runs a no-body shopper action and answers with the order.
func (s *Server) myOrderAction(c *gin.Context, act func(shopperID, orderID int64) (*order.Order, error)) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	shopperID := currentShopper(c).ID
	if _, err := act(shopperID, id); err != nil {
		Fail(c, err)
		return
	}
	d, err := s.deps.Orders.ShopperDetail(c.Request.Context(), shopperID, id)
	respond(c, d, err)
}

func (s *Server) cancelMyOrder(c *gin.Context) {
	s.myOrderAction(c, func(shopperID, orderID int64) (*order.Order, error) {
		return s.deps.Orders.CancelByShopper(c.Request.Context(), shopperID, orderID)
	})
}

func (s *Server) confirmMyOrder(c *gin.Context) {
	s.myOrderAction(c, func(shopperID, orderID int64) (*order.Order, error) {
		return s.deps.Orders.ConfirmReceipt(c.Request.Context(), shopperID, orderID)
	})
}

func (s *Server) requestRefund(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req refundCreateRequest
	if !bindJSON(c, &req) {
		return
	}
	in := order.RefundInput{Reason: req.Reason}
	for _, l := range req.Lines {
		in.Lines = append(in.Lines, order.RefundLineInput{OrderLineID: l.OrderLineID, Quantity: l.Quantity})
	}
	r, err := s.deps.Orders.RequestRefund(c.Request.Context(), currentShopper(c).ID, id, in)
	respond(c, r, err)
}
