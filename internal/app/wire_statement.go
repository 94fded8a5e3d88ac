package app

import "fenxiao/internal/payment/statement"

// wireStatement builds the daily statement reconciliation of the
// configured WeChat Pay and Alipay clients (wired with the payments) and
// its hourly job.
func (a *App) wireStatement() error {
	a.Statements = statement.NewService(a.DB.Gorm, a.Log, a.WeChatPay, a.Alipay)
	statement.RegisterJobs(a.Jobs, a.Statements)
	return nil
}
