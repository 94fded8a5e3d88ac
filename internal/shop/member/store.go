package member

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// Store functions take the *gorm.DB or tx they run on.

func findShopper(db *gorm.DB, id int64) (*Shopper, error) {
	return database.Take[Shopper](db.Where("id = ?", id), apperr.NotFound("no such shopper"), "load shopper %d", id)
}

// findShopperByPhone returns nil, nil when nobody has the phone.
func findShopperByPhone(db *gorm.DB, phone string) (*Shopper, error) {
	return database.TakeOrNil[Shopper](db.Where("phone = ?", phone), "find shopper by phone")
}

// lockShopper serialises changes to one shopper's account and addresses:
// the no-op update takes the row lock on PostgreSQL (SQLite already runs
// one writer at a time). Errors: not_found.
func lockShopper(tx *gorm.DB, id int64) error {
	res := tx.Exec("UPDATE shoppers SET updated_at = updated_at WHERE id = ?", id)
	return database.Affected(res, apperr.NotFound("no such shopper"), "lock shopper %d", id)
}

// shopperTx runs fn in a transaction that first takes the shopper's lock
// (lockShopper). Errors: not_found (no such shopper), and fn's.
func (s *Service) shopperTx(ctx context.Context, shopperID int64, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockShopper(tx, shopperID); err != nil {
			return err
		}
		return fn(tx)
	})
}

func createShopper(tx *gorm.DB, sh *Shopper) error {
	if err := tx.Create(sh).Error; err != nil {
		return fmt.Errorf("create shopper: %w", err)
	}
	return nil
}

// findIdentity returns nil, nil when the openid is unknown for the app.
func findIdentity(db *gorm.DB, appID, openid string) (*WeChatIdentity, error) {
	return database.TakeOrNil[WeChatIdentity](db.Where("app_id = ? AND openid = ?", appID, openid), "find wechat identity")
}

// findIdentityByUnion returns any identity with the unionid (the same
// person through another official account or app), or nil, nil.
func findIdentityByUnion(db *gorm.DB, unionid string) (*WeChatIdentity, error) {
	if unionid == "" {
		return nil, nil
	}
	return database.TakeOrNil[WeChatIdentity](db.Where("unionid = ?", unionid).Order("id"), "find wechat identity by unionid")
}

func hasWeChat(db *gorm.DB, shopperID int64) (bool, error) {
	var n int64
	if err := db.Model(&WeChatIdentity{}).Where("shopper_id = ?", shopperID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count wechat identities: %w", err)
	}
	return n > 0, nil
}

// loadProfile is the profile of the shopper with id. Errors: not_found.
func loadProfile(db *gorm.DB, id int64) (*Profile, error) {
	sh, err := findShopper(db, id)
	if err != nil {
		return nil, err
	}
	return profileOf(db, sh)
}

func profileOf(db *gorm.DB, sh *Shopper) (*Profile, error) {
	linked, err := hasWeChat(db, sh.ID)
	if err != nil {
		return nil, err
	}
	return &Profile{Shopper: *sh, WeChatLinked: linked}, nil
}
