package wechatpay

import (
	"context"
	"errors"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/services/refunddomestic"

	"fenxiao/internal/platform/money"
)

// RefundStatus is a refund's state.
type RefundStatus string

const (
	RefundProcessing RefundStatus = "processing"
	RefundSuccess    RefundStatus = "success"
	RefundClosed     RefundStatus = "closed"
	// RefundAbnormal: the money could not go back (for example the payer's
	// card was closed); it needs a manual transfer from the merchant portal.
	RefundAbnormal RefundStatus = "abnormal"
)

// RefundRequest refunds part or all of a paid trade. OutRefundNo is the
// idempotency key: retrying with the same number and amount returns the same
// refund instead of paying twice, so generate it once and store it before
// calling. Total is the trade's amount (WeChat checks it).
type RefundRequest struct {
	OutTradeNo  string
	OutRefundNo string
	Amount      money.Fen
	Total       money.Fen
	Reason      string
}

// Refund is a normalized WeChat Pay refund.
type Refund struct {
	OutRefundNo   string
	RefundID      string
	OutTradeNo    string
	TransactionID string
	Status        RefundStatus
	State         string // WeChat's status, for logs
	Amount        money.Fen
	Total         money.Fen
	PayerRefund   money.Fen
	Account       string // where the money went back ("支付用户零钱", a bank card, ...)
	SuccessTime   time.Time
}

// Refund asks WeChat Pay to refund. It usually answers "processing"; the
// outcome arrives by notification or QueryRefund.
// Errors: ErrTradeNotExist, ErrInvalidRequest (more than the refundable
// amount, or OutRefundNo reused with other parameters),
// ErrInsufficientBalance.
func (c *Client) Refund(ctx context.Context, req RefundRequest) (*Refund, error) {
	switch {
	case req.OutTradeNo == "" || req.OutRefundNo == "":
		return nil, errors.New("wechatpay: refund needs out_trade_no and out_refund_no")
	case req.Amount <= 0 || req.Amount > req.Total:
		return nil, errors.New("wechatpay: refund amount must be positive and at most the trade total")
	}
	create := refunddomestic.CreateRequest{
		OutTradeNo: &req.OutTradeNo, OutRefundNo: &req.OutRefundNo,
		Amount: &refunddomestic.AmountReq{Refund: core.Int64(int64(req.Amount)), Total: core.Int64(int64(req.Total)),
			Currency: core.String("CNY")},
	}
	if req.Reason != "" {
		create.Reason = &req.Reason
	}
	if c.cfg.RefundNotifyURL != "" {
		create.NotifyUrl = &c.cfg.RefundNotifyURL
	}
	r, _, err := c.refunds.Create(ctx, create)
	if err != nil {
		return nil, wrapErr("refund", err, ErrTradeNotExist)
	}
	return refundFrom(r), nil
}

// QueryRefund looks a refund up by out_refund_no. Errors: ErrRefundNotExist.
func (c *Client) QueryRefund(ctx context.Context, outRefundNo string) (*Refund, error) {
	r, _, err := c.refunds.QueryByOutRefundNo(ctx, refunddomestic.QueryByOutRefundNoRequest{OutRefundNo: &outRefundNo})
	if err != nil {
		return nil, wrapErr("query refund", err, ErrRefundNotExist)
	}
	return refundFrom(r), nil
}

func refundFrom(r *refunddomestic.Refund) *Refund {
	out := &Refund{OutRefundNo: deref(r.OutRefundNo), RefundID: deref(r.RefundId), OutTradeNo: deref(r.OutTradeNo),
		TransactionID: deref(r.TransactionId), Account: deref(r.UserReceivedAccount)}
	if r.Status != nil {
		out.State = string(*r.Status)
	}
	out.Status = normalizeRefundState(out.State)
	if r.Amount != nil {
		out.Amount = money.Fen(deref(r.Amount.Refund))
		out.Total = money.Fen(deref(r.Amount.Total))
		out.PayerRefund = money.Fen(deref(r.Amount.PayerRefund))
	}
	if r.SuccessTime != nil {
		out.SuccessTime = *r.SuccessTime
	}
	return out
}

func normalizeRefundState(s string) RefundStatus {
	switch s {
	case "SUCCESS":
		return RefundSuccess
	case "CLOSED":
		return RefundClosed
	case "ABNORMAL":
		return RefundAbnormal
	default:
		return RefundProcessing
	}
}
