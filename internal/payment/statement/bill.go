package statement

import (
	"context"
	"errors"
	"time"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/money"
)

// line is one side's record of one payment or refund: the unit compared.
type line struct {
	entry      Entry
	key        string // out_trade_no (payment) or out_refund_no (refund)
	outTradeNo string
	ref        string // the provider's transaction or refund id
	amount     money.Fen
	status     string
	// done: the money moved (a successful trade or refund). Our lines are
	// always done; a bill line may not be (revoked, refund processing).
	done bool
	at   time.Time // ours: when it was paid or succeeded
}

// biller fetches one provider's bill of a day as lines. noBill reports
// that the provider has no bill for the day because nothing happened.
type biller interface {
	bill(ctx context.Context, day time.Time) (lines []line, noBill bool, err error)
}

// wechatBiller reads WeChat Pay's trade bill (bill_type ALL).
type wechatBiller struct{ c *wechatpay.Client }

func (w wechatBiller) bill(ctx context.Context, day time.Time) ([]line, bool, error) {
	b, err := w.c.TradeBill(ctx, day)
	// ErrNoStatement also covers STATEMENT_CREATING and a vanished download:
	// only NO_STATEMENT_EXIST means an empty day; the rest is retried.
	var we *wechatpay.Error
	if errors.As(err, &we) && we.Code == "NO_STATEMENT_EXIST" {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	return wechatLines(b), false, nil
}

func wechatLines(b *wechatpay.Bill) []line {
	out := make([]line, 0, len(b.Rows))
	for _, r := range b.Rows {
		if r.IsRefund() {
			// An empty status means the bill type lacks the column; the row
			// is there because the refund was made.
			out = append(out, line{entry: EntryRefund, key: r.OutRefundNo, outTradeNo: r.OutTradeNo, ref: r.RefundID,
				amount: r.RefundAmount, status: r.RefundStatus, done: r.RefundStatus == "SUCCESS" || r.RefundStatus == ""})
			continue
		}
		// 订单金额 is the order's total, what our payments record; bills
		// without that column only have 应结订单金额 (total less coupons).
		amount := r.OrderAmount
		if amount == 0 {
			amount = r.SettledAmount
		}
		out = append(out, line{entry: EntryPayment, key: r.OutTradeNo, outTradeNo: r.OutTradeNo, ref: r.TransactionID,
			amount: amount, status: r.TradeState, done: r.TradeState == "SUCCESS"})
	}
	return out
}

// alipayBiller reads Alipay's trade bill (business detail).
type alipayBiller struct{ c *alipay.Client }

func (a alipayBiller) bill(ctx context.Context, day time.Time) ([]line, bool, error) {
	b, err := a.c.TradeBill(ctx, day)
	if errors.Is(err, alipay.ErrBillNotExist) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	return alipayLines(b), false, nil
}

// alipayTrade is the business type of a payment row.
const alipayTrade = "交易"

func alipayLines(b *alipay.Bill) []line {
	out := make([]line, 0, len(b.Rows))
	for _, r := range b.Rows {
		if r.IsRefund() {
			// Without out_request_no Alipay numbers a full refund by the
			// out_trade_no.
			key := r.RefundRequestNo
			if key == "" {
				key = r.OutTradeNo
			}
			// 商家实收 is the refund, negative; some exports also write the
			// refund as a negative 订单金额 instead of the trade's total.
			amount := -r.Received
			if r.Amount < 0 {
				amount = -r.Amount
			}
			out = append(out, line{entry: EntryRefund, key: key, outTradeNo: r.OutTradeNo, ref: r.TradeNo,
				amount: amount, status: r.Type, done: true})
			continue
		}
		out = append(out, line{entry: EntryPayment, key: r.OutTradeNo, outTradeNo: r.OutTradeNo, ref: r.TradeNo,
			amount: r.Amount, status: r.Type, done: r.Type == alipayTrade})
	}
	return out
}
