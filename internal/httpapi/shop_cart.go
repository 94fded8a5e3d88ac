package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/shop/cart"
)

// mountShopCart registers the shopper's cart.
func (s *Server) mountShopCart() {
	s.handle(op{Method: "GET", Path: "/api/shop/cart", Tag: "shop orders", Auth: authShopper, Response: cart.Cart{},
		Summary: "My cart with current prices, stock and an unavailable flag per line"}, s.getCart)
	s.handle(op{Method: "POST", Path: "/api/shop/cart/items", Tag: "shop orders", Auth: authShopper, Request: cartAddRequest{}, Response: cart.Cart{},
		Summary: "Add a SKU to the cart (merges with the same SKU; 1..999 units, 100 distinct items)"}, s.addCartItem)
	s.handle(op{Method: "PATCH", Path: "/api/shop/cart/items/:id", Tag: "shop orders", Auth: authShopper, Request: cartUpdateRequest{}, Response: cart.Cart{},
		Summary: "Change a cart line's quantity and/or selection"}, s.updateCartItem)
	s.handle(op{Method: "DELETE", Path: "/api/shop/cart/items/:id", Tag: "shop orders", Auth: authShopper, Response: cart.Cart{},
		Summary: "Remove a cart line"}, s.removeCartItem)
	s.handle(op{Method: "DELETE", Path: "/api/shop/cart", Tag: "shop orders", Auth: authShopper, Response: cart.Cart{},
		Summary: "Empty the cart"}, s.clearCart)
}

type cartAddRequest struct {
	SKUID    int64 `json:"sku_id" validate:"required,gt=0"`
	Quantity int64 `json:"quantity" validate:"min=1,max=999"`
}

type cartUpdateRequest struct {
	Quantity *int64 `json:"quantity,omitempty" validate:"omitempty,min=1,max=999"`
	Selected *bool  `json:"selected,omitempty"`
}

func (s *Server) getCart(c *gin.Context) {
	cart, err := s.deps.Cart.Get(c.Request.Context(), currentShopper(c).ID)
	respond(c, cart, err)
}

func (s *Server) addCartItem(c *gin.Context) {
	var req cartAddRequest
	if !bindJSON(c, &req) {
		return
	}
	cart, err := s.deps.Cart.Add(c.Request.Context(), currentShopper(c).ID, req.SKUID, req.Quantity)
	respond(c, cart, err)
}

func (s *Server) updateCartItem(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req cartUpdateRequest
	if !bindJSON(c, &req) {
		return
	}
	cart, err := s.deps.Cart.Update(c.Request.Context(), currentShopper(c).ID, id, req.Quantity, req.Selected)
	respond(c, cart, err)
}

func (s *Server) removeCartItem(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	cart, err := s.deps.Cart.Remove(c.Request.Context(), currentShopper(c).ID, id)
	respond(c, cart, err)
}

func (s *Server) clearCart(c *gin.Context) {
	cart, err := s.deps.Cart.Clear(c.Request.Context(), currentShopper(c).ID)
	respond(c, cart, err)
}
