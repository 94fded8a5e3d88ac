package dashboard

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/database"
)

// The queries: each is one range scan of an existing index, aggregated
// and grouped by bucket number in the database, so a 30-day dashboard
// returns a few dozen rows however many orders it covers.
//
//	orders placed and paid  orders_status (status IN every status, created_at range), one pass
//	top 10 sellers          orders_status (status IN every status, created_at range)
//	ledger postings         ledger_entries_type (type, created_at) -> ledger_lines_entry
//	new shoppers            shoppers_created
//	top commission          commission_records_distributor (distributor_id, created_at)
//
// There is no index on orders.paid_at, so paid orders are found through
// their created_at: an order is paid within its payment window (at most
// 1440 minutes, order.Settings; the providers refuse payment after it,
// and paid_at is the provider's time even when the notice comes late), so
// an order paid in the range was placed at most payLookback before it.
// new_distributors scans distributors (no index on joined_at); that table
// is a small fraction of orders.

// payLookback bounds how long before being paid an order was placed: the
// longest payment window (24 h) plus as much again for clock skew.
const payLookback = 48 * time.Hour

// bucketOf is SQL for the bucket number of timestamp column col:
// (unix seconds - start) / step, with start and step as its two
// arguments. Only for col >= start: integer division truncates toward
// zero. The two dialects store time differently (SQLite: text;
// PostgreSQL: timestamptz) but both yield Unix seconds.
func bucketOf(db *gorm.DB, col string) string {
	d := database.DialectOf(db)
	return "(" + d.EpochSeconds(col) + " - " + d.Param("BIGINT") + ") / " + d.Param("BIGINT")
}

// bucketArgs are bucketOf's arguments for w.
func bucketArgs(w window) []any {
	return []any{w.start.Unix(), int64(w.step / time.Second)}
}

// bucketRow is one bucket of a grouped query.
type bucketRow struct {
	B int64
	N int64
}

func grouped(q *gorm.DB, w window, col, what string) ([]bucketRow, error) {
	var rows []bucketRow
	err := q.Select(bucketOf(q, col)+" AS b, COUNT(*) AS n", bucketArgs(w)...).Group("b").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard %s: %w", what, err)
	}
	return rows, nil
}

// newDistributors counts distributors by the bucket they joined in.
func newDistributors(db *gorm.DB, w window) ([]bucketRow, error) {
	q := db.Table("distributors").Where("joined_at >= ? AND joined_at < ?", w.start.UTC(), w.end().UTC())
	return grouped(q, w, "joined_at", "new distributors")
}

// postingRow is the sum of one posting type's lines in one bucket.
type postingRow struct {
	EntryType string
	B         int64
	Amount    int64
}

// postedSides are the entry types the dashboard reports, each with the
// distributor balance whose lines measure it: accruals fill pending,
// settlements fill available, payouts fill paid_out (net of the
// withdrawal fee).
var postedSides = []struct {
	typ  ledger.EntryType
	kind ledger.Kind
}{
	{ledger.TypeCommissionAccrue, ledger.KindPending},
	{ledger.TypeCommissionSettle, ledger.KindAvailable},
	{ledger.TypeWithdrawPaid, ledger.KindPaidOut},
}

// postings sums, per type and bucket, the measured side of the accruals,
// settlements and payouts posted in w.
func postings(db *gorm.DB, w window) ([]postingRow, error) {
	types := make([]ledger.EntryType, len(postedSides))
	sides := make([]string, len(postedSides))
	var args []any
	for i, p := range postedSides {
		types[i] = p.typ
		sides[i] = "(e.type = ? AND a.kind = ?)"
		args = append(args, p.typ, p.kind)
	}
	var rows []postingRow
	err := db.Table("ledger_entries e").
		Joins("JOIN ledger_lines l ON l.entry_id = e.id").
		Joins("JOIN ledger_accounts a ON a.id = l.account_id").
		Select("e.type AS entry_type, "+bucketOf(db, "e.created_at")+" AS b, COALESCE(SUM(l.amount), 0) AS amount", bucketArgs(w)...).
		Where("e.type IN ? AND e.created_at >= ? AND e.created_at < ?", types, w.start.UTC(), w.end().UTC()).
		Where("a.owner_type = ?", ledger.OwnerDistributor).
		Where("("+strings.Join(sides, " OR ")+")", args...).
		Group("e.type, b").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard ledger postings: %w", err)
	}
	return rows, nil
}

// newShoppers counts shopper accounts created in w.
func newShoppers(db *gorm.DB, w window) (int64, error) {
	var n int64
	err := db.Table("shoppers").Where("created_at >= ? AND created_at < ?", w.start.UTC(), w.end().UTC()).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("dashboard new shoppers: %w", err)
	}
	return n, nil
}
