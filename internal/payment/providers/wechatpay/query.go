package wechatpay

import (
	"context"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/services/payments"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/jsapi"

	"fenxiao/internal/platform/money"
)

// TradeStatus is a trade's state reduced to what Fenxiao acts on.
type TradeStatus string

const (
	StatusPending  TradeStatus = "pending"  // NOTPAY, USERPAYING
	StatusPaid     TradeStatus = "paid"     // SUCCESS
	StatusClosed   TradeStatus = "closed"   // CLOSED, REVOKED, PAYERROR
	StatusRefunded TradeStatus = "refunded" // REFUND: paid, then (partly) refunded
)

// Trade is a normalized WeChat Pay transaction.
type Trade struct {
	OutTradeNo    string
	TransactionID string // empty until paid
	Status        TradeStatus
	State         string // WeChat's trade_state, for logs
	TradeType     string // JSAPI, MWEB, NATIVE
	Amount        money.Fen
	// PayerTotal is what the payer paid; less than Amount when a WeChat
	// coupon covered part of it.
	PayerTotal  money.Fen
	MchID       string
	AppID       string
	PayerOpenID string
	SuccessTime time.Time // zero until paid
}

// Query asks WeChat Pay for a trade by out_trade_no: the active check that
// backs up notifications, which can be late or lost.
// Errors: ErrTradeNotExist (also for an H5/Native trade never created).
func (c *Client) Query(ctx context.Context, outTradeNo string) (*Trade, error) {
	tx, _, err := c.jsapi.QueryOrderByOutTradeNo(ctx, jsapi.QueryOrderByOutTradeNoRequest{
		OutTradeNo: &outTradeNo, Mchid: &c.cfg.MchID})
	if err != nil {
		return nil, wrapErr("query", err, ErrTradeNotExist)
	}
	return tradeFrom(tx), nil
}

// Close closes an unpaid trade so it can no longer be paid (call it before
// giving up on an attempt). Closing twice is harmless.
// Errors: ErrTradePaid, ErrTradeNotExist.
func (c *Client) Close(ctx context.Context, outTradeNo string) error {
	// The close endpoint is the same for JSAPI, H5 and Native trades.
	_, err := c.jsapi.CloseOrder(ctx, jsapi.CloseOrderRequest{OutTradeNo: &outTradeNo, Mchid: &c.cfg.MchID})
	return wrapErr("close", err, ErrTradeNotExist)
}

func tradeFrom(tx *payments.Transaction) *Trade {
	t := &Trade{
		OutTradeNo: deref(tx.OutTradeNo), TransactionID: deref(tx.TransactionId), State: deref(tx.TradeState),
		TradeType: deref(tx.TradeType), MchID: deref(tx.Mchid), AppID: deref(tx.Appid),
	}
	t.Status = normalizeTradeState(t.State)
	if tx.Amount != nil {
		t.Amount = money.Fen(deref(tx.Amount.Total))
		t.PayerTotal = money.Fen(deref(tx.Amount.PayerTotal))
	}
	if tx.Payer != nil {
		t.PayerOpenID = deref(tx.Payer.Openid)
	}
	t.SuccessTime = parseTime(deref(tx.SuccessTime))
	return t
}

func normalizeTradeState(s string) TradeStatus {
	switch s {
	case "SUCCESS":
		return StatusPaid
	case "REFUND":
		return StatusRefunded
	case "CLOSED", "REVOKED", "PAYERROR":
		return StatusClosed
	default: // NOTPAY, USERPAYING, and anything new: keep waiting and query again
		return StatusPending
	}
}
