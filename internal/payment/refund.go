package payment

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// RefundStatus is the state of a refund sent through a provider.
type RefundStatus string

const (
	RefundProcessing RefundStatus = "processing"
	RefundSucceeded  RefundStatus = "succeeded"
	RefundFailed     RefundStatus = "failed"
)

// Refund is money going back through the provider that took it: for an
// approved after-sales request (RefundRequestID set) or for a payment the
// order could not take (RefundRequestID nil). OutRefundNo never changes,
// so asking the provider again never refunds twice.
type Refund struct {
	ID               int64        `json:"id"`
	RefundRequestID  *int64       `json:"refund_request_id"`
	OrderID          int64        `json:"order_id"`
	PaymentID        int64        `json:"payment_id"`
	Provider         string       `json:"provider"`
	OutTradeNo       string       `json:"out_trade_no"`
	OutRefundNo      string       `json:"out_refund_no"`
	Amount           money.Fen    `json:"amount"`
	Total            money.Fen    `json:"total"`
	Reason           string       `json:"reason"`
	Status           RefundStatus `json:"status"`
	ProviderRefundID string       `json:"provider_refund_id"`
	LastError        string       `json:"last_error"`
	QueryCount       int          `json:"-"`
	NextQueryAt      *time.Time   `json:"-"`
	SucceededAt      *time.Time   `json:"succeeded_at"`
	Raw              string       `json:"-"`
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
}

// TableName binds Refund to its table.
func (Refund) TableName() string { return "payment_refunds" }

// RefundOrder is what a provider needs to refund.
type RefundOrder struct {
	OutTradeNo, OutRefundNo string
	Amount, Total           money.Fen
	Reason                  string
}

// RefundResult is a provider's verified word about one refund.
type RefundResult struct {
	OutRefundNo      string
	Status           RefundStatus
	ProviderRefundID string
	Amount           money.Fen
	SucceededAt      time.Time
	// Detail says why a refund failed (shown to the merchant and shopper).
	Detail string
	// NeedsMerchant: the refund is stuck until the merchant acts in the
	// provider's portal (WeChat's ABNORMAL: the payer's card was closed).
	// It stays processing, since it may still succeed, and is alerted.
	NeedsMerchant bool
	// Raw is kept for audit; providers strip personal data first.
	Raw string
}

// Refunder is a provider that can return money (WeChat Pay, Alipay).
type Refunder interface {
	// Refund asks for the refund; the same OutRefundNo never pays twice.
	// A definitive refusal comes back as a failed result; an error means
	// the outcome is unknown and the question must be asked again.
	Refund(ctx context.Context, r RefundOrder) (RefundResult, error)
	// QueryRefund returns nil when the provider never received the refund.
	QueryRefund(ctx context.Context, outTradeNo, outRefundNo string) (*RefundResult, error)
}

// RefundJobDelay is how long after the request the poll first asks about
// a refund the provider answered "processing" (its notification usually
// comes first).
const RefundJobDelay = time.Minute

// StartRefund implements order.RefundGateway: an approved request on an
// order paid through a provider that can refund becomes a processing
// refund, sent by the payment.refund job enqueued in tx. done is true for
// the sandbox and for payments no provider can refund (the approval
// completes the refund at once).
func (s *Service) StartRefund(ctx context.Context, tx *gorm.DB, o *order.Order, r *order.RefundRequest) (bool, error) {
	pay, err := paidAttempt(ctx, tx, o)
	if err != nil || pay == nil {
		return true, err
	}
	if _, ok := s.byName[pay.Provider].(Refunder); !ok {
		return true, nil
	}
	reqID := r.ID
	_, err = s.queueRefund(ctx, tx, pay, &reqID, r.RefundNo, r.Amount, "售后退款 "+r.RefundNo)
	return false, err
}

// paidAttempt is the attempt that paid o, or nil (an order marked paid
// without an attempt, by tests or older data).
func paidAttempt(ctx context.Context, tx *gorm.DB, o *order.Order) (*Payment, error) {
	var pay Payment
	err := tx.WithContext(ctx).Where("order_id = ? AND status = ? AND provider = ? AND transaction_id = ?",
		o.ID, StatusPaid, o.PayProvider, o.PayTransactionID).Take(&pay).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load the payment of order %d: %w", o.ID, err)
	}
	return &pay, nil
}

// queueRefund records a processing refund of pay and enqueues its sending
// in tx, so the refund exists exactly when the decision to make it does.
func (s *Service) queueRefund(ctx context.Context, tx *gorm.DB, pay *Payment, requestID *int64, outRefundNo string, amount money.Fen, reason string) (*Refund, error) {
	if s.jobs == nil {
		return nil, errors.New("payment jobs are not registered")
	}
	now := database.Now()
	next := now.Add(RefundJobDelay)
	rf := &Refund{RefundRequestID: requestID, OrderID: pay.OrderID, PaymentID: pay.ID, Provider: pay.Provider,
		OutTradeNo: pay.OutTradeNo, OutRefundNo: outRefundNo, Amount: amount, Total: pay.Amount, Reason: reason,
		Status: RefundProcessing, NextQueryAt: &next, CreatedAt: now, UpdatedAt: now}
	if err := tx.WithContext(ctx).Create(rf).Error; err != nil {
		if database.IsUniqueViolation(err) {
			return nil, apperr.Conflict("refund %s exists already", outRefundNo).WithReason("refund_exists")
		}
		return nil, fmt.Errorf("record refund %s: %w", outRefundNo, err)
	}
	if err := s.jobs.EnqueueTx(ctx, tx, RefundArgs{RefundID: rf.ID}, nil); err != nil {
		return nil, fmt.Errorf("enqueue refund %s: %w", outRefundNo, err)
	}
	return rf, nil
}

// Refunds lists the provider refunds of an order, oldest first.
func (s *Service) Refunds(ctx context.Context, orderID int64) ([]Refund, error) {
	out := []Refund{}
	if err := s.db.WithContext(ctx).Where("order_id = ?", orderID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list refunds of order %d: %w", orderID, err)
	}
	return out, nil
}

// ErrMerchantBalance: the provider refused a refund because the merchant's
// balance is too low. The refund stays processing (asked again on
// schedule) and the merchant is alerted to top up.
var ErrMerchantBalance = errors.New("the merchant's provider balance is too low for this refund")
