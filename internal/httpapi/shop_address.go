package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

func (s *Server) listAddresses(c *gin.Context) {
	items, err := s.deps.Members.Addresses(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page.NewResult(page.Request{Page: 1, Size: member.MaxAddresses}, items, int64(len(items))))
}

func (s *Server) getAddress(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Members.Address(c.Request.Context(), currentShopper(c).ID, id)
	respondAddress(c, a, err)
}

func (s *Server) createAddress(c *gin.Context) {
	var in member.AddressInput
	if !bindJSON(c, &in) {
		return
	}
	a, err := s.deps.Members.CreateAddress(c.Request.Context(), currentShopper(c).ID, in)
	respondAddress(c, a, err)
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
	respondAddress(c, a, err)
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
	c.JSON(http.StatusOK, okResponse{OK: true})
}

func (s *Server) setDefaultAddress(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Members.SetDefaultAddress(c.Request.Context(), currentShopper(c).ID, id)
	respondAddress(c, a, err)
}

func respondAddress(c *gin.Context, a *member.Address, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, a)
}
