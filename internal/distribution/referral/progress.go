package referral

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// Progress keeps the figures distributor levels are reached by
// (distributors.sales_total and settled_total) in the transaction of the
// money event, and raises the distributor's level as soon as a threshold
// is reached. Levels only rise automatically: a refund lowers the figure
// but never demotes, so rates do not flip back and forth under a buyer's
// returns (the merchant can still change levels).
//
// Each call is one indexed update (of any number of distributors), one
// small read of the levels and one update per level raised, so its cost
// does not grow with a distributor's history or team.

// AddSales adds amount (negative for refunds) to the distributor's
// attributed sales.
func (s *Service) AddSales(ctx context.Context, tx *gorm.DB, distributorID int64, amount money.Fen) error {
	return s.progress(ctx, tx, "sales_total", map[int64]money.Fen{distributorID: amount})
}

// AddSalesOf adds each distributor's amount to its attributed sales, with
// a fixed number of statements (a batch of payments).
func (s *Service) AddSalesOf(ctx context.Context, tx *gorm.DB, amounts map[int64]money.Fen) error {
	return s.progress(ctx, tx, "sales_total", amounts)
}

// AddSettled adds amount (negative for clawbacks) to the distributor's
// settled commission.
func (s *Service) AddSettled(ctx context.Context, tx *gorm.DB, distributorID int64, amount money.Fen) error {
	return s.progress(ctx, tx, "settled_total", map[int64]money.Fen{distributorID: amount})
}

// progress adds the amounts to column in one update and raises the levels
// of those whose figures rose past a threshold.
//
// Lock order: step 4 (see package distribution), on rows the caller took with
// CountPaidOrders or LockDistributors.
func (s *Service) progress(ctx context.Context, tx *gorm.DB, column string, amounts map[int64]money.Fen) error {
	ids := make([]int64, 0, len(amounts))
	add := database.NewCases(tx, "id", "BIGINT")
	rising := false
	for _, id := range slices.Sorted(maps.Keys(amounts)) {
		if amounts[id] == 0 {
			continue
		}
		ids = append(ids, id)
		add.When(id, int64(amounts[id]))
		rising = rising || amounts[id] > 0
	}
	if len(ids) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	var rows []struct {
		ID                       int64
		SalesTotal, SettledTotal int64
		LevelRank                *int
	}
	err := tx.Raw(`UPDATE distributors SET `+column+` = `+column+` + `+add.SQL()+` WHERE id IN ?
		RETURNING id, sales_total, settled_total, (SELECT `+"rank"+` FROM distributor_levels WHERE distributor_levels.id = distributors.level_id) AS level_rank`,
		append(add.Args(), ids)...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("add %s of distributors %v: %w", column, ids, err)
	}
	if !rising {
		return nil // levels never fall automatically
	}
	levels, err := levelsByRank(tx)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if amounts[row.ID] < 0 {
			continue
		}
		best := BestLevel(levels, money.Fen(row.SalesTotal), money.Fen(row.SettledTotal))
		if best == nil || row.LevelRank != nil && best.Rank <= *row.LevelRank {
			continue
		}
		if err := tx.Exec("UPDATE distributors SET level_id = ?, updated_at = ? WHERE id = ?", best.ID, s.now(), row.ID).Error; err != nil {
			return fmt.Errorf("raise level of distributor %d: %w", row.ID, err)
		}
	}
	return nil
}
