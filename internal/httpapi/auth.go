package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/member"
)

const (
	// ShopCookie and AdminCookie carry session tokens. Distinct names keep a
	// shopper's session from ever reaching admin routes.
	ShopCookie  = "fx_shop"
	AdminCookie = "fx_admin"
	// CSRFHeader must echo the session's CSRF token on every state change.
	CSRFHeader = "X-CSRF-Token"

	ctxShopper = "fx.shopper"
	ctxAdmin   = "fx.admin"
	ctxSession = "fx.session"
)

// requireShopper authenticates a shopper session and enforces CSRF.
func (s *Server) requireShopper() gin.HandlerFunc {
	return func(c *gin.Context) {
		sess, ok := s.authenticate(c, session.KindShop, ShopCookie)
		if !ok {
			return
		}
		sh, err := s.deps.Members.ActiveShopper(c.Request.Context(), sess.SubjectID)
		if err != nil {
			Fail(c, err)
			return
		}
		c.Set(ctxShopper, sh)
		c.Next()
	}
}

// requireAdmin authenticates an admin session and enforces CSRF. An admin
// who must change the password may only do that (and read who they are).
func (s *Server) requireAdmin() gin.HandlerFunc {
	return func(c *gin.Context) {
		sess, ok := s.authenticate(c, session.KindAdmin, AdminCookie)
		if !ok {
			return
		}
		a, err := s.deps.Admins.ActiveAdmin(c.Request.Context(), sess.SubjectID)
		if err != nil {
			Fail(c, err)
			return
		}
		if a.MustChangePassword && !passwordChangeAllowed(c) {
			Fail(c, apperr.Forbidden("change your password before doing anything else").WithReason("password_change_required"))
			return
		}
		c.Set(ctxAdmin, a)
		c.Next()
	}
}

func passwordChangeAllowed(c *gin.Context) bool {
	switch c.FullPath() {
	case "/api/admin/me", "/api/admin/me/password", "/api/admin/logout":
		return true
	}
	return false
}

// requireSuper lets only super admins through. Mount after requireAdmin.
func requireSuper() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !currentAdmin(c).IsSuper() {
			Fail(c, apperr.Forbidden("only a super admin may do this"))
			return
		}
		c.Next()
	}
}

func (s *Server) authenticate(c *gin.Context, kind session.Kind, cookie string) (*session.Session, bool) {
	token, _ := c.Cookie(cookie)
	sess, err := s.deps.Sessions.Lookup(c.Request.Context(), kind, token)
	if err != nil {
		Fail(c, err)
		return nil, false
	}
	if isStateChanging(c.Request.Method) && !sess.CheckCSRF(c.GetHeader(CSRFHeader)) {
		Fail(c, apperr.Forbidden("missing or wrong CSRF token; send the X-CSRF-Token header you got at login").WithReason("csrf"))
		return nil, false
	}
	c.Set(ctxSession, sess)
	return sess, true
}

func isStateChanging(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// currentShopper is the authenticated shopper (after requireShopper).
func currentShopper(c *gin.Context) *member.Shopper {
	return c.MustGet(ctxShopper).(*member.Shopper)
}

// currentAdmin is the authenticated admin (after requireAdmin).
func currentAdmin(c *gin.Context) *adminauth.Admin {
	return c.MustGet(ctxAdmin).(*adminauth.Admin)
}

// currentSession is the authenticated session.
func currentSession(c *gin.Context) *session.Session {
	return c.MustGet(ctxSession).(*session.Session)
}

// actor describes the current admin for the audit log.
func actor(c *gin.Context) audit.Actor {
	a := currentAdmin(c)
	return audit.Actor{ID: a.ID, Username: a.Username, Role: string(a.Role), IP: c.ClientIP()}
}

// startSession creates a session and sets its cookie; the response should
// include the returned CSRF token.
func (s *Server) startSession(c *gin.Context, kind session.Kind, subjectID int64) (csrf string, err error) {
	token, sess, err := s.deps.Sessions.Create(c.Request.Context(), kind, subjectID, c.ClientIP(), c.Request.UserAgent())
	if err != nil {
		return "", err
	}
	name, path := ShopCookie, "/"
	if kind == session.KindAdmin {
		name = AdminCookie
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: token, Path: path, HttpOnly: true,
		Secure: s.deps.Config.IsProduction(), SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
	return sess.CSRFToken, nil
}

// endSession revokes the current session and clears its cookie.
func (s *Server) endSession(c *gin.Context, kind session.Kind) error {
	name := ShopCookie
	if kind == session.KindAdmin {
		name = AdminCookie
	}
	token, _ := c.Cookie(name)
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: "", Path: "/", HttpOnly: true, MaxAge: -1,
		Secure: s.deps.Config.IsProduction(), SameSite: http.SameSiteLaxMode})
	return s.deps.Sessions.Revoke(c.Request.Context(), token)
}
