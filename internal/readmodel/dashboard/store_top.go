package dashboard

import (
	"fmt"

	"gorm.io/gorm"
)

type topRow struct {
	DistributorID int64
	Sales         int64
	N             int64
}

// topSellers are the TopN tier-1 distributors by the pay_amount of their
// orders paid in w, ties by distributor id.
func topSellers(db *gorm.DB, w window) ([]topRow, error) {
	var rows []topRow
	err := paidInWindow(db, w).Where("distributor_id IS NOT NULL").
		Select("distributor_id, SUM(pay_amount) AS sales, COUNT(*) AS n").
		Group("distributor_id").Order("sales DESC, distributor_id").Limit(TopN).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard top distributors: %w", err)
	}
	return rows, nil
}

// nicknames are the shopper nicknames of distributors ids.
func nicknames(db *gorm.DB, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID       int64
		Nickname *string
	}
	err := db.Table("distributors d").Joins("LEFT JOIN shoppers s ON s.id = d.shopper_id").
		Where("d.id IN ?", ids).Select("d.id, s.nickname").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard distributor nicknames: %w", err)
	}
	for _, r := range rows {
		if r.Nickname != nil {
			out[r.ID] = *r.Nickname
		}
	}
	return out, nil
}

// accruedTo sums the commission accrued in w to each of ids (both tiers,
// reversals not subtracted).
func accruedTo(db *gorm.DB, w window, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		DistributorID int64
		Amount        int64
	}
	err := db.Table("commission_records").
		Where("distributor_id IN ? AND created_at >= ? AND created_at < ?", ids, w.start.UTC(), w.end().UTC()).
		Select("distributor_id, COALESCE(SUM(amount), 0) AS amount").Group("distributor_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard top commission: %w", err)
	}
	for _, r := range rows {
		out[r.DistributorID] = r.Amount
	}
	return out, nil
}
