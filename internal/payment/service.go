package payment

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/order"
)

// SandboxProvider is the name of the fake provider (see payment/sandbox).
const SandboxProvider = "sandbox"

// Orders is what payments need from the order service.
type Orders interface {
	ShopperOrder(ctx context.Context, shopperID, orderID int64) (*order.Order, error)
	MarkPaid(ctx context.Context, tx *gorm.DB, orderID int64, p order.PaymentInfo) error
	MarkPaidBatch(ctx context.Context, tx *gorm.DB, items []order.PaidItem) error
	RestorePaid(ctx context.Context, tx *gorm.DB, orderID int64, p order.PaymentInfo) error
	CompleteRefund(ctx context.Context, tx *gorm.DB, refundID int64) error
	FailRefund(ctx context.Context, tx *gorm.DB, refundID int64, reason string) error
	Settings(ctx context.Context) (order.Settings, error)
}

// Service starts payment attempts and applies confirmations.
type Service struct {
	db        *gorm.DB
	orders    Orders
	providers []Provider
	byMethod  map[string]Provider
	byName    map[string]Provider
	jobs      Enqueuer // nil only in tests that never close trades or refund
	confirms  confirmQueue
}

// Enqueuer inserts a background job in the caller's transaction
// (jobs.Queue): trade closing and provider refunds.
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// NewService returns a Service offering the given providers' methods; q
// takes the jobs that close trades and send refunds (RegisterJobs gives
// the queue their workers).
func NewService(db *gorm.DB, orders Orders, q Enqueuer, providers ...Provider) *Service {
	s := &Service{db: db, orders: orders, jobs: q, providers: providers, byMethod: map[string]Provider{}, byName: map[string]Provider{}}
	for _, p := range providers {
		s.byName[p.Name()] = p
		for _, m := range p.Methods() {
			s.byMethod[m.Method] = p
		}
	}
	return s
}

