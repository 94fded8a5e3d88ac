package withdrawal

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
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
	a := &Account{DistributorID: d.ID, Kind: in.Kind, Account: in.Account, RealName: in.RealName,
		BankName: in.BankName, Masked: masked, CreatedAt: database.Now()}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if a.Kind == KindWeChat {
			if a.Masked, err = wechatCard(tx, shopperID); err != nil {
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
	if err := liveAccounts(tx, a.DistributorID).Where("kind = ? AND account = ?", a.Kind, a.Account).Count(&dup).Error; err != nil {
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
