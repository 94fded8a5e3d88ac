package order

import (
	"context"
	"errors"
	"sort"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/catalog"
)

// NotPayableError is MarkPaid's refusal of a payment the order cannot take:
// it is cancelled (or otherwise past payment), or it was already paid by a
// different transaction. Either way money arrived that must go back; the
// payment domain detects this with errors.As and refunds. It unwraps to a
// conflict so the HTTP layer reports it like any other.
type NotPayableError struct {
	OrderID int64
	Status  Status
	// PaidByOther: the order is paid, but by another transaction (a double payment).
	PaidByOther bool
}

func (e *NotPayableError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the client-facing conflict.
func (e *NotPayableError) Unwrap() error {
	if e.PaidByOther {
		return apperr.Conflict("order was already paid by another payment").WithReason("already_paid")
	}
	return illegal(e.Status, actPay).WithReason("not_payable")
}

// MarkPaid is the one way an order becomes paid. It runs in tx when tx is
// not nil (so the caller can mark its payment attempt paid atomically),
// otherwise in its own transaction. It is idempotent: repeating it for the
// same provider transaction is a no-op that returns nil. It checks the
// amount equals pay_amount exactly and counts the units in product sales.
// It is MarkPaidBatch of one order; when the batch refuses it (nothing was
// written), the order is read to tell why.
// Errors: invalid (incomplete info), not_found, conflict reason
// amount_mismatch, and *NotPayableError (conflict not_payable/already_paid).
func (s *Service) MarkPaid(ctx context.Context, tx *gorm.DB, orderID int64, p PaymentInfo) error {
	if p.Provider == "" || p.TransactionID == "" || p.Amount <= 0 {
		return apperr.Invalid("payment info needs a provider, a transaction id and a positive amount")
	}
	if tx == nil {
		return s.inTx(ctx, func(tx *gorm.DB) error { return s.markPaid(ctx, tx, orderID, p) })
	}
	return s.markPaid(ctx, tx, orderID, p)
}

func (s *Service) markPaid(ctx context.Context, tx *gorm.DB, orderID int64, p PaymentInfo) error {
	err := s.MarkPaidBatch(ctx, tx, []PaidItem{{OrderID: orderID, Payment: p}})
	if !errors.Is(err, ErrBatchUnfit) {
		return err
	}
	// The order is not awaiting exactly this payment, as it is now (a
	// concurrent payment that held its row has committed).
	o, err := loadOrder(ctx, tx, orderID)
	if err != nil {
		return err
	}
	if done, err := alreadyPaid(o, p); done || err != nil {
		return err
	}
	if p.Amount != o.PayAmount {
		return apperr.Conflict("payment amount %s does not match the order amount %s", p.Amount.Yuan(), o.PayAmount.Yuan()).
			WithReason("amount_mismatch")
	}
	return illegal(o.Status, actPay)
}

// afterPaid does what every order that became paid needs: the lifecycle
// hooks (commissions, leaderboard, notifications) and its products' sales
// counts, with the lines loaded once for both. The sales counts go last:
// a popular product's row is updated by every payment for it, and its lock
// is held until commit, so it is taken as late as possible.
func (s *Service) afterPaid(ctx context.Context, tx *gorm.DB, orders ...*Order) error {
	ids := make([]int64, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	lines, err := linesOf(ctx, tx, ids...)
	if err != nil {
		return err
	}
	byOrder := make(map[int64][]Line, len(orders))
	for _, l := range lines {
		byOrder[l.OrderID] = append(byOrder[l.OrderID], l)
	}
	paid := make([]Paid, len(orders))
	for i, o := range orders {
		paid[i] = Paid{Order: o, Lines: byOrder[o.ID]}
	}
	if s.hooks.Lifecycle != nil {
		if err := s.hooks.Lifecycle.OnPaid(ctx, tx, paid); err != nil {
			return err
		}
	}
	return countSales(ctx, tx, lines)
}

// alreadyPaid reports true for a repeat of the payment that paid o, and a
// *NotPayableError when o cannot take this payment.
func alreadyPaid(o *Order, p PaymentInfo) (bool, error) {
	if o.PaidAt != nil {
		if o.PayProvider == p.Provider && o.PayTransactionID == p.TransactionID {
			return true, nil
		}
		return false, &NotPayableError{OrderID: o.ID, Status: o.Status, PaidByOther: true}
	}
	if o.Status != StatusPendingPayment {
		return false, &NotPayableError{OrderID: o.ID, Status: o.Status}
	}
	return false, nil
}

// IsNotPayable reports whether err is MarkPaid's refusal of a late or
// duplicate payment.
func IsNotPayable(err error) bool {
	var np *NotPayableError
	return errors.As(err, &np)
}

// countSales adds the order's units to product sales, in product id order.
//
// Lock order: step 7, the last, of the payment transaction (see package distribution).
func countSales(ctx context.Context, tx *gorm.DB, lines []Line) error {
	units := map[int64]int64{}
	for _, l := range lines {
		units[l.ProductID] += l.Quantity
	}
	ids := make([]int64, 0, len(units))
	for id := range units {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		if err := catalog.AddSales(ctx, tx, id, units[id]); err != nil {
			return err
		}
	}
	return nil
}
