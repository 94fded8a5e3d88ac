package referral

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/money"
)

// Progress keeps the figures distributor levels are reached by
// (distributors.sales_total and settled_total) in the transaction of the
// money event, and raises the distributor's level as soon as a threshold
// is reached. Levels only rise automatically: a refund lowers the figure
// but never demotes, so rates do not flip back and forth under a buyer's
// returns (the merchant can still change levels).
//
// Each call is one indexed update and one small read of the levels, so
// its cost does not grow with the distributor's history or team.

// AddSales adds amount (negative for refunds) to the distributor's
// attributed sales.
func (s *Service) AddSales(ctx context.Context, tx *gorm.DB, distributorID int64, amount money.Fen) error {
	return s.progress(ctx, tx, distributorID, "sales_total", amount)
}

// AddSettled adds amount (negative for clawbacks) to the distributor's
// settled commission.
func (s *Service) AddSettled(ctx context.Context, tx *gorm.DB, distributorID int64, amount money.Fen) error {
	return s.progress(ctx, tx, distributorID, "settled_total", amount)
}

func (s *Service) progress(ctx context.Context, tx *gorm.DB, distributorID int64, column string, amount money.Fen) error {
	if amount == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	var row struct {
		SalesTotal, SettledTotal int64
		LevelRank                *int
	}
	err := tx.Raw(`UPDATE distributors SET `+column+` = `+column+` + ? WHERE id = ?
		RETURNING sales_total, settled_total, (SELECT `+"rank"+` FROM distributor_levels WHERE distributor_levels.id = distributors.level_id) AS level_rank`,
		int64(amount), distributorID).Scan(&row).Error
	if err != nil {
		return fmt.Errorf("add %s of distributor %d: %w", column, distributorID, err)
	}
	if amount < 0 {
		return nil // levels never fall automatically
	}
	var levels []Level
	if err := tx.Order("rank").Find(&levels).Error; err != nil {
		return fmt.Errorf("load levels: %w", err)
	}
	best := BestLevel(levels, money.Fen(row.SalesTotal), money.Fen(row.SettledTotal))
	if best == nil || row.LevelRank != nil && best.Rank <= *row.LevelRank {
		return nil
	}
	if err := tx.Exec("UPDATE distributors SET level_id = ?, updated_at = ? WHERE id = ?", best.ID, s.now(), distributorID).Error; err != nil {
		return fmt.Errorf("raise level of distributor %d: %w", distributorID, err)
	}
	return nil
}
