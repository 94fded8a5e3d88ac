package commission

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// earner is a distributor as accrual sees it at payment time.
type earner struct {
	ID        int64
	ShopperID int64
	ParentID  *int64
	Status    referral.Status
	LevelID   *int64
	// SalesTotal and SettledTotal are read only by lookupEarners, to follow
	// level rises within one batch.
	SalesTotal, SettledTotal money.Fen
}

func findEarner(tx *gorm.DB, id int64) (*earner, error) {
	var e earner
	err := tx.Table("distributors").Select("id, shopper_id, parent_id, status, level_id").Where("id = ?", id).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load distributor %d: %w", id, err)
	}
	return &e, nil
}

// countPaidOrders adds paid orders to their tier-1 distributors' counts
// (distributor id -> orders), the centre's "orders" figure, so that figure
// never needs a scan of orders. The rows are locked in id order first: a
// payment takes its distributors' rows before their ledger balances, as
// refunds and settlement do.
func countPaidOrders(tx *gorm.DB, counts map[int64]int64) error {
	if len(counts) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(counts))
	add := database.NewCases(tx, "distributors.id", "BIGINT")
	for _, id := range ids {
		add.When(id, counts[id])
	}
	q := "UPDATE distributors SET paid_orders = paid_orders + " + add.SQL() + " WHERE id IN ?"
	if d := database.DialectOf(tx); d.LocksRows() {
		// The rows are locked in id order by the subquery, then updated.
		q = "UPDATE distributors SET paid_orders = paid_orders + " + add.SQL() +
			" FROM (SELECT id FROM distributors WHERE id IN ? ORDER BY id" + d.ForNoKeyUpdate() + ") AS locked WHERE distributors.id = locked.id"
	}
	err := tx.Exec(q, append(add.Args(), ids)...).Error
	if err != nil {
		return fmt.Errorf("count paid orders of distributors %v: %w", ids, err)
	}
	return nil
}

// lockDistributors takes the row locks of the distributors, in id order,
// without changing them (PostgreSQL; SQLite's writers never overlap). It
// takes the lock an UPDATE takes (FOR NO KEY UPDATE), not FOR UPDATE: the
// latter would also block the foreign-key checks of a concurrent payment
// inserting commission records of these distributors, and deadlock.
func lockDistributors(tx *gorm.DB, ids []int64) error {
	d := database.DialectOf(tx)
	if !d.LocksRows() || len(ids) == 0 {
		return nil
	}
	var locked []int64
	if err := tx.Raw("SELECT id FROM distributors WHERE id IN ? ORDER BY id"+d.ForNoKeyUpdate(), ids).Scan(&locked).Error; err != nil {
		return fmt.Errorf("lock distributors %v: %w", ids, err)
	}
	return nil
}

// earnerLookup holds the distributors and levels a batch of orders names,
// read once.
type earnerLookup struct {
	earners map[int64]*earner
	levels  map[int64]*referral.Level
	ranked  []referral.Level // every level, by rank
}

// lookupEarners reads the distributors of ids and every level.
func lookupEarners(tx *gorm.DB, ids []int64) (*earnerLookup, error) {
	l := &earnerLookup{earners: map[int64]*earner{}, levels: map[int64]*referral.Level{}}
	if len(ids) == 0 {
		return l, nil
	}
	var es []earner
	if err := tx.Table("distributors").Select("id, shopper_id, parent_id, status, level_id, sales_total, settled_total").
		Where("id IN ?", ids).Find(&es).Error; err != nil {
		return nil, fmt.Errorf("load distributors %v: %w", ids, err)
	}
	for i := range es {
		l.earners[es[i].ID] = &es[i]
	}
	if err := tx.Order("rank").Find(&l.ranked).Error; err != nil {
		return nil, fmt.Errorf("load levels: %w", err)
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
func (l *earnerLookup) levelOf(e *earner, added money.Fen) *referral.Level {
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

func findEarnerByShopper(tx *gorm.DB, shopperID int64) (*earner, error) {
	var e earner
	err := tx.Table("distributors").Select("id, shopper_id, parent_id, status, level_id").Where("shopper_id = ?", shopperID).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load distributor of shopper %d: %w", shopperID, err)
	}
	return &e, nil
}

// levelRates returns a level's tier rates, nil when the level is gone.
func levelRates(tx *gorm.DB, levelID *int64) (*referral.Level, error) {
	if levelID == nil {
		return nil, nil
	}
	var l referral.Level
	err := tx.Where("id = ?", *levelID).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load level %d: %w", *levelID, err)
	}
	return &l, nil
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
func dueRecords(db *gorm.DB, now time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := db.Model(&Record{}).Where("status = ? AND unlock_at IS NOT NULL AND unlock_at <= ?", StatusPending, now).
		Where("NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.order_id = commission_records.order_id AND r.status IN ?)", order.OpenRefundStatuses).
		Order("id").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("list due commissions: %w", err)
	}
	return ids, nil
}
