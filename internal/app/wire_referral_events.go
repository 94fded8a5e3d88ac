package app

// wireReferralEvents connects referral to notify and the leaderboard. It
// runs last because referral is built before either of them exists; from
// then on approvals, rejections, new team members and new customers notify
// and count in the same transaction as the change.
func (a *App) wireReferralEvents() error {
	a.Referral.SetEvents(a.Notify, a.Leaderboard)
	return nil
}
