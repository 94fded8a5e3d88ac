package providers

import (
	"context"
	"errors"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// WeChatPay is the WeChat Pay provider with active queries
// (payment.Provider and payment.Querier).
type WeChatPay struct {
	*wechatpay.Client
	ID payment.Identity
}

// Identity implements payment.Querier.
func (w WeChatPay) Identity() payment.Identity { return w.ID }

// QueryPayment implements payment.Querier.
func (w WeChatPay) QueryPayment(ctx context.Context, outTradeNo string) (*payment.Confirmation, error) {
	t, err := w.Query(ctx, outTradeNo)
	if errors.Is(err, wechatpay.ErrTradeNotExist) {
		return nil, nil // an H5 or Native trade the shopper never opened
	}
	if err != nil {
		return nil, err
	}
	if t.Status != wechatpay.StatusPaid && t.Status != wechatpay.StatusRefunded {
		return nil, nil
	}
	c := WeChatConfirmation(t)
	return &c, nil
}

// ClosePayment implements payment.Querier.
func (w WeChatPay) ClosePayment(ctx context.Context, outTradeNo string) error {
	if err := w.Close(ctx, outTradeNo); err != nil && !errors.Is(err, wechatpay.ErrTradeNotExist) && !errors.Is(err, wechatpay.ErrTradeClosed) {
		return err
	}
	return nil
}

// Alipay is the Alipay provider with active queries.
type Alipay struct{ *alipay.Client }

// Identity implements payment.Querier: the adapter checks the app id.
func (Alipay) Identity() payment.Identity { return payment.Identity{} }

// QueryPayment implements payment.Querier.
func (a Alipay) QueryPayment(ctx context.Context, outTradeNo string) (*payment.Confirmation, error) {
	t, err := a.TradeQuery(ctx, outTradeNo)
	if errors.Is(err, alipay.ErrTradeNotExist) {
		return nil, nil // the buyer never opened the cashier
	}
	if err != nil {
		return nil, err
	}
	if t.Status != alipay.StatusPaid {
		return nil, nil
	}
	c := AlipayConfirmation(&alipay.Notification{OutTradeNo: t.OutTradeNo, TradeNo: t.TradeNo, State: t.State,
		Status: t.Status, Amount: t.Amount, ReceiptAmount: t.ReceiptAmount, BuyerPayAmount: t.BuyerPayAmount, PaidAt: t.PaidAt})
	return &c, nil
}

// ClosePayment implements payment.Querier.
func (a Alipay) ClosePayment(ctx context.Context, outTradeNo string) error {
	if err := a.TradeClose(ctx, outTradeNo); err != nil && !errors.Is(err, alipay.ErrTradeNotExist) && !errors.Is(err, alipay.ErrTradeClosed) {
		return err
	}
	return nil
}
