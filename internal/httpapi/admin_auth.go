package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
)

func (s *Server) mountAdminAuth() {
	s.handle(op{Method: "POST", Path: "/api/admin/login", Tag: "admin accounts", Auth: authPublic, Request: adminLoginRequest{}, Response: adminSessionResponse{},
		Summary: "Log in as an admin: sets the fx_admin cookie and returns the CSRF token. Wrong username and wrong password get the same 401 (reason invalid_credentials); 5 wrong passwords in a row lock the account for 15 minutes (429, reason locked); 10 attempts per minute per IP or username (429 rate_limited, Retry-After); disabled accounts get 403 (reason disabled)."}, s.adminLogin)
	s.handle(op{Method: "POST", Path: "/api/admin/logout", Tag: "admin accounts", Auth: authAdmin, Response: loggedOutResponse{},
		Summary: "End the current admin session"}, s.adminLogout)
	s.handle(op{Method: "GET", Path: "/api/admin/me", Tag: "admin accounts", Auth: authAdmin, Response: adminSessionResponse{},
		Summary: "The logged-in admin and the session's CSRF token (allowed while a password change is pending)"}, s.adminMe)
	s.handle(op{Method: "POST", Path: "/api/admin/me/password", Tag: "admin accounts", Auth: authAdmin, Request: changePasswordRequest{}, Response: adminSessionResponse{},
		Summary: "Change your own password (at least 10 characters). Ends all your sessions and starts a new one: use the returned CSRF token from now on."}, s.adminChangePassword)

	s.handle(op{Method: "GET", Path: "/api/admin/admins", Tag: "admin accounts", Auth: authSuper, Query: []string{"page", "page_size"}, Response: pageOf[adminauth.Admin]{},
		Summary: "List admin accounts"}, s.listAdmins)
	s.handle(op{Method: "POST", Path: "/api/admin/admins", Tag: "admin accounts", Auth: authSuper, Request: createAdminRequest{}, Response: adminResponse{},
		Summary: "Create an admin account; it must change its password at first login (409 username_taken)"}, s.createAdmin)
	s.handle(op{Method: "GET", Path: "/api/admin/admins/:id", Tag: "admin accounts", Auth: authSuper, Response: adminResponse{},
		Summary: "One admin account"}, s.getAdmin)
	s.handle(op{Method: "PATCH", Path: "/api/admin/admins/:id", Tag: "admin accounts", Auth: authSuper, Request: updateAdminRequest{}, Response: adminResponse{},
		Summary: "Change an admin's role and/or disable or enable it; disabling or a role change ends its sessions. The last active super admin cannot be demoted or disabled (409 last_super)."}, s.updateAdmin)
	s.handle(op{Method: "POST", Path: "/api/admin/admins/:id/reset-password", Tag: "admin accounts", Auth: authSuper, Request: resetPasswordRequest{}, Response: resetPasswordResponse{},
		Summary: "Set a new password for another admin (send {} to generate one, returned once as temporary_password). The admin must change it at next login; its sessions end and its lockout is lifted."}, s.resetAdminPassword)
	s.handle(op{Method: "DELETE", Path: "/api/admin/admins/:id", Tag: "admin accounts", Auth: authSuper, Response: adminResponse{},
		Summary: "Delete an admin (soft: the account is disabled and its sessions end; 409 last_super for the last active super admin)"}, s.deleteAdmin)
}

type adminLoginRequest struct {
	Username string `json:"username" validate:"required,max=64"`
	Password string `json:"password" validate:"required,max=512"`
}

// adminSessionResponse is who is logged in and the CSRF token to echo in
// X-CSRF-Token on every state-changing request.
type adminSessionResponse struct {
	Admin     *adminauth.Admin `json:"admin"`
	CSRFToken string           `json:"csrf_token"`
}

type adminResponse struct {
	Admin *adminauth.Admin `json:"admin"`
}

