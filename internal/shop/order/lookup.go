package order

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// This file is what other domains read of the order tables, in the
// caller's transaction (the commission domain, which settles and reverses
// per order line): the tables stay this package's.

// Line reads order line id in tx.
func (s *Service) Line(ctx context.Context, tx *gorm.DB, id int64) (*Line, error) {
	var l Line
	if err := tx.WithContext(ctx).Where("id = ?", id).Take(&l).Error; err != nil {
		return nil, fmt.Errorf("load order line %d: %w", id, err)
	}
	return &l, nil
}

// HasOpenRefund reports whether the order has a refund request in an
// OpenRefundStatuses state, in tx.
func (s *Service) HasOpenRefund(ctx context.Context, tx *gorm.DB, orderID int64) (bool, error) {
	var open int64
	if err := tx.WithContext(ctx).Table("refund_requests").Where("order_id = ? AND status IN ?", orderID, OpenRefundStatuses).Count(&open).Error; err != nil {
		return false, fmt.Errorf("check open refunds: %w", err)
	}
	return open > 0, nil
}

// NoOpenRefund is the condition, for another domain's query, that the
// order whose id is in column orderIDColumn has no refund request in an
// OpenRefundStatuses state.
func (s *Service) NoOpenRefund(orderIDColumn string) clause.Expr {
	return gorm.Expr("NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.order_id = "+orderIDColumn+" AND r.status IN ?)", OpenRefundStatuses)
}
