package order

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// finishRefund marks r refunded (from `from`), adds its amounts to the
// lines, restocks what never shipped and tells the lifecycle (commission
// clawback), all in tx.
func (s *Service) finishRefund(ctx context.Context, tx *gorm.DB, o *Order, r *RefundRequest, from RefundStatus, adminID int64) error {
	set := map[string]any{}
	by, event := Actor{Type: ActorSystem}, EventRefunded
	if from == RefundPending {
		set["reviewed_by"], set["reviewed_at"] = adminID, database.Now()
		by, event = Actor{Type: ActorAdmin, ID: adminID}, EventRefundApproved
	}
	if err := moveRefund(ctx, tx, r, from, RefundRefunded, set); err != nil {
		return err
	}
	if err := s.applyRefundLines(ctx, tx, o, r, by, event); err != nil {
		return err
	}
	if s.hooks.Lifecycle == nil {
		return nil
	}
	return s.hooks.Lifecycle.OnRefund(ctx, tx, o, r)
}

// CompleteRefund finishes a processing refund once its provider reports
// the money returned: the request becomes refunded, the lines and order
// take the amounts (the order becomes refunded when nothing is left) and
// the commissions react, all in tx. Repeating it is a no-op.
// Errors: not_found, conflict reason illegal_transition (not processing).
func (s *Service) CompleteRefund(ctx context.Context, tx *gorm.DB, refundID int64) error {
	r, o, err := s.lockProcessingRefund(ctx, tx, refundID)
	if err != nil || r == nil {
		return err
	}
	if r.Status == RefundRefunded {
		return nil
	}
	return s.finishRefund(ctx, tx, o, r, RefundProcessing, 0)
}

// FailRefund ends a processing refund the provider could not pay: the
// request becomes failed with the reason (the shopper sees it and may ask
// again) and the amount reserved on the order is released, in tx.
// Repeating it is a no-op. Errors: invalid (reason), not_found, conflict
// reason illegal_transition (not processing).
func (s *Service) FailRefund(ctx context.Context, tx *gorm.DB, refundID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxRefundReason {
		return apperr.InvalidField("reason", fmt.Sprintf("say why (1 to %d characters)", MaxRefundReason))
	}
	r, o, err := s.lockProcessingRefund(ctx, tx, refundID)
	if err != nil || r == nil {
		return err
	}
	if r.Status == RefundFailed {
		return nil
	}
	if err := moveRefund(ctx, tx, r, RefundProcessing, RefundFailed, map[string]any{"reject_reason": reason}); err != nil {
		return err
	}
	res := tx.WithContext(ctx).Model(&Order{}).Where("id = ? AND refunded_amount >= ?", o.ID, r.Amount).
		Updates(map[string]any{"refunded_amount": gorm.Expr("refunded_amount - ?", r.Amount), "updated_at": database.Now()})
	if res.Error != nil {
		return fmt.Errorf("release refund reservation of order %d: %w", o.ID, res.Error)
	}
	if res.RowsAffected != 1 {
		return fmt.Errorf("release refund reservation of order %d: less than %s reserved", o.ID, r.Amount.Yuan())
	}
	return s.note(ctx, tx, o, EventRefundFailed, Actor{Type: ActorSystem}, fmt.Sprintf("%s %s: %s", r.RefundNo, r.Amount.Yuan(), reason))
}

// lockProcessingRefund loads a refund request and its order, touching the
// order row first (the lock order of RequestRefund and ApproveRefund). A
// request already finished the same way comes back as is (r.Status
// refunded or failed) so callers can treat repeats as no-ops.
func (s *Service) lockProcessingRefund(ctx context.Context, tx *gorm.DB, refundID int64) (*RefundRequest, *Order, error) {
	r, err := loadRefund(ctx, tx, refundID)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.WithContext(ctx).Model(&Order{}).Where("id = ?", r.OrderID).Update("updated_at", database.Now()).Error; err != nil {
		return nil, nil, fmt.Errorf("lock order %d: %w", r.OrderID, err)
	}
	if r, err = loadRefund(ctx, tx, refundID); err != nil {
		return nil, nil, err
	}
	switch r.Status {
	case RefundProcessing, RefundRefunded, RefundFailed:
	default:
		return nil, nil, apperr.Conflict("refund request is %s, not processing", r.Status).WithReason("illegal_transition")
	}
	o, err := loadOrder(ctx, tx, r.OrderID)
	if err != nil {
		return nil, nil, err
	}
	return r, o, nil
}
