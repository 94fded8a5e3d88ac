package app

import (
	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/shop/order"
)

// wireCommission builds the commission service and plugs it into the order
// lifecycle: attribution at checkout, accrual on payment, the after-sales
// window on completion and reversal on refunds, each in the order change's
// own transaction; distributor levels rise with attributed sales and
// settled commission (referral.Progress). The periodic commission.settle job releases commissions
// whose window has passed.
func (a *App) wireCommission() error {
	a.Commissions = commission.NewService(a.DB.Gorm, commission.Deps{
		Referral: a.Referral, Orders: a.Orders, Notify: a.Notify, Leaderboard: a.Leaderboard, Log: a.Log, Progress: a.Referral,
	})
	// Commission first, then the tier-1 distributor's sales towards its level.
	lifecycle := order.Lifecycles{a.Commissions, referral.SalesProgress{S: a.Referral}}
	a.Orders.SetHooks(order.Hooks{Attributor: a.Commissions, Lifecycle: lifecycle, Payments: a.Payments, Refunds: a.Payments})
	commission.RegisterJobs(a.Jobs, a.Commissions)
	a.Metrics.RegisterStates("fenxiao_commissions", "Commission records by status.", a.Commissions.CountByStatus)
	return nil
}
