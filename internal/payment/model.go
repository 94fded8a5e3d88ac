// Package payment takes payments through providers and reports them to
// the order service through its one "paid" entry point, order.MarkPaid.
// Each attempt is a payments row with its own out_trade_no (what the
// provider knows the payment by); the attempt and the order become paid in
// the same transaction.
//
// Tables: payments, payment_confirmations, payment_alerts, payment_refunds.
package payment

import (
	"context"
	"time"

	"fenxiao/internal/platform/money"
)

// Status is a payment attempt's state.
type Status string

const (
	StatusPending Status = "pending"
	StatusPaid    Status = "paid"
	// StatusFailed: the provider refused to create the payment.
	StatusFailed Status = "failed"
	// StatusClosed: closed with the provider after the order was
	// cancelled; it can no longer be paid.
	StatusClosed Status = "closed"
)

// Statuses lists every attempt status.
var Statuses = []Status{StatusPending, StatusPaid, StatusFailed, StatusClosed}

// Payment is one payment attempt for an order.
type Payment struct {
	ID            int64      `json:"id"`
	OrderID       int64      `json:"order_id"`
	Provider      string     `json:"provider"`
	Method        string     `json:"method"`
	OutTradeNo    string     `json:"out_trade_no"`
	Amount        money.Fen  `json:"amount"`
	Status        Status     `json:"status"`
	TransactionID string     `json:"transaction_id"`
	PaidAt        *time.Time `json:"paid_at"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	// QueryCount and NextQueryAt schedule the questions to the provider
	// about a pending attempt (PollPending).
	QueryCount  int        `json:"-"`
	NextQueryAt *time.Time `json:"-"`
}

// TableName binds Payment to its table.
func (Payment) TableName() string { return "payments" }

// Method is a way to pay offered to the shopper.
type Method struct {
	Method   string `json:"method"`
	Provider string `json:"provider"`
	Label    string `json:"label"`
	// Sandbox marks the fake provider: no real money moves.
	Sandbox bool `json:"sandbox"`
}

// Attempt is what a provider needs to start a payment.
type Attempt struct {
	OutTradeNo  string
	OrderNo     string
	Method      string
	Amount      money.Fen
	Description string
	ExpiresAt   time.Time
	Payer       Payer
}

// Payer is who is paying, as far as a provider needs to know: the WeChat
// openid (JSAPI) and the browser's IP (H5). Never logged.
type Payer struct {
	OpenID   string
	ClientIP string
}

type payerKey struct{}

// WithPayer attaches the payer of the request to ctx for Pay.
func WithPayer(ctx context.Context, p Payer) context.Context {
	return context.WithValue(ctx, payerKey{}, p)
}

func payerFrom(ctx context.Context) Payer {
	p, _ := ctx.Value(payerKey{}).(Payer)
	return p
}

// Payload is what the client needs to complete the payment with the
// provider (a JSAPI parameter set, a redirect URL, ...), passed through as is.
type Payload map[string]any

// Provider is one payment provider (sandbox, WeChat Pay, Alipay). It only
// starts payments; confirmations come back through the Service.
type Provider interface {
	Name() string
	Methods() []Method
	Create(ctx context.Context, a Attempt) (Payload, error)
}
