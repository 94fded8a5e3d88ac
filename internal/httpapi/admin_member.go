package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/member"
)

// Admin views of shoppers always mask the phone, for operators and super
// admins alike; the openid is never shown.

type banRequest struct {
	Reason string `json:"reason" validate:"required,max=200"`
}

type devInboxQuery struct {
	Phone string `form:"phone"`
}

func (s *Server) adminListShoppers(c *gin.Context) {
	listFiltered(c, s.deps.Members.List)
}

func (s *Server) adminGetShopper(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.deps.Members.Detail(c.Request.Context(), id)
	respondShopperDetail(c, d, err)
}

func (s *Server) adminBanShopper(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req banRequest
	if !bindJSON(c, &req) {
		return
	}
	d, err := s.deps.Members.Ban(c.Request.Context(), actor(c), id, req.Reason)
	respondShopperDetail(c, d, err)
}

func (s *Server) adminUnbanShopper(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.deps.Members.Unban(c.Request.Context(), actor(c), id)
	respondShopperDetail(c, d, err)
}

func (s *Server) adminDeleteShopper(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.deps.Members.Delete(c.Request.Context(), actor(c), id)
	respondShopperDetail(c, d, err)
}

func respondShopperDetail(c *gin.Context, d *member.AdminShopperDetail, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// devSMSInbox shows the messages the development SMS sender kept, so a
// developer (and the tests) can log in without an SMS provider. It does not
// exist in production.
func (s *Server) devSMSInbox(c *gin.Context) {
	if s.deps.Config.IsProduction() {
		Fail(c, apperr.NotFound("no API route %s %s", c.Request.Method, c.Request.URL.Path))
		return
	}
	var q devInboxQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Members.DevInbox(c.Request.Context(), q.Phone, p)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}
