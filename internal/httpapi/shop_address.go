package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

// mountShopAddresses registers the shopper's address book.
func (s *Server) mountShopAddresses() {
	s.handle(op{Method: "GET", Path: "/api/shop/addresses", Tag: "shop-account", Auth: authShopper, Response: pageOf[member.Address]{},
		Summary: "The shopper's addresses, default first (at most 20)"}, s.listAddresses)
	s.handle(op{Method: "POST", Path: "/api/shop/addresses", Tag: "shop-account", Auth: authShopper, Request: member.AddressInput{}, Response: member.Address{},
		Summary: "Add an address; the first one becomes the default. 409 too_many_addresses beyond 20"}, s.createAddress)
	s.handle(op{Method: "GET", Path: "/api/shop/addresses/:id", Tag: "shop-account", Auth: authShopper, Response: member.Address{},
		Summary: "One of the shopper's addresses"}, s.getAddress)
	s.handle(op{Method: "PUT", Path: "/api/shop/addresses/:id", Tag: "shop-account", Auth: authShopper, Request: member.AddressInput{}, Response: member.Address{},
		Summary: "Replace an address; is_default true also makes it the default (false never removes the default)"}, s.updateAddress)
	s.handle(op{Method: "DELETE", Path: "/api/shop/addresses/:id", Tag: "shop-account", Auth: authShopper, Response: okResponse{},
		Summary: "Delete an address; if it was the default, the most recent other one becomes the default"}, s.deleteAddress)
	s.handle(op{Method: "POST", Path: "/api/shop/addresses/:id/default", Tag: "shop-account", Auth: authShopper, Response: member.Address{},
		Summary: "Make an address the only default"}, s.setDefaultAddress)
}

func (s *Server) listAddresses(c *gin.Context) {
	items, err := s.deps.Members.Addresses(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, page.NewResult(page.Request{Page: 1, Size: member.MaxAddresses}, items, int64(len(items))), nil)
}

func (s *Server) getAddress(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Members.Address(c.Request.Context(), currentShopper(c).ID, id)
	respond(c, a, err)
}

func (s *Server) createAddress(c *gin.Context) {
	var in member.AddressInput
	if !bindJSON(c, &in) {
		return
	}
	a, err := s.deps.Members.CreateAddress(c.Request.Context(), currentShopper(c).ID, in)
	respond(c, a, err)
}

func (s *Server) updateAddress(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var in member.AddressInput
	if !bindJSON(c, &in) {
		return
	}
	a, err := s.deps.Members.UpdateAddress(c.Request.Context(), currentShopper(c).ID, id, in)
	respond(c, a, err)
}

func (s *Server) deleteAddress(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	if err := s.deps.Members.DeleteAddress(c.Request.Context(), currentShopper(c).ID, id); err != nil {
		Fail(c, err)
		return
	}
	respond(c, okResponse{OK: true}, nil)
}

func (s *Server) setDefaultAddress(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Members.SetDefaultAddress(c.Request.Context(), currentShopper(c).ID, id)
	respond(c, a, err)
}
