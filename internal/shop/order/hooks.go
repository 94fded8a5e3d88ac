package order

import (
	"context"

	"gorm.io/gorm"
)

// Attributor names who earns on a buyer's order at checkout: tier1 is
// stored in orders.distributor_id, tier2 in orders.tier2_distributor_id.
// It runs inside the checkout transaction.
type Attributor interface {
	AttributeOrder(ctx context.Context, tx *gorm.DB, shopperID int64) (tier1, tier2 *int64, err error)
}

// Lifecycle is told about money moves of an order inside the transaction
// that makes them, so a failure rolls the whole move back. The commission
// domain implements it.
type Lifecycle interface {
	// OnPaid runs once per order, when orders become paid (never for a
	// repeated payment notice): one call for all the orders a transaction
	// marks paid (MarkPaidBatch marks many), so a hook can work with a fixed
	// number of statements and take its shared rows once, in one order.
	OnPaid(ctx context.Context, tx *gorm.DB, paid []Paid) error
	// OnCompleted runs when the order is completed (o.CompletedAt is set).
	OnCompleted(ctx context.Context, tx *gorm.DB, o *Order) error
	// OnRefund runs when a refund request is approved, after its amounts
	// were added to the order and its lines.
	OnRefund(ctx context.Context, tx *gorm.DB, o *Order, r *RefundRequest) error
}

// Paid is an order that just became paid, with its lines.
type Paid struct {
	Order *Order
	Lines []Line
}

// Hooks are the collaborators that use orders themselves (commission reads
// order lines and open refunds; payments mark orders paid), so they are
// set after construction by SetHooks: the wiring's one cycle. Nil fields
// do nothing.
type Hooks struct {
	Attributor Attributor
	Lifecycle  Lifecycle
	Payments   PaymentCheck
	Refunds    RefundGateway
}

// RefundGateway returns an approved refund's money through the payment
// provider that took it (payment.Service).
type RefundGateway interface {
	// StartRefund runs in the approving transaction, after the amount was
	// reserved on the order. done is true when the money is back already
	// (the sandbox, or a payment no provider can refund): the approval
	// then completes the refund at once. Otherwise the provider was asked
	// (by a job enqueued in tx) and CompleteRefund or FailRefund follows.
	StartRefund(ctx context.Context, tx *gorm.DB, o *Order, r *RefundRequest) (done bool, err error)
}

// PaymentCheck asks the payment providers about an order's open payment
// attempts before it is cancelled for not being paid, and applies any
// payment they report (payment.Service). An error means they could not
// be asked, and the order is not cancelled yet.
type PaymentCheck interface {
	CheckBeforeCancel(ctx context.Context, orderID int64) error
	// OnCancelled runs in the cancelling transaction, to close the order's
	// open trades with the providers afterwards.
	OnCancelled(ctx context.Context, tx *gorm.DB, orderID int64) error
}

// SetHooks installs the hooks; call it once while wiring, before serving.
func (s *Service) SetHooks(h Hooks) { s.hooks = h }

// Lifecycles runs several Lifecycle hooks in order, in the same
// transaction; the first error stops the rest and rolls everything back.
type Lifecycles []Lifecycle

// OnPaid implements Lifecycle.
func (ls Lifecycles) OnPaid(ctx context.Context, tx *gorm.DB, paid []Paid) error {
	for _, l := range ls {
		if err := l.OnPaid(ctx, tx, paid); err != nil {
			return err
		}
	}
	return nil
}

// OnCompleted implements Lifecycle.
func (ls Lifecycles) OnCompleted(ctx context.Context, tx *gorm.DB, o *Order) error {
	for _, l := range ls {
		if err := l.OnCompleted(ctx, tx, o); err != nil {
			return err
		}
	}
	return nil
}

// OnRefund implements Lifecycle.
func (ls Lifecycles) OnRefund(ctx context.Context, tx *gorm.DB, o *Order, r *RefundRequest) error {
	for _, l := range ls {
		if err := l.OnRefund(ctx, tx, o, r); err != nil {
			return err
		}
	}
	return nil
}
