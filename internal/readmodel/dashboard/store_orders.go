package dashboard

import (
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/order"
)

// orderRow is one group of orders: the bucket they were placed in and the
// one they were paid in (-1: outside the window or not paid in it).
type orderRow struct {
	PlacedB int64
	PaidB   int64
	N       int64
	Paid    int64 // of N, how many are paid (whenever)
	Amount  int64 // their pay_amount
}

// orderBuckets counts orders by the bucket they were placed in and the
// one they were paid in, in one pass over the orders placed from
// payLookback before the window to its end.
func orderBuckets(db *gorm.DB, w window) ([]orderRow, error) {
	start, end := w.start.UTC(), w.end().UTC()
	args := append([]any{start}, bucketArgs(w)...)
	args = append(append(args, start, end), bucketArgs(w)...)
	var rows []orderRow
	err := db.Table("orders").
		Select("CASE WHEN created_at >= ? THEN "+bucketOf(db, "created_at")+" ELSE -1 END AS placed_b, "+
			"CASE WHEN paid_at >= ? AND paid_at < ? THEN "+bucketOf(db, "paid_at")+" ELSE -1 END AS paid_b, "+
			"COUNT(*) AS n, SUM(CASE WHEN paid_at IS NOT NULL THEN 1 ELSE 0 END) AS paid, COALESCE(SUM(pay_amount), 0) AS amount", args...).
		Where("status IN ? AND created_at >= ? AND created_at < ?", order.Statuses, start.Add(-payLookback), end).
		Group("placed_b, paid_b").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard orders: %w", err)
	}
	return rows, nil
}

// paidInWindow is the orders paid in w, found through created_at (every
// status is listed so the index applies; paid_at decides). SQLite
// is told to use orders_status: for the top sellers' GROUP BY
// distributor_id its planner otherwise prefers a skip-scan of
// orders_distributor, ten times slower on a million orders.
func paidInWindow(db *gorm.DB, w window) *gorm.DB {
	return db.Table(database.DialectOf(db).TableIndexedBy("orders", "orders_status")).
		Where("status IN ? AND created_at >= ? AND created_at < ?", order.Statuses, w.start.Add(-payLookback).UTC(), w.end().UTC()).
		Where("paid_at >= ? AND paid_at < ?", w.start.UTC(), w.end().UTC())
}
