package alipay

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/smartwalle/alipay/v3"

	"fenxiao/internal/platform/money"
)

// TradeStatus is a trade's state reduced to what Fenxiao acts on.
type TradeStatus string

const (
	StatusPending TradeStatus = "pending" // WAIT_BUYER_PAY
	StatusPaid    TradeStatus = "paid"    // TRADE_SUCCESS, TRADE_FINISHED
	// StatusClosed: TRADE_CLOSED, an unpaid trade that timed out or was
	// closed, or a paid one refunded in full (Alipay does not tell them
	// apart; Fenxiao's own refund records do).
	StatusClosed TradeStatus = "closed"
)

// Trade is a normalized Alipay trade.
type Trade struct {
	OutTradeNo     string
	TradeNo        string // Alipay's number
	Status         TradeStatus
	State          string // Alipay's trade_status, for logs
	Amount         money.Fen
	BuyerPayAmount money.Fen // what the buyer paid; less than Amount with Alipay discounts
	ReceiptAmount  money.Fen // what the merchant receives
	BuyerLogonID   string    // masked, e.g. "138****0000"
	BuyerUserID    string
	PaidAt         time.Time // zero until paid
}

// TradeQuery asks Alipay for a trade: the active check that backs up
// notifications. Errors: ErrTradeNotExist (also for a payment URL the buyer
// has not opened yet).
func (c *Client) TradeQuery(ctx context.Context, outTradeNo string) (*Trade, error) {
	rsp, err := c.sdk.TradeQuery(ctx, sdk.TradeQuery{OutTradeNo: outTradeNo})
	if err != nil {
		return nil, wrapErr("trade query", err)
	}
	if err := check("trade query", rsp.Error); err != nil {
		return nil, err
	}
	t := &Trade{OutTradeNo: rsp.OutTradeNo, TradeNo: rsp.TradeNo, State: string(rsp.TradeStatus),
		Status: normalizeTradeStatus(string(rsp.TradeStatus)), BuyerLogonID: rsp.BuyerLogonId, BuyerUserID: rsp.BuyerUserId}
	if t.OutTradeNo != outTradeNo {
		return nil, fmt.Errorf("alipay trade query: answer is for trade %q", t.OutTradeNo)
	}
	if t.Amount, err = YuanToFen(rsp.TotalAmount); err != nil {
		return nil, fmt.Errorf("alipay trade query: total_amount: %w", err)
	}
	for _, a := range []struct {
		s   string
		dst *money.Fen
	}{{rsp.BuyerPayAmount, &t.BuyerPayAmount}, {rsp.ReceiptAmount, &t.ReceiptAmount}} {
		if a.s == "" {
			continue // absent until paid
		}
		if *a.dst, err = YuanToFen(a.s); err != nil {
			return nil, fmt.Errorf("alipay trade query: %w", err)
		}
	}
	t.PaidAt = parseTime(rsp.SendPayDate)
	return t, nil
}

// TradeClose closes an unpaid trade. Errors: ErrTradeNotExist (the buyer
// never opened the payment URL: nothing to close), ErrTradeStatus (paid).
func (c *Client) TradeClose(ctx context.Context, outTradeNo string) error {
	if outTradeNo == "" {
		return errors.New("alipay: out_trade_no is required")
	}
	rsp, err := c.sdk.TradeClose(ctx, sdk.TradeClose{OutTradeNo: outTradeNo})
	if err != nil {
		return wrapErr("trade close", err)
	}
	return check("trade close", rsp.Error)
}

func normalizeTradeStatus(s string) TradeStatus {
	switch s {
	case "TRADE_SUCCESS", "TRADE_FINISHED":
		return StatusPaid
	case "TRADE_CLOSED":
		return StatusClosed
	default:
		return StatusPending
	}
}

// parseTime reads Alipay's "2006-01-02 15:04:05" Beijing times; an empty
// or odd value is zero.
func parseTime(s string) time.Time {
	t, err := time.ParseInLocation(time.DateTime, s, beijing)
	if err != nil {
		return time.Time{}
	}
	return t
}
