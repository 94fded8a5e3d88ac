package commission

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/money"
)

// earnerLookup holds the distributors and levels a batch of orders names,
// read once.
type earnerLookup struct {
	earners map[int64]*referral.Earner
	levels  map[int64]*referral.Level
	ranked  []referral.Level // every level, by rank
}

// lookupEarners reads the distributors of ids and every level.
func (s *Service) lookupEarners(ctx context.Context, tx *gorm.DB, ids []int64) (*earnerLookup, error) {
	l := &earnerLookup{earners: map[int64]*referral.Earner{}, levels: map[int64]*referral.Level{}}
	if len(ids) == 0 {
		return l, nil
	}
	es, err := s.deps.Referral.Earners(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for i := range es {
		l.earners[es[i].ID] = &es[i]
	}
	if l.ranked, err = s.deps.Referral.LevelsByRank(ctx, tx); err != nil {
		return nil, err
	}
	for i := range l.ranked {
		l.levels[l.ranked[i].ID] = &l.ranked[i]
	}
	return l, nil
}

// levelOf is e's level after the orders paid before this one in the same
// call added sales to it: paid one by one, each of those would have raised
// the level the way referral progress does (to the best level reached,
// never lower) before this order's commission was worked out.
func (l *earnerLookup) levelOf(e *referral.Earner, added money.Fen) *referral.Level {
	cur := l.level(e.LevelID)
	if added <= 0 {
		return cur
	}
	best := referral.BestLevel(l.ranked, e.SalesTotal+added, e.SettledTotal)
	if best == nil || cur != nil && best.Rank <= cur.Rank {
		return cur
	}
	return best
}

// level returns a level's tier rates, nil when there is none or it is gone.
func (l *earnerLookup) level(id *int64) *referral.Level {
	if id == nil {
		return nil
	}
	return l.levels[*id]
}

// earningOrders counts the buyer's orders, other than orderID, that earned
// a commission since `since`.
func earningOrders(tx *gorm.DB, buyerID, orderID int64, since time.Time) (int64, error) {
	var n int64
	err := tx.Model(&Record{}).Where("buyer_shopper_id = ? AND order_id <> ? AND amount > 0 AND created_at >= ?", buyerID, orderID, since).
		Distinct("order_id").Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count earning orders: %w", err)
	}
	return n, nil
}

func recordsOfLine(tx *gorm.DB, lineID int64) ([]Record, error) {
	var rs []Record
	if err := tx.Where("order_line_id = ?", lineID).Order("tier").Find(&rs).Error; err != nil {
		return nil, fmt.Errorf("load commission records: %w", err)
	}
	return rs, nil
}

// RecordsOf returns an order's commission records, by line and tier.
func (s *Service) RecordsOf(ctx context.Context, orderID int64) ([]Record, error) {
	var rs []Record
	err := s.db.WithContext(ctx).Where("order_id = ?", orderID).Order("order_line_id, tier").Find(&rs).Error
	if err != nil {
		return nil, fmt.Errorf("load commission records: %w", err)
	}
	return rs, nil
}

// NetOf is the sum of amount - reversed_amount over a distributor's records.
func (s *Service) NetOf(ctx context.Context, distributorID int64) (money.Fen, error) {
	var n money.Fen
	err := s.db.WithContext(ctx).Model(&Record{}).Where("distributor_id = ?", distributorID).
		Select("COALESCE(SUM(amount - reversed_amount), 0)").Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("sum commission records: %w", err)
	}
	return n, nil
}

// dueRecords lists pending records unlocked by now whose order has no
// open (pending or processing) refund request, oldest first.
func (s *Service) dueRecords(db *gorm.DB, now time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := db.Model(&Record{}).Where("status = ? AND unlock_at IS NOT NULL AND unlock_at <= ?", StatusPending, now).
		Where(s.deps.Orders.NoOpenRefund("commission_records.order_id")).
		Order("id").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("list due commissions: %w", err)
	}
	return ids, nil
}
