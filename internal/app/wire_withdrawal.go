package app

import (
	"context"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment/providers"
	"fenxiao/internal/platform/sealed"
)

// wireWithdrawal builds payout accounts and withdrawals. Withdrawals to
// WeChat and Alipay accounts are paid through the configured providers
// (WeChat also needs a transfer scene in the payout settings); bank
// accounts and unconfigured providers are paid manually. Transfer
// notifications reach the withdrawals through the payment providers. Payout
// accounts are sealed with a key derived from the server secret; accounts
// stored in plain text by an older version are sealed here, on start.
func (a *App) wireWithdrawal() error {
	box, err := sealed.New(a.Config.Secret, "payout_accounts")
	if err != nil {
		return err
	}
	a.Withdrawals = withdrawal.NewService(a.DB.Gorm, a.Referral, a.Members, a.Notify, a.Admins, box)
	if a.WeChatPay != nil {
		a.Withdrawals.SetPayout(withdrawal.KindWeChat, providers.WeChatPayout{Client: a.WeChatPay, AppID: a.WeChatPayID.AppID,
			OpenIDs: a.Members, NotifyURL: a.Config.BaseURL + "/api/pay/notify/wechatpay"})
	}
	if a.Alipay != nil {
		a.Withdrawals.SetPayout(withdrawal.KindAlipay, providers.AlipayPayout{Client: a.Alipay})
	}
	withdrawal.RegisterJobs(a.Jobs, a.Withdrawals)
	a.PayGateway.SetTransfers(a.Withdrawals)
	n, err := a.Withdrawals.SealLegacy(context.Background())
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("sealed payout accounts stored in plain text", "count", n)
	}
	return nil
}
