package app

import "fenxiao/internal/withdrawal"

// wireWithdrawal builds payout accounts and withdrawals; payouts are
// manual until the payment providers arrive.
func (a *App) wireWithdrawal() error {
	a.Withdrawals = withdrawal.NewService(a.DB.Gorm, a.Referral, a.Notify, a.Admins, withdrawal.Manual{})
	return nil
}
