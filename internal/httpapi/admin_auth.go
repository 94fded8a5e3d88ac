package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
)

func (s *Server) mountAdminAuth(adminPublic, admin, super *gin.RouterGroup) {
	adminPublic.POST("/login", s.adminLogin)
	admin.POST("/logout", s.adminLogout)
	admin.GET("/me", s.adminMe)
	admin.POST("/me/password", s.adminChangePassword)

	super.GET("/admins", s.listAdmins)
	super.POST("/admins", s.createAdmin)
	super.GET("/admins/:id", s.getAdmin)
	super.PATCH("/admins/:id", s.updateAdmin)
	super.POST("/admins/:id/reset-password", s.resetAdminPassword)
	super.DELETE("/admins/:id", s.deleteAdmin)
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
	c.JSON(http.StatusOK, adminSessionResponse{Admin: a, CSRFToken: csrf})
}

func (s *Server) adminLogout(c *gin.Context) {
	if err := s.endSession(c, session.KindAdmin); err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, loggedOutResponse{LoggedOut: true})
}

func (s *Server) adminMe(c *gin.Context) {
	c.JSON(http.StatusOK, adminSessionResponse{Admin: currentAdmin(c), CSRFToken: currentSession(c).CSRFToken})
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
	c.JSON(http.StatusOK, res)
}

func (s *Server) getAdmin(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Admins.Get(c.Request.Context(), id)
	respondAdmin(c, a, err)
}

func (s *Server) createAdmin(c *gin.Context) {
	var req createAdminRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := s.deps.Admins.Create(c.Request.Context(), actor(c), adminauth.NewAdmin{
		Username: req.Username, Password: req.Password, Role: req.Role, MustChangePassword: true})
	respondAdmin(c, a, err)
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
	respondAdmin(c, a, err)
}

func (s *Server) deleteAdmin(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	a, err := s.deps.Admins.Delete(c.Request.Context(), actor(c), id)
	respondAdmin(c, a, err)
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
	c.JSON(http.StatusOK, resetPasswordResponse{Admin: a, TemporaryPassword: generated})
}

func respondAdmin(c *gin.Context, a *adminauth.Admin, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, adminResponse{Admin: a})
}
