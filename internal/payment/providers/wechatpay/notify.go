package wechatpay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/services/payments"

	"fenxiao/internal/platform/money"
)

// Notification failures. All of them match ErrInvalidNotification; their
// text never contains the request's headers or body (the SDK's own error
// does, so it is never passed on).
var (
	ErrInvalidNotification   = errors.New("wechatpay: invalid notification")
	ErrNotificationMalformed = fmt.Errorf("%w: malformed headers or body", ErrInvalidNotification)
	ErrNotificationStale     = fmt.Errorf("%w: timestamp outside the 5 minute window", ErrInvalidNotification)
	ErrNotificationSignature = fmt.Errorf("%w: signature does not verify", ErrInvalidNotification)
	ErrNotificationDecrypt   = fmt.Errorf("%w: resource does not decrypt with the APIv3 key", ErrInvalidNotification)
	ErrNotificationMerchant  = fmt.Errorf("%w: addressed to another merchant or app", ErrInvalidNotification)
)

// Notifications are small JSON documents; anything bigger is not WeChat.
const maxNotificationBytes = 64 << 10

// The SDK allows 5 minutes of clock difference; so do we.
const notificationWindow = 5 * time.Minute

// NotificationKind says which field of a Notification is set.
type NotificationKind string

const (
	KindPayment  NotificationKind = "payment"  // event TRANSACTION.*
	KindRefund   NotificationKind = "refund"   // events REFUND.*
	KindTransfer NotificationKind = "transfer" // event MCHTRANSFER.BILL.FINISHED
)

// Notification is a verified, decrypted WeChat Pay notification. WeChat
// retries for about 24 hours and duplicates happen: apply it idempotently.
type Notification struct {
	ID        string
	EventType string
	Kind      NotificationKind
	Trade     *Trade    // KindPayment
	Refund    *Refund   // KindRefund
	Transfer  *Transfer // KindTransfer
}

type envelope struct {
	ID        string `json:"id"`
	EventType string `json:"event_type"`
	Resource  *struct {
		Algorithm string `json:"algorithm"`
		Nonce     string `json:"nonce"`
	} `json:"resource"`
}

// ParseNotification verifies a notification's signature and timestamp,
// decrypts it with the APIv3 key and returns it normalized. It checks that
// the notification is for this merchant. Acknowledge with Ack; answer Nack to
// make WeChat retry. Errors match ErrInvalidNotification.
func (c *Client) ParseNotification(ctx context.Context, r *http.Request) (*Notification, error) {
	if r == nil || r.Body == nil {
		return nil, ErrNotificationMalformed
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxNotificationBytes+1))
	if err != nil || len(body) > maxNotificationBytes {
		return nil, ErrNotificationMalformed
	}
	var env envelope
	// The SDK dereferences resource and hands the nonce to AES-GCM, which
	// panics on a nonce that is not 12 bytes: refuse those shapes first.
	if json.Unmarshal(body, &env) != nil || env.Resource == nil || len(env.Resource.Nonce) != 12 {
		return nil, ErrNotificationMalformed
	}
	if err := checkTimestamp(r.Header.Get("Wechatpay-Timestamp"), time.Now()); err != nil {
		return nil, err
	}
	// Verify separately from decrypting, so a bad signature and a wrong
	// APIv3 key are told apart without reading the SDK's error text.
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := c.validator.Validate(ctx, r); err != nil {
		return nil, ErrNotificationSignature
	}
	var plain json.RawMessage
	r.Body = io.NopCloser(bytes.NewReader(body))
	if _, err := c.notify.ParseNotifyRequest(ctx, r, &plain); err != nil {
		return nil, ErrNotificationDecrypt
	}
	n := &Notification{ID: env.ID, EventType: env.EventType}
	if err := c.decodeResource(n, plain); err != nil {
		return nil, err
	}
	return n, nil
}

func checkTimestamp(header string, now time.Time) error {
	ts, err := strconv.ParseInt(strings.TrimSpace(header), 10, 64)
	if err != nil {
		return ErrNotificationMalformed
	}
	d := now.Sub(time.Unix(ts, 0))
	if d >= notificationWindow || d <= -notificationWindow {
		return ErrNotificationStale
	}
	return nil
}

func (c *Client) decodeResource(n *Notification, plain []byte) error {
	switch {
	case strings.HasPrefix(n.EventType, "TRANSACTION."):
		var tx payments.Transaction
		if json.Unmarshal(plain, &tx) != nil {
			return ErrNotificationMalformed
		}
		n.Kind, n.Trade = KindPayment, tradeFrom(&tx)
		if n.Trade.MchID != c.cfg.MchID || n.Trade.AppID != c.cfg.AppID {
			return ErrNotificationMerchant
		}
	case strings.HasPrefix(n.EventType, "REFUND."):
		var rn refundNotice
		if json.Unmarshal(plain, &rn) != nil {
			return ErrNotificationMalformed
		}
		n.Kind, n.Refund = KindRefund, rn.refund()
		if rn.MchID != c.cfg.MchID {
			return ErrNotificationMerchant
		}
	case strings.HasPrefix(n.EventType, "MCHTRANSFER."):
		var tb transferBill
		if json.Unmarshal(plain, &tb) != nil {
			return ErrNotificationMalformed
		}
		n.Kind, n.Transfer = KindTransfer, tb.transfer()
		if tb.MchID != c.cfg.MchID {
			return ErrNotificationMerchant
		}
	default:
		return fmt.Errorf("%w: unsupported event type", ErrInvalidNotification)
	}
	return nil
}

// refundNotice is the decrypted resource of REFUND.* notifications (the SDK
// has no model for it).
type refundNotice struct {
	MchID               string `json:"mchid"`
	OutTradeNo          string `json:"out_trade_no"`
	TransactionID       string `json:"transaction_id"`
	OutRefundNo         string `json:"out_refund_no"`
	RefundID            string `json:"refund_id"`
	RefundStatus        string `json:"refund_status"`
	SuccessTime         string `json:"success_time"`
	UserReceivedAccount string `json:"user_received_account"`
	Amount              struct {
		Total       int64 `json:"total"`
		Refund      int64 `json:"refund"`
		PayerRefund int64 `json:"payer_refund"`
	} `json:"amount"`
}

func (rn refundNotice) refund() *Refund {
	return &Refund{OutRefundNo: rn.OutRefundNo, RefundID: rn.RefundID, OutTradeNo: rn.OutTradeNo,
		TransactionID: rn.TransactionID, State: rn.RefundStatus, Status: normalizeRefundState(rn.RefundStatus),
		Amount: money.Fen(rn.Amount.Refund), Total: money.Fen(rn.Amount.Total), PayerRefund: money.Fen(rn.Amount.PayerRefund),
		Account: rn.UserReceivedAccount, SuccessTime: parseTime(rn.SuccessTime)}
}

// Ack acknowledges a notification: WeChat stops retrying on 2xx.
func Ack(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// Nack makes WeChat retry later (15s, 15s, 30s, 3m, ... for about 24 hours).
// message is shown in the merchant portal; keep it free of secrets.
func Nack(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"code": "FAIL", "message": message})
}

// parseTime reads WeChat's RFC 3339 times; a missing or odd value is zero.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
