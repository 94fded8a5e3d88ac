package order

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// ErrBatchUnfit is MarkPaidBatch's refusal of a batch it cannot apply as
// one: an order that is not awaiting payment (already paid, cancelled,
// changed meanwhile) or whose amount differs. Nothing was written; the
// caller rolls back and marks those orders paid one by one with MarkPaid,
// which decides each case. errors.As finds a *BatchUnfitError naming them
// when they are known.
var ErrBatchUnfit = errors.New("orders cannot be marked paid as one batch")

// BatchUnfitError names the orders that made MarkPaidBatch refuse.
type BatchUnfitError struct{ OrderIDs []int64 }

func (e *BatchUnfitError) Error() string {
	return fmt.Sprintf("orders %v cannot be marked paid in a batch", e.OrderIDs)
}

// Unwrap makes errors.Is(err, ErrBatchUnfit) true.
func (e *BatchUnfitError) Unwrap() error { return ErrBatchUnfit }

// PaidItem is one order of a batch and the payment that pays it.
type PaidItem struct {
	OrderID int64
	Payment PaymentInfo
}

// MaxPaidBatch bounds the orders of one MarkPaidBatch call.
const MaxPaidBatch = 64

// MarkPaidBatch marks orders paid in tx as MarkPaid would one by one, with
// a fixed number of statements (the payment notification path, under
// load, confirms many at once): every order must be awaiting payment, for
// exactly its amount, or the batch is refused with a *BatchUnfitError
// naming the others, and the caller rolls its transaction back. The
// lifecycle hooks see all orders in one call.
// Errors: invalid (incomplete info, an order twice, too many) and a
// *BatchUnfitError (ErrBatchUnfit), also for an order that does not exist.
func (s *Service) MarkPaidBatch(ctx context.Context, tx *gorm.DB, items []PaidItem) error {
	if len(items) == 0 || len(items) > MaxPaidBatch {
		return apperr.Invalid("a batch pays 1-%d orders", MaxPaidBatch)
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		p := it.Payment
		if p.Provider == "" || p.TransactionID == "" || p.Amount <= 0 {
			return apperr.Invalid("payment info needs a provider, a transaction id and a positive amount")
		}
		ids[i] = it.OrderID
	}
	if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
		return apperr.Invalid("an order appears twice in one batch")
	}
	items = slices.Clone(items)
	for i := range items {
		items[i].Payment.PaidAt = paidAt(items[i].Payment)
	}
	now := database.Now()
	orders, err := movePaid(ctx, tx, items, now)
	if err != nil {
		return err
	}
	events := make([]Event, len(items))
	for i, it := range items {
		events[i] = Event{OrderID: it.OrderID, FromStatus: StatusPendingPayment, ToStatus: StatusPaid, Event: EventPaid, ActorType: ActorSystem,
			Note: it.Payment.Provider + " " + it.Payment.TransactionID, CreatedAt: now}
	}
	if err := tx.WithContext(ctx).Create(&events).Error; err != nil {
		return fmt.Errorf("record order events: %w", err)
	}
	return s.afterPaid(ctx, tx, orders...)
}

// movePaid moves every order of items from pending_payment to paid, for
// exactly its amount, in one statement, and returns the orders as they now
// are, in items' order. An order that is not awaiting that payment is a
// *BatchUnfitError naming it (the caller rolls back: the others moved).
//
// Lock order: step 2 of the payment transaction (see package distribution).
func movePaid(ctx context.Context, tx *gorm.DB, items []PaidItem, now time.Time) ([]*Order, error) {
	paidAts := database.NewCases(tx, "id", "TIMESTAMPTZ")
	method, provider, txn := database.NewCases(tx, "id", ""), database.NewCases(tx, "id", ""), database.NewCases(tx, "id", "")
	amount := database.NewCases(tx, "id", "BIGINT")
	ids := make([]int64, len(items))
	for i, it := range items {
		p := it.Payment
		paidAts.When(it.OrderID, p.PaidAt)
		method.When(it.OrderID, p.Method)
		provider.When(it.OrderID, p.Provider)
		txn.When(it.OrderID, p.TransactionID)
		amount.When(it.OrderID, int64(p.Amount))
		ids[i] = it.OrderID
	}
	var args []any
	for _, c := range []*database.Cases{paidAts, method, provider, txn} {
		args = append(args, c.Args()...)
	}
	args = append(append(args, StatusPaid, now, ids, StatusPendingPayment), amount.Args()...)
	var rows []Order
	err := tx.WithContext(ctx).Raw("UPDATE orders SET paid_at = "+paidAts.SQL()+", pay_method = "+method.SQL()+", pay_provider = "+provider.SQL()+
		", pay_transaction_id = "+txn.SQL()+", status = ?, updated_at = ? WHERE id IN ? AND status = ? AND paid_at IS NULL AND pay_amount = "+amount.SQL()+
		" RETURNING *", args...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("mark orders paid: %w", err)
	}
	byID := make(map[int64]*Order, len(rows))
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	out := make([]*Order, len(items))
	var unfit []int64
	for i, id := range ids {
		if out[i] = byID[id]; out[i] == nil {
			unfit = append(unfit, id)
		}
	}
	if len(unfit) > 0 {
		return nil, &BatchUnfitError{OrderIDs: unfit}
	}
	return out, nil
}

// paidAt is when p says the money arrived, now when it does not say.
func paidAt(p PaymentInfo) time.Time {
	if p.PaidAt.IsZero() {
		return database.Now()
	}
	return p.PaidAt.UTC().Truncate(time.Microsecond)
}