// Methods lists the ways the shopper can pay one of their orders from
// client (see fits). Errors: not_found (also someone else's order).
func (s *Service) Methods(ctx context.Context, shopperID, orderID int64, client Client) ([]Method, error) {
	if _, err := s.orders.ShopperOrder(ctx, shopperID, orderID); err != nil {
		return nil, err
	}
	out := []Method{}
	for _, p := range s.providers {
		for _, m := range p.Methods() {
			if fits(m.Method, client) {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// Started is a new payment attempt and what the client needs to finish it.
type Started struct {
	Payment Payment `json:"payment"`
	Payload Payload `json:"payload"`
}

// Pay starts a payment attempt for one of the shopper's unpaid orders.
// Errors: not_found, invalid reason method_unavailable, conflict reason
// not_payable or order_expired, unavailable (the provider failed).
func (s *Service) Pay(ctx context.Context, shopperID, orderID int64, method string) (*Started, error) {
	o, err := s.orders.ShopperOrder(ctx, shopperID, orderID)
	if err != nil {
		return nil, err
	}
	p, ok := s.byMethod[method]
	if !ok {
		return nil, apperr.InvalidField("method", fmt.Sprintf("payment method %q is not available", method)).WithReason("method_unavailable")
	}
	if o.Status != order.StatusPendingPayment {
		return nil, (&order.NotPayableError{OrderID: o.ID, Status: o.Status}).Unwrap()
	}
	now := database.Now()
	if !now.Before(o.ExpiresAt) {
		return nil, apperr.Conflict("the payment window of this order has closed").WithReason("order_expired")
	}
	pay, err := s.insertAttempt(ctx, o, p.Name(), method)
	if err != nil {
		return nil, err
	}
	payload, err := p.Create(ctx, Attempt{OutTradeNo: pay.OutTradeNo, OrderNo: o.OrderNo, Method: method,
		Amount: pay.Amount, Description: "Order " + o.OrderNo, ExpiresAt: o.ExpiresAt, Payer: payerFrom(ctx)})
	if err != nil {
		s.db.WithContext(ctx).Model(&Payment{}).Where("id = ?", pay.ID).Updates(map[string]any{"status": StatusFailed, "updated_at": database.Now()})
		return nil, fmt.Errorf("%w (%v)", apperr.Unavailable("the payment provider is not answering; try again shortly"), err)
	}
	return &Started{Payment: *pay, Payload: payload}, nil
}

func (s *Service) insertAttempt(ctx context.Context, o *order.Order, provider, method string) (*Payment, error) {
	for attempt := 0; ; attempt++ {
		now := database.Now()
		no, err := order.NewNumber("P", now)
		if err != nil {
			return nil, err
		}
		pay := &Payment{OrderID: o.ID, Provider: provider, Method: method, OutTradeNo: no, Amount: o.PayAmount,
			Status: StatusPending, CreatedAt: now, UpdatedAt: now}
		err = s.db.WithContext(ctx).Create(pay).Error
		if database.IsUniqueViolation(err) && attempt < 3 {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("insert payment attempt: %w", err)
		}
		return pay, nil
	}
}

// SandboxConfirm simulates the sandbox provider confirming an attempt,
// through the same Confirm path real notifications take. Only the
// attempt's own shopper may do it, only while the sandbox is enabled, and
// only for a pending attempt of an order still awaiting payment (like a
// real provider, the sandbox takes no money for a closed trade). Repeating
// it is a no-op. Errors: not_found (unknown, someone else's or not a
// sandbox attempt), conflict reason sandbox_disabled, not_payable,
// already_paid, illegal_transition.
func (s *Service) SandboxConfirm(ctx context.Context, shopperID int64, outTradeNo string) (*Payment, error) {
	if !utf8.ValidString(outTradeNo) {
		return nil, errNoPayment() // PostgreSQL would refuse it as query text
	}
	pay, err := loadByTradeNo(ctx, s.db, outTradeNo)
	if err != nil {
		return nil, err
	}
	if pay.Provider != SandboxProvider {
		return nil, errNoPayment()
	}
	o, err := s.orders.ShopperOrder(ctx, shopperID, pay.OrderID)
	if err != nil {
		return nil, errNoPayment()
	}
	if _, ok := s.byMethod[pay.Method]; !ok {
		return nil, apperr.Conflict("the sandbox payment provider is not enabled").WithReason("sandbox_disabled")
	}
	switch {
	case pay.Status == StatusPaid:
		return pay, nil
	case pay.Status != StatusPending:
		return nil, apperr.Conflict("payment attempt is %s; start a new payment", pay.Status).WithReason("illegal_transition")
	case o.Status != order.StatusPendingPayment:
		return nil, (&order.NotPayableError{OrderID: o.ID, Status: o.Status, PaidByOther: o.PaidAt != nil}).Unwrap()
	}
	// One transaction id per attempt, as a real provider would resend, so
	// repeated or concurrent confirmations are duplicates, not new money.
	txID := "SANDBOX-" + pay.OutTradeNo
	c := Confirmation{Provider: SandboxProvider, Source: SourceSandbox, OutTradeNo: pay.OutTradeNo, TransactionID: txID,
		Amount: pay.Amount, PaidAt: database.Now(), Raw: `{"sandbox":true}`}
	if _, err := s.Confirm(ctx, c, Identity{}); err != nil {
		return nil, err
	}
	pay, err = loadByTradeNo(ctx, s.db, outTradeNo)
	if err == nil && pay.Status != StatusPaid {
		return nil, apperr.Conflict("payment attempt is %s; start a new payment", pay.Status).WithReason("illegal_transition")
	}
	return pay, err
}

// ForOrder lists an order's payment attempts, oldest first (admin view).
func (s *Service) ForOrder(ctx context.Context, orderID int64) ([]Payment, error) {
	out := []Payment{}
	if err := s.db.WithContext(ctx).Where("order_id = ?", orderID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("load payments: %w", err)
	}
	return out, nil
}

// CountByStatus counts attempts per status (for metrics).
func (s *Service) CountByStatus(ctx context.Context) (map[string]int64, error) {
	return database.CountGrouped(s.db.WithContext(ctx).Model(&Payment{}), "status", Statuses, "count payments by status")
}

func errNoPayment() *apperr.Error { return apperr.NotFound("no such payment") }

func loadByTradeNo(ctx context.Context, db *gorm.DB, outTradeNo string) (*Payment, error) {
	return database.Take[Payment](db.WithContext(ctx).Where("out_trade_no = ?", outTradeNo), errNoPayment(), "load payment")
}
