package leaderboard_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/testkit"
)

const benchDistributors = 100_000

// benchBoard seeds counters for 100k distributors in every period of two
// metrics (800k rows) with batched multi-row inserts in one transaction,
// then builds their rank histogram. Sales are random amounts (few ties);
// new customers are 0..5, so nearly everyone ties with 20k others.
func benchBoard(b *testing.B, dialect string) (*leaderboard.SQL, time.Time) {
	b.Helper()
	db := openDB(b, testkit.FreshDatabaseURL(b, dialect))
	now := sh(2026, 11, 23, 12, 0, 0)
	r := rand.New(rand.NewPCG(1, 2))
	value := map[leaderboard.Metric]func() int64{
		leaderboard.MetricSales:        func() int64 { return r.Int64N(200_000) - 1000 },
		leaderboard.MetricNewCustomers: func() int64 { return r.Int64N(6) },
	}
	const batch = 500
	err := db.Gorm.Transaction(func(tx *gorm.DB) error {
		for _, m := range []leaderboard.Metric{leaderboard.MetricSales, leaderboard.MetricNewCustomers} {
			for _, p := range leaderboard.Periods {
				key := leaderboard.Bucket(p, now)
				for start := 1; start <= benchDistributors; start += batch {
					args := make([]any, 0, batch*5)
					for id := start; id < start+batch; id++ {
						args = append(args, string(m), string(p), key, id, value[m]())
					}
					sql := "INSERT INTO leaderboard_counters (metric, period_kind, period_key, distributor_id, value) VALUES " +
						strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?),", batch), ",")
					if err := tx.Exec(sql, args...).Error; err != nil {
						return err
					}
				}
			}
		}
		return leaderboard.RebuildHistogram(tx)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
	return leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now })), now
}

// BenchmarkLeaderboard measures the SQL board's reads over 100k
// distributors on each available database. Rank sums histogram cells (see
// rank.go), so a random distributor, a leader and a distributor tied with
// 20k others all cost about the same; p99-ms is the 99th percentile call.
func BenchmarkLeaderboard(b *testing.B) {
	for _, d := range testkit.Dialects() {
		b.Run(d, func(b *testing.B) {
			board, _ := benchBoard(b, d)
			ctx := context.Background()
			top, err := board.Top(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, leaderboard.MaxTop)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("top50", func(b *testing.B) {
				testkit.BenchP99(b, nil, func(i int) {
					es, err := board.Top(ctx, leaderboard.MetricSales, leaderboard.Periods[i%len(leaderboard.Periods)], 50)
					if err != nil || len(es) != 50 {
						b.Fatalf("top: %d %v", len(es), err)
					}
				})
			})
			for _, c := range []struct {
				name   string
				metric leaderboard.Metric
			}{{"rank_random", leaderboard.MetricSales}, {"rank_random_ties", leaderboard.MetricNewCustomers}} {
				b.Run(c.name, func(b *testing.B) {
					r := rand.New(rand.NewPCG(3, 4))
					testkit.BenchP99(b, nil, func(int) {
						if _, ok, err := board.Rank(ctx, c.metric, leaderboard.PeriodMonth, 1+r.Int64N(benchDistributors)); err != nil || !ok {
							b.Fatalf("rank: %v %v", ok, err)
						}
					})
				})
			}
			b.Run("rank_leaders", func(b *testing.B) {
				testkit.BenchP99(b, nil, func(i int) {
					want := top[i%len(top)]
					e, ok, err := board.Rank(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, want.DistributorID)
					if err != nil || !ok || e != want {
						b.Fatalf("rank %d: %+v %v %v, want %+v", want.DistributorID, e, ok, err, want)
					}
				})
			})
		})
	}
}
