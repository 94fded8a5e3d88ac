package member

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// LinkWeChat adds a WeChat identity to a logged-in shopper (and fills an
// empty nickname or avatar from snsapi_userinfo). Linking the identity the
// shopper already has is a no-op. Errors: invalid (state, code), conflict
// (wechat_taken: it belongs to another account; wechat_already_linked: the
// shopper has another WeChat identity for this official account),
// unavailable.
func (s *Service) LinkWeChat(ctx context.Context, shopperID int64, cookie, state, code string) (*Profile, error) {
	u, err := s.exchange(ctx, cookie, state, code)
	if err != nil {
		return nil, err
	}
	var out *Profile
	err = s.shopperTx(ctx, shopperID, func(tx *gorm.DB) error {
		if err := s.checkLinkable(tx, shopperID, u); err != nil {
			return err
		}
		if err := s.fillProfile(tx, shopperID, u); err != nil {
			return err
		}
		sh, err := findShopper(tx, shopperID)
		if err != nil {
			return err
		}
		out = &Profile{Shopper: *sh, WeChatLinked: true}
		return nil
	})
	if database.IsUniqueViolation(err) {
		return nil, wechatTaken()
	}
	return out, err
}

// checkLinkable adds the identity unless it is already this shopper's.
func (s *Service) checkLinkable(tx *gorm.DB, shopperID int64, u *wechatUser) error {
	appID := s.wechat.AppID()
	ident, err := findIdentity(tx, appID, u.openid)
	if err != nil {
		return err
	}
	if ident != nil {
		if ident.ShopperID != shopperID {
			return wechatTaken()
		}
		return nil
	}
	byUnion, err := findIdentityByUnion(tx, u.unionid)
	if err != nil {
		return err
	}
	if byUnion != nil && byUnion.ShopperID != shopperID {
		return wechatTaken()
	}
	var n int64
	if err := tx.Model(&WeChatIdentity{}).Where("shopper_id = ? AND app_id = ?", shopperID, appID).Count(&n).Error; err != nil {
		return fmt.Errorf("count wechat identities: %w", err)
	}
	if n > 0 {
		return apperr.Conflict("this account is already linked to another WeChat user").WithReason("wechat_already_linked")
	}
	return s.addIdentity(tx, shopperID, appID, u)
}

// fillProfile takes WeChat's nickname and avatar only where the shopper
// still has the defaults: a name they chose is never overwritten.
func (s *Service) fillProfile(tx *gorm.DB, shopperID int64, u *wechatUser) error {
	sh, err := findShopper(tx, shopperID)
	if err != nil {
		return err
	}
	set := map[string]any{}
	if u.nickname != "" && hasDefaultNickname(sh) {
		set["nickname"] = u.nickname
	}
	if u.avatar != "" && sh.AvatarURL == "" {
		set["avatar_url"] = u.avatar
	}
	if len(set) == 0 {
		return nil
	}
	set["updated_at"] = s.now()
	if err := tx.Model(&Shopper{}).Where("id = ?", shopperID).Updates(set).Error; err != nil {
		return fmt.Errorf("fill profile from wechat: %w", err)
	}
	return nil
}

func hasDefaultNickname(sh *Shopper) bool {
	return sh.Nickname == "" || sh.Nickname == "用户" || (sh.Phone != nil && sh.Nickname == defaultNickname(*sh.Phone))
}

// OpenID is the shopper's openid under appID ("" when it has none), for
// WeChat Pay JSAPI payments and transfers. Never logged.
func (s *Service) OpenID(ctx context.Context, shopperID int64, appID string) (string, error) {
	var ids []string
	err := s.db.WithContext(ctx).Table("wechat_identities").Where("shopper_id = ? AND app_id = ?", shopperID, appID).Limit(1).Pluck("openid", &ids).Error
	if err != nil {
		return "", fmt.Errorf("load openid of shopper %d: %w", shopperID, err)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return ids[0], nil
}
