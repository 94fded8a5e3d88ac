// Package leaderboard ranks distributors by sales, commission and new
// customers over today, this week, this month and all time. The SQL board
// (events recorded in the caller's transaction, counted into its counters
// soon after) is the source of truth; the Redis board is an optional read
// cache that mirrors it after commit.
//
// Ranking rule, identical in both implementations: a higher value ranks
// first; equal values rank by distributor id ascending (the distributor who
// joined earlier wins the tie). Rank is therefore 1 + the number of
// distributors with a greater value, plus those with the same value and a
// smaller id. Every distributor with at least one recorded event in a
// period is ranked, whatever its value (zero or negative after clawbacks).
//
// Tables: leaderboard_events, leaderboard_counters, leaderboard_rank_cells.
package leaderboard

import (
	"fmt"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/cst"
)

// Metric is what a board ranks.
type Metric string

const (
	MetricSales        Metric = "sales"         // order amounts in fen
	MetricCommission   Metric = "commission"    // commission in fen
	MetricNewCustomers Metric = "new_customers" // count
)

// Metrics lists every metric.
var Metrics = []Metric{MetricSales, MetricCommission, MetricNewCustomers}

// Period is a time window, in Asia/Shanghai time.
type Period string

const (
	PeriodToday Period = "today"
	PeriodWeek  Period = "week" // ISO week, starting Monday
	PeriodMonth Period = "month"
	PeriodAll   Period = "all"
)

// Periods lists every period.
var Periods = []Period{PeriodToday, PeriodWeek, PeriodMonth, PeriodAll}

// MaxTop bounds Top's n.
const MaxTop = 100

// Event is one change to a distributor's counters. Amount may be negative
// (a refund claws back sales and commission). Key makes it idempotent: a
// second event with the same Key is ignored.
type Event struct {
	DistributorID int64
	Metric        Metric
	Amount        int64
	At            time.Time
	Key           string
}

// Entry is one ranked distributor.
type Entry struct {
	Rank          int   `json:"rank"`
	DistributorID int64 `json:"distributor_id"`
	Value         int64 `json:"value"`
}

// shanghai is China Standard Time. China has had no daylight saving since
// 1991, so a fixed zone is exact and needs no tzdata on the host.
var shanghai = cst.Zone

// bucket names the counter row of period p that time t falls in:
// "2026-11-23", "2026-W48" (ISO week), "2026-11" or "all".
func bucket(p Period, t time.Time) string {
	t = t.In(shanghai)
	switch p {
	case PeriodToday:
		return t.Format("2006-01-02")
	case PeriodWeek:
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case PeriodMonth:
		return t.Format("2006-01")
	default:
		return "all"
	}
}

// Bucket is bucket for callers and tests: the period key t falls in.
func Bucket(p Period, t time.Time) string { return bucket(p, t) }

func validMetric(m Metric) bool {
	for _, v := range Metrics {
		if v == m {
			return true
		}
	}
	return false
}

func validPeriod(p Period) bool {
	for _, v := range Periods {
		if v == p {
			return true
		}
	}
	return false
}

func checkEvent(ev Event) error {
	switch {
	case ev.DistributorID <= 0:
		return apperr.InvalidField("distributor_id", "must be positive")
	case !validMetric(ev.Metric):
		return apperr.InvalidField("metric", "must be one of: sales commission new_customers")
	case ev.Key == "" || len(ev.Key) > 191:
		return apperr.InvalidField("key", "must be 1-191 characters")
	case ev.At.IsZero():
		return apperr.InvalidField("at", "is required")
	}
	return nil
}

func checkQuery(m Metric, p Period) error {
	if !validMetric(m) {
		return apperr.InvalidField("metric", "must be one of: sales commission new_customers")
	}
	if !validPeriod(p) {
		return apperr.InvalidField("period", "must be one of: today week month all")
	}
	return nil
}

func clampTop(n int) int {
	if n < 1 {
		return 10
	}
	if n > MaxTop {
		return MaxTop
	}
	return n
}
