package order

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// ApproveRefund approves a pending refund request. The amount is reserved
// on the order (refunded_amount) at once, so nothing can be refunded twice.
// When the payment was taken by a real provider the request becomes
// processing and the provider is asked (Hooks.Refunds); CompleteRefund or
// FailRefund finishes it. With the sandbox the money is back at once and
// the refund completes here: the amounts are added to the lines and, when
// every unit is refunded, the order becomes refunded. Units refunded before
// the order shipped go back into stock (they never left the warehouse);
// after shipping, returned goods are restocked by hand. Sales are not
// reduced. Audited. Errors: not_found, conflict reason illegal_transition.
func (s *Service) ApproveRefund(ctx context.Context, by audit.Actor, refundID int64) (*RefundRequest, error) {
	var r *RefundRequest
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		if r, err = loadRefund(ctx, tx, refundID); err != nil {
			return err
		}
		if r.Status != RefundPending {
			return refundNotPending(r.Status, "approved")
		}
		// The order row first (the same lock order as RequestRefund).
		o, err := loadOrder(ctx, tx, r.OrderID)
		if err != nil {
			return err
		}
		addAmount := map[string]any{"refunded_amount": gorm.Expr("refunded_amount + ?", r.Amount), "updated_at": database.Now()}
		fits := guard{sql: "refunded_amount + ? <= pay_amount", args: []any{r.Amount}}
		if ok, err := moveStatus(ctx, tx, o.ID, actRefund.from, addAmount, fits); err != nil || !ok {
			if err == nil {
				err = apperr.Conflict("the order can no longer be refunded this much").WithReason("exceeds_refundable")
			}
			return err
		}
		// Re-read under the lock: a concurrent shipment decides the restock rule.
		if o, err = loadOrder(ctx, tx, r.OrderID); err != nil {
			return err
		}
		done := true
		if s.hooks.Refunds != nil {
			if done, err = s.hooks.Refunds.StartRefund(ctx, tx, o, r); err != nil {
				return err
			}
		}
		if !done {
			if err := reviewRefund(ctx, tx, r, RefundProcessing, by.ID, ""); err != nil {
				return err
			}
			note := fmt.Sprintf("%s %s (returning through %s)", r.RefundNo, r.Amount.Yuan(), o.PayProvider)
			if err := s.note(ctx, tx, o, EventRefundApproved, Actor{Type: ActorAdmin, ID: by.ID}, note); err != nil {
				return err
			}
		} else if err := s.finishRefund(ctx, tx, o, r, RefundPending, by.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "refund.approve", TargetType: "refund", TargetID: r.ID,
			Before: map[string]any{"status": RefundPending}, After: map[string]any{"status": r.Status, "amount": r.Amount}})
	})
	return r, err
}

