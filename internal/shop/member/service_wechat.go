package member

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/wechat"
)

// WeChatStart is where to send the browser, and the cookie value the
// browser must bring back with the code.
type WeChatStart struct {
	URL    string
	Cookie string
}

// StartWeChat builds the authorize URL. WeChat sends the browser back to
// redirectPath (a path on this shop) with ?code=..&state=..; the page then
// posts both to the login or link endpoint. Errors: invalid (fields scope,
// redirect), unavailable (WeChat not configured).
func (s *Service) StartWeChat(scope, redirectPath string) (*WeChatStart, error) {
	if err := s.wechatReady(); err != nil {
		return nil, err
	}
	if scope == "" {
		scope = wechat.ScopeBase
	}
	if scope != wechat.ScopeBase && scope != wechat.ScopeUserInfo {
		return nil, apperr.InvalidField("scope", "must be snsapi_base or snsapi_userinfo")
	}
	if redirectPath == "" {
		redirectPath = "/"
	}
	// Only paths on this shop: "//evil.example" or "/\evil" would leave it.
	if !strings.HasPrefix(redirectPath, "/") || strings.HasPrefix(redirectPath, "//") ||
		strings.ContainsAny(redirectPath, "\\\r\n\t ") || len(redirectPath) > 512 {
		return nil, apperr.InvalidField("redirect", "must be a path on this shop, like /h5/login")
	}
	state, cookie, err := s.newState()
	if err != nil {
		return nil, err
	}
	return &WeChatStart{URL: s.wechat.AuthorizeURL(s.baseURL+redirectPath, scope, state), Cookie: cookie}, nil
}

func (s *Service) wechatReady() error {
	if s.wechat == nil {
		return apperr.Unavailable("WeChat login is not available: the shop has no WeChat official account configured").WithReason("wechat_unavailable")
	}
	return nil
}

// wechatUser is what a code exchange tells us about the person.
type wechatUser struct {
	openid, unionid, nickname, avatar string
}

// exchange verifies the state and trades the code. Errors: invalid (state
// bad_state; code wechat_code_invalid), unavailable (WeChat failed).
func (s *Service) exchange(ctx context.Context, cookie, state, code string) (*wechatUser, error) {
	if err := s.wechatReady(); err != nil {
		return nil, err
	}
	if err := s.verifyState(cookie, state); err != nil {
		return nil, err
	}
	tok, err := s.wechat.ExchangeCode(ctx, code)
	if err != nil {
		return nil, s.wechatError(ctx, err)
	}
	u := &wechatUser{openid: tok.OpenID, unionid: tok.UnionID}
	if tok.HasUserInfo() {
		info, err := s.wechat.UserInfo(ctx, tok.AccessToken, tok.OpenID)
		if err != nil {
			return nil, s.wechatError(ctx, err)
		}
		u.nickname, u.avatar = clip(info.Nickname, 64), clip(info.HeadImgURL, 512)
		if u.unionid == "" {
			u.unionid = info.UnionID
		}
	}
	return u, nil
}

// wechatError tells the user's problem (a bad code) from ours; ours is
// logged without the code, token or openid.
func (s *Service) wechatError(ctx context.Context, err error) error {
	if wechat.IsCodeError(err) {
		return apperr.InvalidField("code", "the WeChat authorization code is invalid, expired or already used; start again").WithReason("wechat_code_invalid")
	}
	s.log.WarnContext(ctx, "wechat oauth failed", "err", err)
	return apperr.Unavailable("WeChat did not answer properly; please try again in a moment").WithReason("wechat_error")
}

// LoginWithWeChat finishes an authorization: it finds the shopper by
// openid (or by unionid through another official account) or creates one,
// with nickname and avatar when the scope was snsapi_userinfo.
// Errors: invalid (state, code), forbidden (account_banned,
// account_deleted), unavailable.
func (s *Service) LoginWithWeChat(ctx context.Context, cookie, state, code string) (*LoginResult, error) {
	u, err := s.exchange(ctx, cookie, state, code)
	if err != nil {
		return nil, err
	}
	var out *LoginResult
	err = retryOnUnique(func() error {
		return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			sh, created, err := s.findOrCreateByWeChat(tx, u)
			if err != nil {
				return err
			}
			if err := loginAllowed(sh); err != nil {
				return err
			}
			out = &LoginResult{Profile: Profile{Shopper: *sh, WeChatLinked: true}, Created: created}
			return nil
		})
	})
	return out, err
}

func (s *Service) findOrCreateByWeChat(tx *gorm.DB, u *wechatUser) (*Shopper, bool, error) {
	appID := s.wechat.AppID()
	ident, err := findIdentity(tx, appID, u.openid)
	if err != nil {
		return nil, false, err
	}
	if ident == nil {
		ident, err = findIdentityByUnion(tx, u.unionid)
		if err != nil {
			return nil, false, err
		}
		if ident != nil { // same person, known through another app: add this app's openid
			if err := s.addIdentity(tx, ident.ShopperID, appID, u); err != nil {
				return nil, false, err
			}
		}
	}
	if ident != nil {
		sh, err := findShopper(tx, ident.ShopperID)
		return sh, false, err
	}
	now := s.now()
	nick := u.nickname
	if nick == "" {
		nick = "微信用户"
	}
	sh := &Shopper{Nickname: nick, AvatarURL: u.avatar, Status: StatusActive, CreatedAt: now, UpdatedAt: now}
	if err := createShopper(tx, sh); err != nil {
		return nil, false, err
	}
	return sh, true, s.addIdentity(tx, sh.ID, appID, u)
}

func (s *Service) addIdentity(tx *gorm.DB, shopperID int64, appID string, u *wechatUser) error {
	id := WeChatIdentity{ShopperID: shopperID, AppID: appID, OpenID: u.openid, CreatedAt: s.now()}
	if u.unionid != "" {
		id.UnionID = &u.unionid
	}
	if err := tx.Create(&id).Error; err != nil {
		return fmt.Errorf("link wechat identity: %w", err)
	}
	return nil
}

func wechatTaken() error {
	return apperr.Conflict("this WeChat user already belongs to another account").WithReason("wechat_taken")
}

// clip cuts s to at most n characters (WeChat nicknames may be long or
// full of emoji; columns are sized in characters).
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
