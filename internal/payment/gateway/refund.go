package gateway

import (
	"context"

	"fenxiao/internal/payment/alipay"
	"fenxiao/internal/payment/wechatpay"
)

// wechatRefund applies a verified WeChat Pay refund notification.
func (g *Gateway) wechatRefund(ctx context.Context, r *wechatpay.Refund) error {
	g.log.Info("wechat pay refund notification", "out_refund_no", r.OutRefundNo, "status", r.Status)
	return nil
}

// alipayRefund applies a verified Alipay refund notification.
func (g *Gateway) alipayRefund(ctx context.Context, n *alipay.Notification) error {
	g.log.Info("alipay refund notification", "out_trade_no", n.OutTradeNo)
	return nil
}
