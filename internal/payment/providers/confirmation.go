package providers

import (
	"encoding/json"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// WeChatConfirmation is a verified WeChat Pay trade as a confirmation; it keeps the verified trade for audit, without the
// payer's openid (personal data the audit does not need).
func WeChatConfirmation(t *wechatpay.Trade) payment.Confirmation {
	kept := *t
	kept.PayerOpenID = ""
	raw, _ := json.Marshal(kept)
	return payment.Confirmation{Provider: wechatpay.ProviderName, Source: payment.SourceNotification, OutTradeNo: t.OutTradeNo,
		TransactionID: t.TransactionID, Amount: t.Amount, AppID: t.AppID, MchID: t.MchID, PaidAt: t.SuccessTime, Raw: string(raw)}
}

// AlipayConfirmation is a verified Alipay notification as a confirmation; it keeps the verified notification without the buyer's
// account. App id and seller were checked by the adapter.
func AlipayConfirmation(n *alipay.Notification) payment.Confirmation {
	kept := *n
	kept.BuyerLogonID, kept.BuyerID = "", ""
	raw, _ := json.Marshal(kept)
	return payment.Confirmation{Provider: alipay.ProviderName, Source: payment.SourceNotification, OutTradeNo: n.OutTradeNo,
		TransactionID: n.TradeNo, Amount: n.Amount, PaidAt: n.PaidAt, Raw: string(raw)}
}