type loggedOutResponse struct {
	LoggedOut bool `json:"logged_out"`
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password" validate:"required,max=512"`
	NewPassword     string `json:"new_password" validate:"required"`
}

type createAdminRequest struct {
	Username string         `json:"username" validate:"required"`
	Password string         `json:"password" validate:"required"`
	Role     adminauth.Role `json:"role" validate:"required,oneof=super operator"`
}

type updateAdminRequest struct {
	Role     *adminauth.Role `json:"role" validate:"omitempty,oneof=super operator"`
	Disabled *bool           `json:"disabled"`
}

// resetPasswordRequest: an empty or missing password generates one.
type resetPasswordRequest struct {
	Password string `json:"password"`
}

type resetPasswordResponse struct {
	Admin *adminauth.Admin `json:"admin"`
	// TemporaryPassword is set only when Fenxiao generated it; it is shown
	// this once.
	TemporaryPassword string `json:"temporary_password,omitempty"`
}

func (s *Server) adminLogin(c *gin.Context) {
	var req adminLoginRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := s.deps.Admins.Login(c.Request.Context(), adminauth.Credentials{Username: req.Username, Password: req.Password, IP: c.ClientIP()})
	if err != nil {
		Fail(c, err)
		return
	}
	s.respondNewAdminSession(c, a)
}

// respondNewAdminSession starts a session for a and answers with its CSRF
// token.
func (s *Server) respondNewAdminSession(c *gin.Context, a *adminauth.Admin) {
	csrf, err := s.startSession(c, session.KindAdmin, a.ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, adminSessionResponse{Admin: a, CSRFToken: csrf}, nil)
}

func (s *Server) adminLogout(c *gin.Context) {
	if err := s.endSession(c, session.KindAdmin); err != nil {
		Fail(c, err)
		return
	}
	respond(c, loggedOutResponse{LoggedOut: true}, nil)
}

func (s *Server) adminMe(c *gin.Context) {
	respond(c, adminSessionResponse{Admin: currentAdmin(c), CSRFToken: currentSession(c).CSRFToken}, nil)
}

// adminChangePassword ends every session of the admin (a stolen session
// dies with the old password) and starts a new one for this client.
func (s *Server) adminChangePassword(c *gin.Context) {
	var req changePasswordRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := s.deps.Admins.ChangePassword(c.Request.Context(), actor(c), req.CurrentPassword, req.NewPassword)
	if err != nil {
		Fail(c, err)
		return
	}
	s.respondNewAdminSession(c, a)
}

func (s *Server) listAdmins(c *gin.Context) {
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Admins.List(c.Request.Context(), p)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, res, nil)
}

func (s *Server) getAdmin(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Admins.Get(c.Request.Context(), id)
	respond(c, adminResponse{Admin: a}, err)
}

func (s *Server) createAdmin(c *gin.Context) {
	var req createAdminRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := s.deps.Admins.Create(c.Request.Context(), actor(c), adminauth.NewAdmin{
		Username: req.Username, Password: req.Password, Role: req.Role, MustChangePassword: true})
	respond(c, adminResponse{Admin: a}, err)
}

func (s *Server) updateAdmin(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req updateAdminRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := s.deps.Admins.Update(c.Request.Context(), actor(c), id, adminauth.Update{Role: req.Role, Disabled: req.Disabled})
	respond(c, adminResponse{Admin: a}, err)
}

func (s *Server) deleteAdmin(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Admins.Delete(c.Request.Context(), actor(c), id)
	respond(c, adminResponse{Admin: a}, err)
}

func (s *Server) resetAdminPassword(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req resetPasswordRequest
	if !bindJSON(c, &req) {
		return
	}
	a, generated, err := s.deps.Admins.ResetPassword(c.Request.Context(), actor(c), id, req.Password)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, resetPasswordResponse{Admin: a, TemporaryPassword: generated}, nil)
}
