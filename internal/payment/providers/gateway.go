// Package gateway receives payment providers' notifications over HTTP:
// it verifies them with the provider's adapter, hands payments to
// payment.Service.Confirm and answers each provider exactly as its
// protocol requires (WeChat Pay: 204, or an error status with a FAIL body
// so it retries; Alipay: the body "success", anything else is retried).
package providers

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// Confirmer applies verified confirmations (payment.Service).
type Confirmer interface {
	// ConfirmNotification applies a verified notification (together with
	// those arriving at the same time) and returns once it is committed.
	ConfirmNotification(ctx context.Context, c payment.Confirmation, want payment.Identity) (payment.Outcome, error)
	NotificationRejected(ctx context.Context, provider, reason string) error
}

// Gateway holds the configured providers; either may be nil.
type Gateway struct {
	payments  Confirmer
	refunds   Refunds
	transfers Transfers // set by SetTransfers
	wechat    *wechatpay.Client
	wechatID  payment.Identity
	alipay    *alipay.Client
	log       *slog.Logger
}

// New returns a Gateway. wechatID is the app and merchant WeChat Pay
// notifications must name.
func New(payments PaymentsAndRefunds, wechat *wechatpay.Client, wechatID payment.Identity, ali *alipay.Client, log *slog.Logger) *Gateway {
	return &Gateway{payments: payments, refunds: payments, wechat: wechat, wechatID: wechatID, alipay: ali, log: log}
}

// PaymentsAndRefunds is payment.Service as the gateway uses it.
type PaymentsAndRefunds interface {
	Confirmer
	Refunds
}

// WeChat handles POST /api/pay/notify/wechatpay.
func (g *Gateway) WeChat(w http.ResponseWriter, r *http.Request) {
	if g.wechat == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	n, err := g.wechat.ParseNotification(ctx, r)
	if err != nil {
		// The adapter's errors carry no request dump, so they may be logged.
		g.rejected(ctx, wechatpay.ProviderName, err)
		wechatpay.Nack(w, http.StatusUnauthorized, "notification verification failed")
		return
	}
	if err := g.applyWeChat(ctx, n); err != nil {
		wechatpay.Nack(w, http.StatusInternalServerError, "temporarily unable to record the notification")
		return
	}
	wechatpay.Ack(w)
}

// applyWeChat dispatches a verified WeChat Pay notification by kind; only
// an error worth a retry by WeChat comes back.
func (g *Gateway) applyWeChat(ctx context.Context, n *wechatpay.Notification) error {
	switch {
	case n.Kind == wechatpay.KindPayment && n.Trade != nil && n.Trade.Status == wechatpay.StatusPaid:
		return g.confirm(ctx, wechatConfirmation(n.Trade), g.wechatID)
	case n.Kind == wechatpay.KindRefund && n.Refund != nil:
		return g.wechatRefund(ctx, n.Refund)
	case n.Kind == wechatpay.KindTransfer && n.Transfer != nil:
		return g.wechatTransfer(ctx, n.Transfer)
	}
	g.log.Info("wechat pay notification needs no action", "kind", n.Kind, "event", n.EventType)
	return nil
}

// Alipay handles POST /api/pay/notify/alipay.
func (g *Gateway) Alipay(w http.ResponseWriter, r *http.Request) {
	if g.alipay == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	n, err := g.alipay.ParseNotification(ctx, r)
	if err != nil {
		g.rejected(ctx, alipay.ProviderName, err)
		http.Error(w, "fail", http.StatusBadRequest)
		return
	}
	if err := g.applyAlipay(ctx, n); err != nil {
		http.Error(w, "fail", http.StatusInternalServerError)
		return
	}
	alipay.Ack(w)
}

// applyAlipay dispatches a verified Alipay notification: a refund
// notification names the trade, a payment one confirms it.
func (g *Gateway) applyAlipay(ctx context.Context, n *alipay.Notification) error {
	switch {
	case n.IsRefund():
		return g.alipayRefund(ctx, n)
	case n.Status == alipay.StatusPaid:
		return g.confirm(ctx, alipayConfirmation(n), payment.Identity{})
	}
	g.log.Info("alipay notification needs no action", "trade_status", n.State)
	return nil
}

// confirm applies c; only an infrastructure error (worth a retry by the
// provider) comes back. Rejections were alerted by Confirm.
func (g *Gateway) confirm(ctx context.Context, c payment.Confirmation, want payment.Identity) error {
	out, err := g.payments.ConfirmNotification(ctx, c, want)
	if err != nil {
		g.log.Error("payment notification not recorded; the provider will retry", "provider", c.Provider, "out_trade_no", c.OutTradeNo, "err", err)
		return err
	}
	g.log.Info("payment notification", "provider", c.Provider, "out_trade_no", c.OutTradeNo, "outcome", out)
	return nil
}

func (g *Gateway) rejected(ctx context.Context, provider string, cause error) {
	g.log.Warn("payment notification rejected", "provider", provider, "err", cause)
	if err := g.payments.NotificationRejected(ctx, provider, cause.Error()); err != nil {
		g.log.Error("record rejected notification", "provider", provider, "err", err)
	}
}

// wechatConfirmation keeps the verified trade for audit, without the
// payer's openid (personal data the audit does not need).
func wechatConfirmation(t *wechatpay.Trade) payment.Confirmation {
	kept := *t
	kept.PayerOpenID = ""
	raw, _ := json.Marshal(kept)
	return payment.Confirmation{Provider: wechatpay.ProviderName, Source: payment.SourceNotification, OutTradeNo: t.OutTradeNo,
		TransactionID: t.TransactionID, Amount: t.Amount, AppID: t.AppID, MchID: t.MchID, PaidAt: t.SuccessTime, Raw: string(raw)}
}

// alipayConfirmation keeps the verified notification without the buyer's
// account. App id and seller were checked by the adapter.
func alipayConfirmation(n *alipay.Notification) payment.Confirmation {
	kept := *n
	kept.BuyerLogonID, kept.BuyerID = "", ""
	raw, _ := json.Marshal(kept)
	return payment.Confirmation{Provider: alipay.ProviderName, Source: payment.SourceNotification, OutTradeNo: n.OutTradeNo,
		TransactionID: n.TradeNo, Amount: n.Amount, PaidAt: n.PaidAt, Raw: string(raw)}
}
