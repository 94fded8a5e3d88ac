package providers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// Refund implements payment.Refunder. WeChat answers "processing" as a
// rule; the notification or a query brings the outcome.
func (w WeChatPay) Refund(ctx context.Context, r payment.RefundOrder) (payment.RefundResult, error) {
	res, err := w.Client.Refund(ctx, wechatpay.RefundRequest{OutTradeNo: r.OutTradeNo, OutRefundNo: r.OutRefundNo,
		Amount: r.Amount, Total: r.Total, Reason: r.Reason})
	if refused(err, wechatpay.ErrInvalidRequest, wechatpay.ErrTradeNotExist) {
		return payment.RefundResult{OutRefundNo: r.OutRefundNo, Status: payment.RefundFailed, Detail: err.Error()}, nil
	}
	if errors.Is(err, wechatpay.ErrInsufficientBalance) {
		return payment.RefundResult{}, fmt.Errorf("%w: %v", payment.ErrMerchantBalance, err)
	}
	if err != nil {
		return payment.RefundResult{}, err
	}
	return WeChatRefundResult(res), nil
}

// QueryRefund implements payment.Refunder.
func (w WeChatPay) QueryRefund(ctx context.Context, _, outRefundNo string) (*payment.RefundResult, error) {
	res, err := w.Client.QueryRefund(ctx, outRefundNo)
	if errors.Is(err, wechatpay.ErrRefundNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := WeChatRefundResult(res)
	return &out, nil
}

// WeChatRefundResult is a WeChat Pay refund (answer, query or verified
// notification) as a refund result.
func WeChatRefundResult(r *wechatpay.Refund) payment.RefundResult {
	out := payment.RefundResult{OutRefundNo: r.OutRefundNo, ProviderRefundID: r.RefundID, Amount: r.Amount, SucceededAt: r.SuccessTime}
	switch r.Status {
	case wechatpay.RefundSuccess:
		out.Status = payment.RefundSucceeded
	case wechatpay.RefundClosed:
		out.Status, out.Detail = payment.RefundFailed, "WeChat Pay refund "+r.State
	case wechatpay.RefundAbnormal:
		// Not final: the merchant re-routes the money in the WeChat Pay
		// portal, and WeChat then reports SUCCESS for the same refund.
		out.Status, out.NeedsMerchant = payment.RefundProcessing, true
		out.Detail = "WeChat Pay refund ABNORMAL: the money could not go back to the payer's account; handle it in the WeChat Pay merchant portal (退款异常，请在商户平台处理)"
	default:
		out.Status = payment.RefundProcessing
	}
	kept := *r
	kept.Account = "" // where the money went: the payer's card, not needed for audit
	raw, _ := json.Marshal(kept)
	out.Raw = string(raw)
	return out
}

// Refund implements payment.Refunder. Alipay refunds synchronously.
func (a Alipay) Refund(ctx context.Context, r payment.RefundOrder) (payment.RefundResult, error) {
	res, err := a.TradeRefund(ctx, alipay.RefundRequest{OutTradeNo: r.OutTradeNo, OutRequestNo: r.OutRefundNo, Amount: r.Amount, Reason: r.Reason})
	if refused(err, alipay.ErrInvalidRequest, alipay.ErrTradeNotExist, alipay.ErrTradeStatus, alipay.ErrRefundExceeds, alipay.ErrRefundConflict) {
		return payment.RefundResult{OutRefundNo: r.OutRefundNo, Status: payment.RefundFailed, Detail: err.Error()}, nil
	}
	if errors.Is(err, alipay.ErrInsufficientBalance) {
		return payment.RefundResult{}, fmt.Errorf("%w: %v", payment.ErrMerchantBalance, err)
	}
	if err != nil {
		return payment.RefundResult{}, err
	}
	return alipayRefundResult(res), nil
}

// QueryRefund implements payment.Refunder.
func (a Alipay) QueryRefund(ctx context.Context, outTradeNo, outRefundNo string) (*payment.RefundResult, error) {
	res, err := a.Client.QueryRefund(ctx, outTradeNo, outRefundNo)
	if errors.Is(err, alipay.ErrRefundNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := alipayRefundResult(res)
	return &out, nil
}

func alipayRefundResult(r *alipay.Refund) payment.RefundResult {
	raw, _ := json.Marshal(r)
	return payment.RefundResult{OutRefundNo: r.OutRequestNo, Status: payment.RefundSucceeded, ProviderRefundID: r.TradeNo,
		Amount: r.Amount, SucceededAt: r.RefundedAt, Raw: string(raw)}
}

// refused reports whether err is one of the provider's definitive
// refusals (asking again cannot help).
func refused(err error, kinds ...error) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}
