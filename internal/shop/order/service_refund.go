package order

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// MaxRefundReason is the longest refund or reject reason, in characters.
const MaxRefundReason = 512

// RequestRefund asks for money back for some units of a paid, shipped or
// completed order. The amount is computed here, pro rata from each line's
// paid amount (see RefundShare), and can never exceed what is still
// refundable. An order has at most one open request at a time.
// Errors: invalid, not_found (order or line), conflict reason
// illegal_transition, refund_open or exceeds_refundable.
func (s *Service) RequestRefund(ctx context.Context, shopperID, orderID int64, in RefundInput) (*RefundRequest, error) {
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxRefundReason {
		return nil, apperr.InvalidField("reason", fmt.Sprintf("say why (1 to %d characters)", MaxRefundReason))
	}
	want, err := normalizeRefundLines(in.Lines)
	if err != nil {
		return nil, err
	}
	// A unique violation is a refund number collision or a concurrent open
	// request; retrying re-runs the checks, which then report the latter.
	for attempt := 0; ; attempt++ {
		r, err := s.requestRefundOnce(ctx, shopperID, orderID, want, reason)
		if database.IsUniqueViolation(err) && attempt < 3 {
			continue
		}
		return r, err
	}
}

func normalizeRefundLines(in []RefundLineInput) ([]RefundLineInput, error) {
	if len(in) == 0 || len(in) > MaxLines {
		return nil, apperr.InvalidField("lines", fmt.Sprintf("choose 1 to %d lines to refund", MaxLines))
	}
	var out []RefundLineInput
	seen := map[int64]int{}
	for i, l := range in {
		if l.OrderLineID <= 0 {
			return nil, apperr.InvalidField(fmt.Sprintf("lines[%d].order_line_id", i), "is required")
		}
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			return nil, apperr.InvalidField(fmt.Sprintf("lines[%d].quantity", i), fmt.Sprintf("must be between 1 and %d", MaxQuantity))
		}
		if j, dup := seen[l.OrderLineID]; dup {
			out[j].Quantity += l.Quantity
			continue
		}
		seen[l.OrderLineID] = len(out)
		out = append(out, l)
	}
	return out, nil
}

func (s *Service) requestRefundOnce(ctx context.Context, shopperID, orderID int64, want []RefundLineInput, reason string) (*RefundRequest, error) {
	var r *RefundRequest
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		o, err := loadShopperOrder(ctx, tx, shopperID, orderID)
		if err != nil {
			return err
		}
		// Touching the order row locks it (PostgreSQL) so requests and
		// approvals for one order run one at a time.
		ok, err := moveStatus(ctx, tx, o.ID, actRefund.from, map[string]any{"updated_at": database.Now()})
		if err != nil {
			return err
		}
		if !ok {
			return illegal(o.Status, actRefund)
		}
		if open, err := hasOpenRefund(ctx, tx, o.ID); err != nil || open {
			if err == nil {
				err = apperr.Conflict("this order already has an open refund request; wait for the answer").WithReason("refund_open")
			}
			return err
		}
		lines, err := linesOf(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		rl, total, err := priceRefund(lines, want)
		if err != nil {
			return err
		}
		if total > o.PayAmount-o.RefundedAmount {
			return apperr.Conflict("at most %s can still be refunded", (o.PayAmount - o.RefundedAmount).Yuan()).WithReason("exceeds_refundable")
		}
		r, err = insertRefund(ctx, tx, o, rl, total, reason)
		if err != nil {
			return err
		}
		return s.note(ctx, tx, o, EventRefundRequested, Actor{Type: ActorShopper, ID: shopperID}, fmt.Sprintf("%s %s: %s", r.RefundNo, total.Yuan(), reason))
	})
	return r, err
}

func hasOpenRefund(ctx context.Context, tx *gorm.DB, orderID int64) (bool, error) {
	var n int64
	err := tx.WithContext(ctx).Model(&RefundRequest{}).Where("order_id = ? AND status IN ?", orderID, OpenRefundStatuses).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("count open refunds: %w", err)
	}
	return n > 0, nil
}

// priceRefund checks each requested line against what is left of it and
// prices it with RefundShare.
func priceRefund(lines []Line, want []RefundLineInput) ([]RefundLine, money.Fen, error) {
	byID := make(map[int64]Line, len(lines))
	for _, l := range lines {
		byID[l.ID] = l
	}
	var out []RefundLine
	var total money.Fen
	for i, w := range want {
		l, ok := byID[w.OrderLineID]
		if !ok {
			return nil, 0, apperr.NotFound("no such line in this order").WithField(fmt.Sprintf("lines[%d].order_line_id", i), "no such line in this order")
		}
		left := l.Quantity - l.RefundedQty
		if w.Quantity > left {
			return nil, 0, apperr.Conflict("only %d of “%s” can still be refunded", left, l.Title).
				WithReason("exceeds_refundable").WithField(fmt.Sprintf("lines[%d].quantity", i), fmt.Sprintf("at most %d", left))
		}
		amount := RefundShare(l.PaidAmount, l.Quantity, l.RefundedQty, w.Quantity)
		if rest := l.PaidAmount - l.RefundedAmount; amount > rest {
			amount = rest // never more than what was paid and not yet returned
		}
		out = append(out, RefundLine{OrderLineID: l.ID, Quantity: w.Quantity, Amount: amount})
		total += amount
	}
	return out, total, nil
}

func insertRefund(ctx context.Context, tx *gorm.DB, o *Order, lines []RefundLine, total money.Fen, reason string) (*RefundRequest, error) {
	now := database.Now()
	no, err := NewNumber("R", now)
	if err != nil {
		return nil, err
	}
	r := &RefundRequest{RefundNo: no, OrderID: o.ID, ShopperID: o.ShopperID, Status: RefundPending, Amount: total,
		Reason: reason, CreatedAt: now, UpdatedAt: now}
	if err := tx.WithContext(ctx).Create(r).Error; err != nil {
		return nil, fmt.Errorf("insert refund request: %w", err)
	}
	for i := range lines {
		lines[i].RefundRequestID = r.ID
	}
	if err := tx.WithContext(ctx).Create(&lines).Error; err != nil {
		return nil, fmt.Errorf("insert refund lines: %w", err)
	}
	r.Lines, r.OrderNo = lines, o.OrderNo
	return r, nil
}

func loadRefund(ctx context.Context, db *gorm.DB, id int64) (*RefundRequest, error) {
	r, err := database.Take[RefundRequest](db.WithContext(ctx).Where("id = ?", id), apperr.NotFound("no such refund request"), "load refund %d", id)
	if err != nil {
		return nil, err
	}
	rs := []RefundRequest{*r}
	if err := attachRefundLines(ctx, db, rs); err != nil {
		return nil, err
	}
	return &rs[0], nil
}
