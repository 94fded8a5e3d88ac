package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/member"
)

// mountShopMember registers shopper login (SMS code, WeChat) and the
// shopper's own account.
func (s *Server) mountShopMember() {
	s.handle(op{Method: "POST", Path: "/api/shop/auth/sms-code", Tag: "shop-auth", Auth: authPublic, Request: smsCodeRequest{}, Response: member.CodeSent{},
		Summary: "Send a 6-digit login code to a mainland China mobile (valid 5 min; 1 per 60 s and 10 per day per phone, 20 per hour per IP; 429 with Retry-After; 503 without an SMS provider)"}, s.requestSMSCode)
	s.handle(op{Method: "POST", Path: "/api/shop/auth/sms-login", Tag: "shop-auth", Auth: authPublic, Request: smsLoginRequest{}, Response: shopperResponse{},
		Summary: "Log in with phone and code; creates the account on first login. 400 reasons code_wrong/code_expired/code_locked; 403 account_banned/account_deleted"}, s.smsLogin)
	s.handle(op{Method: "GET", Path: "/api/shop/auth/wechat/authorize", Tag: "shop-auth", Auth: authPublic, Query: []string{"scope", "redirect"}, Response: urlResponse{},
		Summary: "WeChat web authorization URL (scope snsapi_base or snsapi_userinfo; redirect is a path on this shop). Sets a short-lived state cookie. 503 when WeChat is not configured"}, s.wechatAuthorize)
	s.handle(op{Method: "POST", Path: "/api/shop/auth/wechat/login", Tag: "shop-auth", Auth: authPublic, Request: wechatCodeRequest{}, Response: shopperResponse{},
		Summary: "Log in with the code and state WeChat redirected back with; creates the account on first login. 400 reasons bad_state/wechat_code_invalid"}, s.wechatLogin)

	s.handle(op{Method: "POST", Path: "/api/shop/logout", Tag: "shop-account", Auth: authShopper, Response: okResponse{},
		Summary: "End the current session"}, s.shopLogout)
	s.handle(op{Method: "GET", Path: "/api/shop/me", Tag: "shop-account", Auth: authShopper, Response: shopperResponse{},
		Summary: "The logged-in shopper (own phone in full) and the session's CSRF token"}, s.getMe)
	s.handle(op{Method: "PATCH", Path: "/api/shop/me", Tag: "shop-account", Auth: authShopper, Request: member.ProfileUpdate{}, Response: shopperResponse{},
		Summary: "Change nickname (1-32 characters) and/or avatar_url (http(s) URL or empty)"}, s.patchMe)
	s.handle(op{Method: "POST", Path: "/api/shop/me/phone", Tag: "shop-account", Auth: authShopper, Request: smsLoginRequest{}, Response: shopperResponse{},
		Summary: "Link (or replace) the account's phone with a code sent to it. 409 phone_taken when another account has it"}, s.linkPhone)
	s.handle(op{Method: "POST", Path: "/api/shop/me/wechat", Tag: "shop-account", Auth: authShopper, Request: wechatCodeRequest{}, Response: shopperResponse{},
		Summary: "Link a WeChat identity after authorizing. 409 wechat_taken (another account has it) or wechat_already_linked"}, s.linkWeChat)
}

// wechatStateCookie carries the signed OAuth state between the authorize
// call and the login (or link) call of the same browser.
const wechatStateCookie = "fx_wx_state"

type smsCodeRequest struct {
	Phone string `json:"phone" validate:"required"`
}

type smsLoginRequest struct {
	Phone string `json:"phone" validate:"required"`
	Code  string `json:"code" validate:"required"`
}

type wechatAuthorizeQuery struct {
	Scope    string `form:"scope"`
	Redirect string `form:"redirect"`
}

type wechatCodeRequest struct {
	Code  string `json:"code" validate:"required,max=512"`
	State string `json:"state" validate:"required,max=512"`
}

// shopperResponse is the shopper's own account, with the CSRF token of the
// session after a login and on GET /me.
type shopperResponse struct {
	Shopper   member.Profile `json:"shopper"`
	Created   bool           `json:"created,omitempty"`
	CSRFToken string         `json:"csrf_token,omitempty"`
}

type okResponse struct {
	OK bool `json:"ok"`
}

