package order

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// guard is an extra condition on a guarded status update.
type guard struct {
	sql  string
	args []any
}

func errNoOrder() *apperr.Error { return apperr.NotFound("no such order") }

// loadOrder reads one order. Errors: not_found.
func loadOrder(ctx context.Context, db *gorm.DB, id int64) (*Order, error) {
	return database.Take[Order](db.WithContext(ctx).Where("id = ?", id), errNoOrder(), "load order %d", id)
}

// loadShopperOrder reads one of the shopper's orders; someone else's order
// is not_found, exactly like a missing one.
func loadShopperOrder(ctx context.Context, db *gorm.DB, shopperID, id int64) (*Order, error) {
	q := db.WithContext(ctx).Where("id = ? AND shopper_id = ?", id, shopperID)
	return database.Take[Order](q, errNoOrder(), "load order %d", id)
}

// moveStatus updates an order only while its status is one of from (and
// the extra guards hold), reporting whether it did.
func moveStatus(ctx context.Context, tx *gorm.DB, id int64, from []Status, set map[string]any, extra ...guard) (bool, error) {
	q := tx.WithContext(ctx).Model(&Order{}).Where("id = ? AND status IN ?", id, from)
	for _, g := range extra {
		q = q.Where(g.sql, g.args...)
	}
	res := q.Updates(set)
	if res.Error != nil {
		return false, fmt.Errorf("update order %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

func insertEvent(ctx context.Context, tx *gorm.DB, ev *Event) error {
	if err := tx.WithContext(ctx).Create(ev).Error; err != nil {
		return fmt.Errorf("record order event %s: %w", ev.Event, err)
	}
	return nil
}

// linesOf returns the lines of the given orders, in id order.
func linesOf(ctx context.Context, db *gorm.DB, orderIDs ...int64) ([]Line, error) {
	var lines []Line
	if len(orderIDs) == 0 {
		return lines, nil
	}
	if err := db.WithContext(ctx).Where("order_id IN ?", orderIDs).Order("id").Find(&lines).Error; err != nil {
		return nil, fmt.Errorf("load order lines: %w", err)
	}
	return lines, nil
}

func eventsOf(ctx context.Context, db *gorm.DB, orderID int64) ([]Event, error) {
	var evs []Event
	if err := db.WithContext(ctx).Where("order_id = ?", orderID).Order("id").Find(&evs).Error; err != nil {
		return nil, fmt.Errorf("load order events: %w", err)
	}
	return evs, nil
}

// refundsOf returns an order's refund requests with their lines, oldest first.
func refundsOf(ctx context.Context, db *gorm.DB, orderID int64) ([]RefundRequest, error) {
	var rs []RefundRequest
	if err := db.WithContext(ctx).Where("order_id = ?", orderID).Order("id").Find(&rs).Error; err != nil {
		return nil, fmt.Errorf("load refunds: %w", err)
	}
	return rs, attachRefundLines(ctx, db, rs)
}

func attachRefundLines(ctx context.Context, db *gorm.DB, rs []RefundRequest) error {
	if len(rs) == 0 {
		return nil
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	var lines []RefundLine
	if err := db.WithContext(ctx).Where("refund_request_id IN ?", ids).Order("id").Find(&lines).Error; err != nil {
		return fmt.Errorf("load refund lines: %w", err)
	}
	for i := range rs {
		rs[i].Lines = []RefundLine{}
		for _, l := range lines {
			if l.RefundRequestID == rs[i].ID {
				rs[i].Lines = append(rs[i].Lines, l)
			}
		}
	}
	return nil
}
