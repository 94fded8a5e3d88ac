package app

import (
	"context"

	"fenxiao/internal/platform/sealed"
	"fenxiao/internal/withdrawal"
)

// wireWithdrawal builds payout accounts and withdrawals; payouts are
// manual until the payment providers arrive. Payout accounts are sealed
// with a key derived from the server secret; accounts stored in plain
// text by an older version are sealed here, on start.
func (a *App) wireWithdrawal() error {
	box, err := sealed.New(a.Config.Secret, "payout_accounts")
	if err != nil {
		return err
	}
	a.Withdrawals = withdrawal.NewService(a.DB.Gorm, a.Referral, a.Notify, a.Admins, withdrawal.Manual{}, box)
	n, err := a.Withdrawals.SealLegacy(context.Background())
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("sealed payout accounts stored in plain text", "count", n)
	}
	return nil
}
