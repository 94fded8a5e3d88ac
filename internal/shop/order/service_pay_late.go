package order

import (
	"context"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/catalog"
)

// actRestore revives an order cancelled for not being paid in time.
var actRestore = action{verb: "restored", from: []Status{StatusCancelled}, phrase: "cancelled"}

// RestorePaid takes a payment that arrived after its order was cancelled:
// when every unit is still in stock the order is taken again (stock,
// sales, commissions) and becomes paid, as if the payment had been on
// time. It runs in the caller's tx; on any error the caller must roll the
// whole transaction back (stock already taken for earlier lines is
// returned that way). Errors: not_found, conflict reason not_restorable,
// amount_mismatch or out_of_stock.
func (s *Service) RestorePaid(ctx context.Context, tx *gorm.DB, orderID int64, p PaymentInfo) error {
	o, err := loadOrder(ctx, tx, orderID)
	if err != nil {
		return err
	}
	if o.Status != StatusCancelled || o.PaidAt != nil {
		return apperr.Conflict("order %s is %s; only an unpaid cancelled order can be restored", o.OrderNo, o.Status).WithReason("not_restorable")
	}
	if p.Amount != o.PayAmount {
		return apperr.Conflict("payment amount %s does not match the order amount %s", p.Amount.Yuan(), o.PayAmount.Yuan()).WithReason("amount_mismatch")
	}
	if err := retakeStock(ctx, tx, o.ID); err != nil {
		return err
	}
	set := map[string]any{"paid_at": paidAt(p), "pay_method": p.Method, "pay_provider": p.Provider, "pay_transaction_id": p.TransactionID}
	ev := Event{Event: EventRestored, ActorType: ActorSystem, Note: "paid after cancellation: " + p.Provider + " " + p.TransactionID}
	if err := s.transition(ctx, tx, o, actRestore, StatusPaid, set, ev); err != nil {
		return err
	}
	return s.afterPaid(ctx, tx, o)
}

// retakeStock takes the order's units again, in SKU id order (the lock
// order of checkout), failing with out_of_stock when any SKU is short.
func retakeStock(ctx context.Context, tx *gorm.DB, orderID int64) error {
	lines, err := linesOf(ctx, tx, orderID)
	if err != nil {
		return err
	}
	units := map[int64]int64{}
	for _, l := range lines {
		units[l.SKUID] += l.Quantity
	}
	ids := make([]int64, 0, len(units))
	for id := range units {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		ok, err := catalog.TakeStock(ctx, tx, id, units[id])
		if err != nil {
			return fmt.Errorf("retake stock of SKU %d: %w", id, err)
		}
		if !ok {
			return apperr.Conflict("SKU %d no longer has %d in stock", id, units[id]).WithReason("out_of_stock")
		}
	}
	return nil
}
