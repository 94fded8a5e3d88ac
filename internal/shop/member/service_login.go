package member

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// LoginWithCode logs in with a phone and the code sent to it, creating the
// account on first login (one account per phone). Errors: invalid (fields
// phone, code), forbidden (account_banned, account_deleted).
func (s *Service) LoginWithCode(ctx context.Context, phone, code string) (*LoginResult, error) {
	phone, codeID, err := s.checkPhoneCode(ctx, phone, code)
	if err != nil {
		return nil, err
	}
	var out *LoginResult
	err = retryOnUnique(func() error {
		return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := s.consumeCode(tx, codeID); err != nil {
				return err
			}
			sh, created, err := s.findOrCreateByPhone(tx, phone)
			if err != nil {
				return err
			}
			if err := loginAllowed(sh); err != nil {
				return err
			}
			prof, err := profileOf(tx, sh)
			if err != nil {
				return err
			}
			out = &LoginResult{Profile: *prof, Created: created}
			return nil
		})
	})
	return out, err
}

// checkPhoneCode normalizes phone and spends an attempt of the code sent to
// it (checkCode): the phone as stored and the code's id for consumeCode.
// Errors: invalid (phone, code).
func (s *Service) checkPhoneCode(ctx context.Context, phone, code string) (string, int64, error) {
	phone, err := normalizeMobile("phone", phone)
	if err != nil {
		return "", 0, err
	}
	codeID, err := s.checkCode(ctx, phone, code)
	return phone, codeID, err
}

func (s *Service) findOrCreateByPhone(tx *gorm.DB, phone string) (*Shopper, bool, error) {
	sh, err := findShopperByPhone(tx, phone)
	if err != nil || sh != nil {
		return sh, false, err
	}
	now := s.now()
	sh = &Shopper{Phone: &phone, Nickname: defaultNickname(phone), Status: StatusActive, CreatedAt: now, UpdatedAt: now}
	return sh, true, createShopper(tx, sh)
}

// defaultNickname shows only the last four digits, like most Chinese shops.
func defaultNickname(phone string) string {
	if len(phone) < 4 {
		return "用户"
	}
	return "用户" + phone[len(phone)-4:]
}

// retryOnUnique runs fn again once when it lost a race to create the same
// account (two first logins at once): the second run finds the winner's row.
func retryOnUnique(fn func() error) error {
	err := fn()
	if database.IsUniqueViolation(err) {
		err = fn()
	}
	return err
}

// CreateWithPhone creates an active shopper directly (fixtures, imports).
// An empty phone makes an account without one. Errors: invalid (phone),
// conflict (phone_taken).
func (s *Service) CreateWithPhone(ctx context.Context, phone string) (*Shopper, error) {
	now := s.now()
	sh := &Shopper{Status: StatusActive, CreatedAt: now, UpdatedAt: now, Nickname: "用户"}
	if phone != "" {
		p, err := normalizeMobile("phone", phone)
		if err != nil {
			return nil, err
		}
		sh.Phone, sh.Nickname = &p, defaultNickname(p)
	}
	err := createShopper(s.db.WithContext(ctx), sh)
	if database.IsUniqueViolation(err) {
		return nil, phoneTaken()
	}
	return sh, err
}

// LinkPhone sets the shopper's phone after checking the code sent to it. A
// shopper who already has a phone may replace it the same way. Errors:
// invalid (phone, code), conflict (phone_taken: the phone belongs to
// another account; accounts are never merged).
func (s *Service) LinkPhone(ctx context.Context, shopperID int64, phone, code string) (*Profile, error) {
	phone, codeID, err := s.checkPhoneCode(ctx, phone, code)
	if err != nil {
		return nil, err
	}
	var out *Profile
	err = s.shopperTx(ctx, shopperID, func(tx *gorm.DB) error {
		other, err := findShopperByPhone(tx, phone)
		if err != nil {
			return err
		}
		if other != nil && other.ID != shopperID {
			return phoneTaken()
		}
		if err := s.consumeCode(tx, codeID); err != nil {
			return err
		}
		if err := tx.Model(&Shopper{}).Where("id = ?", shopperID).
			Updates(map[string]any{"phone": phone, "updated_at": s.now()}).Error; err != nil {
			return fmt.Errorf("link phone: %w", err)
		}
		out, err = loadProfile(tx, shopperID)
		return err
	})
	if database.IsUniqueViolation(err) {
		return nil, phoneTaken()
	}
	return out, err
}

func phoneTaken() error {
	return apperr.Conflict("this phone number already belongs to another account").WithReason("phone_taken").WithField("phone", "already belongs to another account")
}
