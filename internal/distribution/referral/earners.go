package referral

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// This file is referral's surface for the commission domain: distributors
// and levels read, counted and locked in the caller's transaction, so the
// distributors and distributor_levels tables are written and queried here
// only.

// Earner is a distributor as commission sees it: who earns, under whom,
// at which level.
type Earner struct {
	ID        int64
	ShopperID int64
	ParentID  *int64
	Status    Status
	LevelID   *int64
	// SalesTotal and SettledTotal are read only by Earners, for the level
	// rises within one batch of payments.
	SalesTotal, SettledTotal money.Fen
}

// Earner reads distributor id in tx; nil, nil when there is none.
func (s *Service) Earner(ctx context.Context, tx *gorm.DB, id int64) (*Earner, error) {
	var e Earner
	err := tx.WithContext(ctx).Table("distributors").Select("id, shopper_id, parent_id, status, level_id").Where("id = ?", id).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load distributor %d: %w", id, err)
	}
	return &e, nil
}

// EarnerOfShopper reads the distributor that is shopper shopperID, in tx;
// nil, nil when the shopper never was one.
func (s *Service) EarnerOfShopper(ctx context.Context, tx *gorm.DB, shopperID int64) (*Earner, error) {
	var e Earner
	err := tx.WithContext(ctx).Table("distributors").Select("id, shopper_id, parent_id, status, level_id").Where("shopper_id = ?", shopperID).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load distributor of shopper %d: %w", shopperID, err)
	}
	return &e, nil
}

// Earners reads the distributors of ids with their level figures, in one
// query in tx; ids that name nobody are absent.
func (s *Service) Earners(ctx context.Context, tx *gorm.DB, ids []int64) ([]Earner, error) {
	var es []Earner
	if err := tx.WithContext(ctx).Table("distributors").Select("id, shopper_id, parent_id, status, level_id, sales_total, settled_total").
		Where("id IN ?", ids).Find(&es).Error; err != nil {
		return nil, fmt.Errorf("load distributors %v: %w", ids, err)
	}
	return es, nil
}

// LevelsByRank reads every level in tx, lowest rank first.
func (s *Service) LevelsByRank(ctx context.Context, tx *gorm.DB) ([]Level, error) {
	return levelsByRank(tx.WithContext(ctx))
}

func levelsByRank(tx *gorm.DB) ([]Level, error) {
	var levels []Level
	if err := tx.Order("rank").Find(&levels).Error; err != nil {
		return nil, fmt.Errorf("load levels: %w", err)
	}
	return levels, nil
}

// LevelOf reads level id in tx; nil, nil when it is gone (or id is nil).
func (s *Service) LevelOf(ctx context.Context, tx *gorm.DB, id *int64) (*Level, error) {
	if id == nil {
		return nil, nil
	}
	var l Level
	err := tx.WithContext(ctx).Where("id = ?", *id).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load level %d: %w", *id, err)
	}
	return &l, nil
}

// CountPaidOrders adds paid orders to their tier-1 distributors' counts
// (distributor id -> orders), the centre's "orders" figure, so that figure
// never needs a scan of orders. The rows are locked in id order first: a
// payment takes its distributors' rows before their ledger balances, as
// refunds and settlement do.
//
// Lock order: step 4 (see package distribution).
func (s *Service) CountPaidOrders(ctx context.Context, tx *gorm.DB, counts map[int64]int64) error {
	if len(counts) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
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

// LockDistributors takes the row locks of the distributors, in id order,
// without changing them (PostgreSQL; SQLite's writers never overlap). It
// takes the lock an UPDATE takes (FOR NO KEY UPDATE), not FOR UPDATE: the
// latter would also block the foreign-key checks of a concurrent payment
// inserting commission records of these distributors, and deadlock.
//
// Lock order: step 4 (see package distribution).
func (s *Service) LockDistributors(ctx context.Context, tx *gorm.DB, ids []int64) error {
	d := database.DialectOf(tx)
	if !d.LocksRows() || len(ids) == 0 {
		return nil
	}
	var locked []int64
	if err := tx.WithContext(ctx).Raw("SELECT id FROM distributors WHERE id IN ? ORDER BY id"+d.ForNoKeyUpdate(), ids).Scan(&locked).Error; err != nil {
		return fmt.Errorf("lock distributors %v: %w", ids, err)
	}
	return nil
}
