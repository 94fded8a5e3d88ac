package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/member"
)

// mountAdminMember registers the admin's shopper accounts (banning and
// deleting are for super admins) and the development SMS inbox.
func (s *Server) mountAdminMember() {
	s.handle(op{Method: "GET", Path: "/api/admin/shoppers", Tag: "admin-shoppers", Auth: authAdmin, Query: []string{"phone", "nickname", "status", "page", "page_size"}, Response: pageOf[member.AdminShopper]{},
		Summary: "Search shoppers (phone digits, nickname, status active/banned/deleted); phones are masked"}, s.adminListShoppers)
	s.handle(op{Method: "GET", Path: "/api/admin/shoppers/:id", Tag: "admin-shoppers", Auth: authAdmin, Response: member.AdminShopperDetail{},
		Summary: "One shopper; the phone is masked for every admin role"}, s.adminGetShopper)
	s.handle(op{Method: "GET", Path: "/api/admin/dev/sms-inbox", Tag: "admin-dev", Auth: authAdmin, Query: []string{"phone", "page", "page_size"}, Response: pageOf[member.DevMessage]{},
		Summary: "Development only (404 in production): SMS messages the dev sender kept instead of delivering"}, s.devSMSInbox)
	s.handle(op{Method: "POST", Path: "/api/admin/shoppers/:id/ban", Tag: "admin-shoppers", Auth: authSuper, Request: banRequest{}, Response: member.AdminShopperDetail{},
		Summary: "Suspend an active shopper: ends their sessions, refuses logins; audited"}, s.adminBanShopper)
	s.handle(op{Method: "POST", Path: "/api/admin/shoppers/:id/unban", Tag: "admin-shoppers", Auth: authSuper, Response: member.AdminShopperDetail{},
		Summary: "Lift a suspension; audited"}, s.adminUnbanShopper)
	s.handle(op{Method: "DELETE", Path: "/api/admin/shoppers/:id", Tag: "admin-shoppers", Auth: authSuper, Response: member.AdminShopperDetail{},
		Summary: "Close an account for good (kept as status deleted; phone and WeChat stay reserved); ends sessions; audited"}, s.adminDeleteShopper)
}

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
	respond(c, d, err)
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
	respond(c, d, err)
}

func (s *Server) adminUnbanShopper(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.deps.Members.Unban(c.Request.Context(), actor(c), id)
	respond(c, d, err)
}

func (s *Server) adminDeleteShopper(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.deps.Members.Delete(c.Request.Context(), actor(c), id)
	respond(c, d, err)
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
	respond(c, res, nil)
}
