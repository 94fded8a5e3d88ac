package withdrawal

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/sealed"
)

// Accounts lists the live payout accounts of the shopper's distributor
// account, masked. Errors: forbidden (not_a_distributor).
func (s *Service) Accounts(ctx context.Context, shopperID int64) ([]Account, error) {
	d, err := s.active(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	out := []Account{}
	if err := liveAccounts(s.db.WithContext(ctx), d.ID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list payout accounts: %w", err)
	}
	return out, nil
}

// AddAccount stores a payout account. A wechat account pays the shopper's
// linked WeChat and needs one. Errors: forbidden (not_a_distributor),
// invalid (field messages; wechat_not_linked), conflict (duplicate_account,
// too_many_accounts).
func (s *Service) AddAccount(ctx context.Context, shopperID int64, in AccountInput) (*Account, error) {
	d, err := s.active(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	masked, err := in.normalize()
	if err != nil {
		return nil, err
	}
	a := &Account{DistributorID: d.ID, Kind: in.Kind, Account: s.box.Seal(in.Account), RealName: s.box.Seal(in.RealName),
		AccountDigest: s.digest(in.Kind, in.Account), BankName: in.BankName, Masked: masked, CreatedAt: database.Now()}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if a.Kind == KindWeChat {
			if a.Masked, err = s.wechatCard(ctx, tx, shopperID); err != nil {
				return err
			}
			if a.Masked == "" {
				return apperr.InvalidField("kind", "link WeChat to your account first").WithReason("wechat_not_linked")
			}
		}
		if err := checkRoom(tx, a); err != nil {
			return err
		}
		if err := tx.Create(a).Error; err != nil {
			return fmt.Errorf("create payout account: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// checkRoom refuses a duplicate live account and more than maxAccounts.
func checkRoom(tx *gorm.DB, a *Account) error {
	var n int64
	if err := liveAccounts(tx, a.DistributorID).Count(&n).Error; err != nil {
		return fmt.Errorf("count payout accounts: %w", err)
	}
	if n >= maxAccounts {
		return apperr.Conflict("at most %d payout accounts", maxAccounts).WithReason("too_many_accounts")
	}
	var dup int64
	if err := liveAccounts(tx, a.DistributorID).Where("account_digest = ?", a.AccountDigest).Count(&dup).Error; err != nil {
		return fmt.Errorf("find duplicate payout account: %w", err)
	}
	if dup > 0 {
		return apperr.Conflict("this payout account exists already").WithReason("duplicate_account")
	}
	return nil
}

// DeleteAccount soft-deletes a payout account; withdrawals already made
// keep their snapshot. Errors: forbidden (not_a_distributor), not_found
// (also for another distributor's account).
func (s *Service) DeleteAccount(ctx context.Context, shopperID, id int64) error {
	d, err := s.active(ctx, shopperID)
	if err != nil {
		return err
	}
	res := liveAccounts(s.db.WithContext(ctx), d.ID).Where("id = ?", id).Update("deleted_at", database.Now())
	if res.Error != nil {
		return fmt.Errorf("delete payout account: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return errNoAccount()
	}
	return nil
}

// digest identifies a normalized account of a kind, for duplicate checks.
func (s *Service) digest(kind Kind, account string) string {
	return s.box.Digest(string(kind) + ":" + account)
}

// Target is where a payout goes, opened from the sealed account: for
// wechat the provider pays the shopper's linked openid instead.
type Target struct {
	Kind     Kind
	Account  string
	RealName string
	BankName string
}

// PayoutTarget opens the payout account of a withdrawal for a provider.
// The result must never be logged. Errors: not_found.
func (s *Service) PayoutTarget(ctx context.Context, w Withdrawal) (*Target, error) {
	var a Account
	err := s.db.WithContext(ctx).Where("id = ? AND distributor_id = ?", w.PayoutAccountID, w.DistributorID).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNoAccount()
	}
	if err != nil {
		return nil, fmt.Errorf("load payout account %d: %w", w.PayoutAccountID, err)
	}
	account, err := s.box.Open(a.Account)
	if err != nil {
		return nil, fmt.Errorf("open payout account %d: %w", a.ID, err)
	}
	name, err := s.box.Open(a.RealName)
	if err != nil {
		return nil, fmt.Errorf("open payout account %d name: %w", a.ID, err)
	}
	return &Target{Kind: a.Kind, Account: account, RealName: name, BankName: a.BankName}, nil
}

// SealLegacy seals payout accounts stored in plain text before encryption
// at rest existed, in place; it returns how many it sealed. It runs on
// start and does nothing once every row is sealed.
func (s *Service) SealLegacy(ctx context.Context) (int, error) {
	var rows []Account
	err := s.db.WithContext(ctx).Where("account_digest = ''").Find(&rows).Error
	if err != nil {
		return 0, fmt.Errorf("find unsealed payout accounts: %w", err)
	}
	for _, a := range rows {
		set := map[string]any{"account_digest": s.digest(a.Kind, a.Account)}
		if !sealed.IsSealed(a.Account) {
			set["account"] = s.box.Seal(a.Account)
		}
		if !sealed.IsSealed(a.RealName) {
			set["real_name"] = s.box.Seal(a.RealName)
		}
		if err := s.db.WithContext(ctx).Model(&Account{}).Where("id = ? AND account_digest = ''", a.ID).Updates(set).Error; err != nil {
			return 0, fmt.Errorf("seal payout account %d: %w", a.ID, err)
		}
	}
	return len(rows), nil
}
