package alipay

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/smartwalle/alipay/v3"

	"fenxiao/internal/platform/money"
)

// RefundRequest refunds part or all of a paid trade. OutRequestNo is the
// idempotency key: retrying with the same number and amount returns the
// first result (FundChange false) instead of refunding twice, so generate it
// once and store it before calling.
type RefundRequest struct {
	OutTradeNo   string
	OutRequestNo string
	Amount       money.Fen
	Reason       string
}

// Refund is a normalized refund result.
type Refund struct {
	OutTradeNo   string
	TradeNo      string
	OutRequestNo string
	Amount       money.Fen // this refund
	// RefundedTotal is everything refunded on the trade so far (refund_fee).
	RefundedTotal money.Fen
	// FundChange is false when Alipay moved no money this time: a repeated
	// request, already done.
	FundChange bool
	Success    bool // the refund is done (REFUND_SUCCESS)
	RefundedAt time.Time
}

// TradeRefund refunds synchronously: a nil error means the money went back.
// Errors: ErrTradeNotExist, ErrTradeStatus (not paid), ErrRefundExceeds,
// ErrRefundConflict (number reused with another amount),
// ErrInsufficientBalance.
func (c *Client) TradeRefund(ctx context.Context, req RefundRequest) (*Refund, error) {
	if req.OutTradeNo == "" || req.OutRequestNo == "" {
		return nil, errors.New("alipay: refund needs out_trade_no and out_request_no")
	}
	if req.Amount <= 0 {
		return nil, errors.New("alipay: refund amount must be positive")
	}
	rsp, err := c.sdk.TradeRefund(ctx, sdk.TradeRefund{OutTradeNo: req.OutTradeNo, OutRequestNo: req.OutRequestNo,
		RefundAmount: FenToYuan(req.Amount), RefundReason: req.Reason})
	if err != nil {
		return nil, wrapErr("trade refund", err)
	}
	if err := check("trade refund", rsp.Error); err != nil {
		return nil, err
	}
	r := &Refund{OutTradeNo: rsp.OutTradeNo, TradeNo: rsp.TradeNo, OutRequestNo: req.OutRequestNo, Amount: req.Amount,
		FundChange: rsp.FundChange == "Y", Success: true}
	if r.RefundedTotal, err = YuanToFen(rsp.RefundFee); err != nil {
		return nil, fmt.Errorf("alipay trade refund: refund_fee: %w", err)
	}
	return r, nil
}

// QueryRefund looks up one refund (alipay.trade.fastpay.refund.query).
// Alipay answers success without refund_status for a refund it never
// received or that failed: that is ErrRefundNotExist (retrying TradeRefund
// with the same OutRequestNo is then safe). Errors: ErrTradeNotExist,
// ErrRefundNotExist.
func (c *Client) QueryRefund(ctx context.Context, outTradeNo, outRequestNo string) (*Refund, error) {
	rsp, err := c.sdk.TradeFastPayRefundQuery(ctx, sdk.TradeFastPayRefundQuery{OutTradeNo: outTradeNo, OutRequestNo: outRequestNo})
	if err != nil {
		return nil, wrapErr("refund query", err)
	}
	if err := check("refund query", rsp.Error); err != nil {
		return nil, err
	}
	if rsp.RefundStatus != "REFUND_SUCCESS" {
		return nil, &Error{Op: "refund query", Code: string(rsp.Code), SubCode: "REFUND_NOT_FOUND",
			SubMsg: "no refund_status in the answer", kind: ErrRefundNotExist}
	}
	r := &Refund{OutTradeNo: rsp.OutTradeNo, TradeNo: rsp.TradeNo, OutRequestNo: rsp.OutRequestNo, Success: true,
		RefundedAt: parseTime(rsp.GMTRefundPay)}
	if r.Amount, err = YuanToFen(rsp.RefundAmount); err != nil {
		return nil, fmt.Errorf("alipay refund query: refund_amount: %w", err)
	}
	return r, nil
}