type urlResponse struct {
	URL string `json:"url"`
}

func (s *Server) requestSMSCode(c *gin.Context) {
	var req smsCodeRequest
	if !bindJSON(c, &req) {
		return
	}
	sent, err := s.deps.Members.RequestCode(c.Request.Context(), req.Phone, c.ClientIP())
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, sent, nil)
}

func (s *Server) smsLogin(c *gin.Context) {
	var req smsLoginRequest
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Members.LoginWithCode(c.Request.Context(), req.Phone, req.Code)
	s.finishShopLogin(c, res, err)
}

// finishShopLogin starts the session for a successful login. A session the
// browser already had is ended, so switching accounts leaves nothing behind.
func (s *Server) finishShopLogin(c *gin.Context, res *member.LoginResult, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	if old, _ := c.Cookie(ShopCookie); old != "" {
		if err := s.deps.Sessions.Revoke(c.Request.Context(), old); err != nil {
			Fail(c, err)
			return
		}
	}
	csrf, err := s.startSession(c, session.KindShop, res.Profile.ID)
	if err != nil {
		Fail(c, err)
		return
	}
	// A referral link opened before login binds now (never fails the login).
	s.applyPendingReferral(c, res.Profile.ID)
	respond(c, shopperResponse{Shopper: res.Profile, Created: res.Created, CSRFToken: csrf}, nil)
}

func (s *Server) wechatAuthorize(c *gin.Context) {
	var q wechatAuthorizeQuery
	if !bindQuery(c, &q) {
		return
	}
	start, err := s.deps.Members.StartWeChat(q.Scope, q.Redirect)
	if err != nil {
		Fail(c, err)
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: wechatStateCookie, Value: start.Cookie, Path: "/api/shop",
		MaxAge: int(member.StateTTL.Seconds()), HttpOnly: true, Secure: s.deps.Config.IsProduction(), SameSite: http.SameSiteLaxMode})
	respond(c, urlResponse{URL: start.URL}, nil)
}

// takeWeChatState reads and clears the state cookie: one authorization,
// one attempt.
func (s *Server) takeWeChatState(c *gin.Context) string {
	v, _ := c.Cookie(wechatStateCookie)
	http.SetCookie(c.Writer, &http.Cookie{Name: wechatStateCookie, Value: "", Path: "/api/shop", MaxAge: -1,
		HttpOnly: true, Secure: s.deps.Config.IsProduction(), SameSite: http.SameSiteLaxMode})
	return v
}

func (s *Server) wechatLogin(c *gin.Context) {
	var req wechatCodeRequest
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Members.LoginWithWeChat(c.Request.Context(), s.takeWeChatState(c), req.State, req.Code)
	s.finishShopLogin(c, res, err)
}

func (s *Server) shopLogout(c *gin.Context) {
	if err := s.endSession(c, session.KindShop); err != nil {
		Fail(c, err)
		return
	}
	respond(c, okResponse{OK: true}, nil)
}

func (s *Server) getMe(c *gin.Context) {
	p, err := s.deps.Members.Profile(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, shopperResponse{Shopper: *p, CSRFToken: currentSession(c).CSRFToken}, nil)
}

func (s *Server) patchMe(c *gin.Context) {
	var req member.ProfileUpdate
	if !bindJSON(c, &req) {
		return
	}
	p, err := s.deps.Members.UpdateProfile(c.Request.Context(), currentShopper(c).ID, req)
	respondProfile(c, p, err)
}

func (s *Server) linkPhone(c *gin.Context) {
	var req smsLoginRequest
	if !bindJSON(c, &req) {
		return
	}
	p, err := s.deps.Members.LinkPhone(c.Request.Context(), currentShopper(c).ID, req.Phone, req.Code)
	respondProfile(c, p, err)
}

func (s *Server) linkWeChat(c *gin.Context) {
	var req wechatCodeRequest
	if !bindJSON(c, &req) {
		return
	}
	p, err := s.deps.Members.LinkWeChat(c.Request.Context(), currentShopper(c).ID, s.takeWeChatState(c), req.State, req.Code)
	respondProfile(c, p, err)
}

func respondProfile(c *gin.Context, p *member.Profile, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, shopperResponse{Shopper: *p}, nil)
}
