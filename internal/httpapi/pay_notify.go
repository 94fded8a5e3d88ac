package httpapi

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// PayProviders are the configured provider clients whose notifications the
// server receives; either may be nil (its receiver then answers 404).
type PayProviders struct {
	WeChat *wechatpay.Client
	// WeChatID is the app and merchant WeChat Pay notifications must name.
	WeChatID payment.Identity
	Alipay   *alipay.Client
}

// mountPayNotify receives the providers' notifications. There is no
// session and no CSRF: the provider's signature is the authentication.
// Each answer follows the provider's protocol (WeChat Pay: 204, or an
// error status with a FAIL body so it retries; Alipay: the body "success",
// anything else is retried), and comes only after the notification's
// effect has committed.
func (s *Server) mountPayNotify() {
	s.handle(op{Method: "POST", Path: "/api/pay/notify/wechatpay", Tag: "payment-notifications", Auth: authExternal,
		Summary: "WeChat Pay v3 notifications: signature (public key or platform certificate), timestamp and APIv3 decryption verified, then app id, merchant id and amount compared with the attempt. 204 when recorded; 401 FAIL when verification fails (alerted); 500 FAIL when it cannot be recorded now, so WeChat retries. 404 when WeChat Pay is not configured"},
		s.wechatPayNotify)
	s.handle(op{Method: "POST", Path: "/api/pay/notify/alipay", Tag: "payment-notifications", Auth: authExternal,
		Summary: "Alipay notifications (form POST, verified from the body only): body success when recorded; fail otherwise, so Alipay retries. 404 when Alipay is not configured"},
		s.alipayNotify)
}

func (s *Server) wechatPayNotify(c *gin.Context) {
	wx := s.deps.PayProviders.WeChat
	if wx == nil {
		http.NotFound(c.Writer, c.Request)
		return
	}
	ctx := c.Request.Context()
	n, err := wx.ParseNotification(ctx, c.Request)
	if err != nil {
		// The adapter's errors carry no request dump, so they may be logged.
		s.notificationRejected(ctx, wechatpay.ProviderName, err)
		wechatpay.Nack(c.Writer, http.StatusUnauthorized, "notification verification failed")
		return
	}
	if err := s.applyWeChatPay(ctx, n); err != nil {
		wechatpay.Nack(c.Writer, http.StatusInternalServerError, "temporarily unable to record the notification")
		return
	}
	wechatpay.Ack(c.Writer)
}

// applyWeChatPay dispatches a verified WeChat Pay notification by kind;
// only an error worth a retry by WeChat comes back.
func (s *Server) applyWeChatPay(ctx context.Context, n *wechatpay.Notification) error {
	switch {
	case n.Kind == wechatpay.KindPayment && n.Trade != nil && n.Trade.Status == wechatpay.StatusPaid:
		return s.confirmPayment(ctx, providers.WeChatConfirmation(n.Trade), s.deps.PayProviders.WeChatID)
	case n.Kind == wechatpay.KindRefund && n.Refund != nil:
		// Its content is authoritative (signed and encrypted by WeChat).
		err := s.deps.Payments.RefundNotified(ctx, wechatpay.ProviderName, n.Refund.OutTradeNo, providers.WeChatRefundResult(n.Refund))
		if err != nil {
			s.deps.Log.Error("refund notification not recorded; WeChat Pay will retry", "out_refund_no", n.Refund.OutRefundNo, "err", err)
		}
		return err
	case n.Kind == wechatpay.KindTransfer && n.Transfer != nil:
		return s.wechatTransferNotified(ctx, n.Transfer)
	}
	s.deps.Log.Info("wechat pay notification needs no action", "kind", n.Kind, "event", n.EventType)
	return nil
}

// wechatTransferNotified applies a verified transfer-bill notification
// (MCHTRANSFER.BILL.FINISHED): the payout it settles is found by
// out_bill_no. An error makes WeChat deliver it again.
func (s *Server) wechatTransferNotified(ctx context.Context, t *wechatpay.Transfer) error {
	s.deps.Log.Info("wechat pay transfer notification", "out_bill_no", t.OutBillNo, "state", t.State)
	err := s.deps.Withdrawals.TransferNotified(ctx, wechatpay.ProviderName, t.OutBillNo, providers.WeChatTransferResult(t))
	if err != nil {
		s.deps.Log.Error("transfer notification not recorded; WeChat Pay will retry", "out_bill_no", t.OutBillNo, "err", err)
	}
	return err
}

func (s *Server) alipayNotify(c *gin.Context) {
	ali := s.deps.PayProviders.Alipay
	if ali == nil {
		http.NotFound(c.Writer, c.Request)
		return
	}
	ctx := c.Request.Context()
	n, err := ali.ParseNotification(ctx, c.Request)
	if err != nil {
		s.notificationRejected(ctx, alipay.ProviderName, err)
		http.Error(c.Writer, "fail", http.StatusBadRequest)
		return
	}
	if err := s.applyAlipay(ctx, n); err != nil {
		http.Error(c.Writer, "fail", http.StatusInternalServerError)
		return
	}
	alipay.Ack(c.Writer)
}

// applyAlipay dispatches a verified Alipay notification: a refund
// notification names the trade, a payment one confirms it.
func (s *Server) applyAlipay(ctx context.Context, n *alipay.Notification) error {
	switch {
	case n.IsRefund():
		// It carries the trade's cumulative refund_fee, not each refund's
		// outcome, so the trade's processing refunds are queried.
		err := s.deps.Payments.CheckRefunds(ctx, alipay.ProviderName, n.OutTradeNo)
		if err != nil {
			s.deps.Log.Error("refund notification not applied; Alipay will retry", "out_trade_no", n.OutTradeNo, "err", err)
		}
		return err
	case n.Status == alipay.StatusPaid:
		return s.confirmPayment(ctx, providers.AlipayConfirmation(n), payment.Identity{})
	}
	s.deps.Log.Info("alipay notification needs no action", "trade_status", n.State)
	return nil
}

// confirmPayment applies c (with the notifications arriving at the same
// time, payment.Service.ConfirmNotification); only an infrastructure error
// (worth a retry by the provider) comes back. Rejections were alerted.
func (s *Server) confirmPayment(ctx context.Context, c payment.Confirmation, want payment.Identity) error {
	out, err := s.deps.Payments.ConfirmNotification(ctx, c, want)
	if err != nil {
		s.deps.Log.Error("payment notification not recorded; the provider will retry", "provider", c.Provider, "out_trade_no", c.OutTradeNo, "err", err)
		return err
	}
	s.deps.Log.Info("payment notification", "provider", c.Provider, "out_trade_no", c.OutTradeNo, "outcome", out)
	return nil
}

func (s *Server) notificationRejected(ctx context.Context, provider string, cause error) {
	s.deps.Log.Warn("payment notification rejected", "provider", provider, "err", cause)
	if err := s.deps.Payments.NotificationRejected(ctx, provider, cause.Error()); err != nil {
		s.deps.Log.Error("record rejected notification", "provider", provider, "err", err)
	}
}
