package alipay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	sdk "github.com/smartwalle/alipay/v3"

	"fenxiao/internal/platform/money"
)

// Notification failures; all match ErrInvalidNotification and none repeats
// the form's content.
var (
	ErrInvalidNotification   = errors.New("alipay: invalid notification")
	ErrNotificationSignature = fmt.Errorf("%w: signature does not verify", ErrInvalidNotification)
	ErrNotificationMalformed = fmt.Errorf("%w: missing or malformed fields", ErrInvalidNotification)
	ErrNotificationApp       = fmt.Errorf("%w: addressed to another app or seller", ErrInvalidNotification)
)

// Notification forms are a few kilobytes.
const maxNotificationBytes = 64 << 10

// Notification is a verified trade_status_sync notification. Alipay sends
// one when a trade is paid and again after each refund (then OutBizNo is the
// refund's out_request_no and RefundFee is the total refunded). Retries run
// for about 25 hours and duplicates happen: apply it idempotently.
type Notification struct {
	NotifyID       string
	NotifyType     string
	OutTradeNo     string
	TradeNo        string
	State          string // trade_status
	Status         TradeStatus
	Amount         money.Fen // total_amount
	ReceiptAmount  money.Fen
	BuyerPayAmount money.Fen
	RefundFee      money.Fen
	OutBizNo       string
	BuyerLogonID   string
	BuyerID        string
	SellerID       string
	PaidAt         time.Time
	RefundedAt     time.Time
}

// IsRefund reports whether the notification is about a refund.
func (n *Notification) IsRefund() bool { return n.RefundFee > 0 || !n.RefundedAt.IsZero() }

// ParseNotification reads the POSTed form and verifies it. Only the body
// counts (r.PostForm): query parameters on the notify URL are not signed and
// would break verification. Acknowledge with Ack.
func (c *Client) ParseNotification(ctx context.Context, r *http.Request) (*Notification, error) {
	if r == nil || r.Body == nil {
		return nil, ErrNotificationMalformed
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxNotificationBytes)
	if r.ParseForm() != nil {
		return nil, ErrNotificationMalformed
	}
	return c.DecodeNotification(ctx, r.PostForm)
}

// DecodeNotification verifies a notification form (RSA2 over the sorted
// parameters except sign and sign_type) and checks it is for this app (and
// seller, when configured). Errors match ErrInvalidNotification.
func (c *Client) DecodeNotification(ctx context.Context, form url.Values) (*Notification, error) {
	if form.Get("sign") == "" {
		return nil, ErrNotificationSignature
	}
	values := form
	if !c.certMode {
		// alipay_cert_sn is not signed; in public-key mode an unknown one would
		// make the SDK download a certificate from Alipay in production.
		values = cloneValues(form)
		values.Del("alipay_cert_sn")
	}
	sn, err := c.sdk.DecodeNotification(ctx, values)
	if err != nil {
		return nil, ErrNotificationSignature
	}
	if sn.AppId != c.cfg.AppID || (c.cfg.SellerID != "" && sn.SellerId != c.cfg.SellerID) {
		return nil, ErrNotificationApp
	}
	return notificationFrom(sn)
}

func notificationFrom(sn *sdk.Notification) (*Notification, error) {
	if sn.OutTradeNo == "" || sn.TradeStatus == "" {
		return nil, ErrNotificationMalformed
	}
	n := &Notification{NotifyID: sn.NotifyId, NotifyType: sn.NotifyType, OutTradeNo: sn.OutTradeNo, TradeNo: sn.TradeNo,
		State: string(sn.TradeStatus), Status: normalizeTradeStatus(string(sn.TradeStatus)), OutBizNo: sn.OutBizNo,
		BuyerLogonID: sn.BuyerLogonId, BuyerID: sn.BuyerId, SellerID: sn.SellerId,
		PaidAt: parseTime(sn.GmtPayment), RefundedAt: parseTime(sn.GmtRefund)}
	var err error
	if n.Amount, err = YuanToFen(sn.TotalAmount); err != nil || n.Amount <= 0 {
		return nil, ErrNotificationMalformed
	}
	for _, a := range []struct {
		s   string
		dst *money.Fen
	}{{sn.ReceiptAmount, &n.ReceiptAmount}, {sn.BuyerPayAmount, &n.BuyerPayAmount}, {sn.RefundFee, &n.RefundFee}} {
		if a.s == "" {
			continue
		}
		if *a.dst, err = YuanToFen(a.s); err != nil {
			return nil, ErrNotificationMalformed
		}
	}
	return n, nil
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Ack tells Alipay the notification was handled: the exact body "success".
// Anything else makes it retry (4m, 10m, 10m, 1h, 2h, 6h, 15h).
func Ack(w http.ResponseWriter) { sdk.ACKNotification(w) }