// applyRefundLines adds the refunded units to the lines, restocks them when
// the order has not shipped and finishes the order when nothing is left;
// the timeline entry is ev by `by`.
func (s *Service) applyRefundLines(ctx context.Context, tx *gorm.DB, o *Order, r *RefundRequest, by Actor, event string) error {
	lines, err := linesOf(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	skuOf := map[int64]int64{}
	for _, l := range lines {
		skuOf[l.ID] = l.SKUID
	}
	restock := map[int64]int64{}
	for _, rl := range r.Lines {
		res := tx.WithContext(ctx).Model(&Line{}).
			Where("id = ? AND order_id = ? AND refunded_qty + ? <= quantity AND refunded_amount + ? <= paid_amount", rl.OrderLineID, o.ID, rl.Quantity, rl.Amount).
			Updates(map[string]any{"refunded_qty": gorm.Expr("refunded_qty + ?", rl.Quantity), "refunded_amount": gorm.Expr("refunded_amount + ?", rl.Amount)})
		if res.Error != nil {
			return fmt.Errorf("refund order line %d: %w", rl.OrderLineID, res.Error)
		}
		if res.RowsAffected != 1 {
			return apperr.Conflict("order line %d can no longer be refunded this much", rl.OrderLineID).WithReason("exceeds_refundable")
		}
		restock[skuOf[rl.OrderLineID]] += rl.Quantity
	}
	if o.Status == StatusPaid {
		if err := returnUnits(ctx, tx, restock); err != nil {
			return err
		}
	}
	note := fmt.Sprintf("%s %s", r.RefundNo, r.Amount.Yuan())
	var left int64
	if err := tx.WithContext(ctx).Model(&Line{}).Where("order_id = ? AND refunded_qty < quantity", o.ID).Count(&left).Error; err != nil {
		return fmt.Errorf("count unrefunded lines: %w", err)
	}
	if left > 0 {
		return s.note(ctx, tx, o, event, by, note)
	}
	ev := Event{Event: event, ActorType: by.Type, ActorID: by.ID, Note: note + " (everything refunded)"}
	return s.transition(ctx, tx, o, actRefund, StatusRefunded, map[string]any{}, ev)
}

// RejectRefund turns down a pending refund request with a reason the
// shopper sees (1..512 characters). Audited. Errors: invalid, not_found,
// conflict reason illegal_transition.
func (s *Service) RejectRefund(ctx context.Context, by audit.Actor, refundID int64, reason string) (*RefundRequest, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxRefundReason {
		return nil, apperr.InvalidField("reason", fmt.Sprintf("tell the shopper why (1 to %d characters)", MaxRefundReason))
	}
	var r *RefundRequest
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		if r, err = loadRefund(ctx, tx, refundID); err != nil {
			return err
		}
		o, err := loadOrder(ctx, tx, r.OrderID)
		if err != nil {
			return err
		}
		if err := reviewRefund(ctx, tx, r, RefundRejected, by.ID, reason); err != nil {
			return err
		}
		if err := s.note(ctx, tx, o, EventRefundRejected, Actor{Type: ActorAdmin, ID: by.ID}, r.RefundNo+": "+reason); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "refund.reject", TargetType: "refund", TargetID: r.ID,
			Before: map[string]any{"status": RefundPending}, After: map[string]any{"status": r.Status}, Note: reason})
	})
	return r, err
}

// reviewRefund moves a request out of pending with a guarded update.
func reviewRefund(ctx context.Context, tx *gorm.DB, r *RefundRequest, to RefundStatus, adminID int64, rejectReason string) error {
	now := database.Now()
	set := map[string]any{"reviewed_by": adminID, "reviewed_at": now, "reject_reason": rejectReason}
	return moveRefund(ctx, tx, r, RefundPending, to, set)
}

// moveRefund moves a request from -> to with a guarded update and reloads
// it; a request no longer in `from` is a conflict.
func moveRefund(ctx context.Context, tx *gorm.DB, r *RefundRequest, from, to RefundStatus, set map[string]any) error {
	now := database.Now()
	set["status"], set["updated_at"] = to, now
	if to == RefundRefunded {
		set["refunded_at"] = now
	}
	res := tx.WithContext(ctx).Model(&RefundRequest{}).Where("id = ? AND status = ?", r.ID, from).Updates(set)
	if res.Error != nil {
		return fmt.Errorf("review refund %d: %w", r.ID, res.Error)
	}
	if res.RowsAffected != 1 {
		cur, err := loadRefund(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if from != RefundPending {
			return apperr.Conflict("refund request is %s, not %s", cur.Status, from).WithReason("illegal_transition")
		}
		return refundNotPending(cur.Status, string(to))
	}
	fresh, err := loadRefund(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	*r = *fresh
	return nil
}

func refundNotPending(st RefundStatus, verb string) *apperr.Error {
	if verb == string(RefundRefunded) {
		verb = "approved"
	}
	return apperr.Conflict("refund request is %s; only pending requests can be %s", st, verb).WithReason("illegal_transition")
}
