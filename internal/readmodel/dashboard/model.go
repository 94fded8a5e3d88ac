// Package dashboard is the merchant's overview: sales, orders, commission
// and growth over today, the last 7 or the last 30 days, bucketed by hour
// or by day in China Standard Time (platform/cst), and the distributors
// who sold most. It only reads.
//
// # What each figure counts
//
// Every figure counts what happened inside the range, by the time it
// happened; nothing is netted against later events:
//
//   - gmv, paid_orders: orders whose paid_at falls in the range (or
//     bucket), at their full pay_amount. Refunds are NOT subtracted: an
//     order paid on Monday and refunded on Tuesday stays in Monday's GMV
//     (gross merchandise value), so a past day's figures never change.
//   - orders: orders placed (created_at) in the range, whatever became of
//     them.
//   - paid_conversion_bp: of the orders placed in the range, the share
//     that has been paid by now (whenever), in basis points rounded half
//     up (ConversionBP); 0 when no order was placed. Counting placed
//     orders on both sides keeps it within 0..10000: "paid in the range /
//     placed in the range" would exceed 100% when orders placed before the
//     range are paid inside it.
//   - commission_accrued: commission_accrue ledger postings made in the
//     range (what reached distributors' pending balances); commissions
//     later reversed by refunds are not subtracted.
//   - commission_settled: commission_settle postings (pending -> available)
//     made in the range.
//   - commission_paid_out: the paid_out side of withdraw_paid postings made
//     in the range: the net that reached distributors, withdrawal fees
//     excluded (see package withdrawal).
//   - new_distributors: distributors whose joined_at falls in the range,
//     whatever their status now. new_shoppers: shopper accounts created in
//     the range, deleted ones included.
//   - top_distributors: the 10 tier-1 distributors (orders.distributor_id)
//     with the most gmv as defined above in the range, ties by distributor
//     id ascending; commission is everything accrued to them in the range
//     (commission_records.amount, both tiers, reversals not subtracted).
//     The shop leaderboard differs on purpose: its sales are net of
//     refunds.
package dashboard

import (
	"time"

	"fenxiao/internal/platform/money"
)

// Range is the period a dashboard covers.
type Range string

const (
	RangeToday Range = "today" // hourly buckets from 00:00 through the current hour
	Range7d    Range = "7d"    // daily buckets: today and the 6 days before
	Range30d   Range = "30d"   // daily buckets: today and the 29 days before
)

// Ranges lists every range.
var Ranges = []Range{RangeToday, Range7d, Range30d}

// TopN is how many distributors TopDistributors lists.
const TopN = 10

// Dashboard is the whole overview. From and To are the first and last
// calendar day covered (both inclusive, Asia/Shanghai), equal for today.
type Dashboard struct {
	Range           Range            `json:"range"`
	From            string           `json:"from"`
	To              string           `json:"to"`
	Totals          Totals           `json:"totals"`
	Series          []Bucket         `json:"series"`
	TopDistributors []TopDistributor `json:"top_distributors"`
}

// Totals are the range's figures (see the package doc for definitions).
// Each series column sums to its total.
type Totals struct {
	GMV               money.Fen `json:"gmv"`
	Orders            int64     `json:"orders"`
	PaidOrders        int64     `json:"paid_orders"`
	PaidConversionBP  money.BP  `json:"paid_conversion_bp"`
	CommissionAccrued money.Fen `json:"commission_accrued"`
	CommissionSettled money.Fen `json:"commission_settled"`
	CommissionPaidOut money.Fen `json:"commission_paid_out"`
	NewDistributors   int64     `json:"new_distributors"`
	NewShoppers       int64     `json:"new_shoppers"`
}

// Bucket is one hour (label "10:00") or one day (label "11-17"); Start is
// its first instant in Asia/Shanghai time. Empty buckets are present with
// zeros.
type Bucket struct {
	Label             string    `json:"label"`
	Start             time.Time `json:"start"`
	GMV               money.Fen `json:"gmv"`
	Orders            int64     `json:"orders"`
	PaidOrders        int64     `json:"paid_orders"`
	CommissionAccrued money.Fen `json:"commission_accrued"`
	NewDistributors   int64     `json:"new_distributors"`
}

// TopDistributor is one of the range's best sellers.
type TopDistributor struct {
	DistributorID int64     `json:"distributor_id"`
	Nickname      string    `json:"nickname"`
	Sales         money.Fen `json:"sales"`
	Orders        int64     `json:"orders"`
	Commission    money.Fen `json:"commission"`
}

// ConversionBP is paid out of placed in basis points, rounded half up
// (2 of 3 is 6667, 1 of 3 is 3333, 1 of 20000 is 1); 0 when placed is 0.
// Integer arithmetic only: paid*10000 fits int64 for any real count.
func ConversionBP(paid, placed int64) money.BP {
	if placed <= 0 || paid <= 0 {
		return 0
	}
	return money.BP((paid*2*int64(money.FullRate) + placed) / (2 * placed))
}
