package leaderboard_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/leaderboard"
	"fenxiao/internal/testkit"
)

const benchDistributors = 100_000

// benchBoard seeds counters for 100k distributors in every period of the
// sales metric (400k rows) with batched multi-row inserts in one
// transaction. Values are random, with ties.
func benchBoard(b *testing.B) (*leaderboard.SQL, time.Time) {
	b.Helper()
	db := openDB(b, testkit.FreshDatabaseURL(b, "sqlite"))
	now := sh(2026, 11, 23, 12, 0, 0)
	r := rand.New(rand.NewPCG(1, 2))
	const batch = 500
	err := db.Gorm.Transaction(func(tx *gorm.DB) error {
		for _, m := range []leaderboard.Metric{leaderboard.MetricSales} {
			for _, p := range leaderboard.Periods {
				key := leaderboard.Bucket(p, now)
				for start := 1; start <= benchDistributors; start += batch {
					args := make([]any, 0, batch*5)
					for id := start; id < start+batch; id++ {
						args = append(args, string(m), string(p), key, id, r.Int64N(200_000)-1000)
					}
					sql := "INSERT INTO leaderboard_counters (metric, period_kind, period_key, distributor_id, value) VALUES " +
						strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?),", batch), ",")
					if err := tx.Exec(sql, args...).Error; err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
	return leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now })), now
}

func BenchmarkLeaderboardTop(b *testing.B) {
	board, _ := benchBoard(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		es, err := board.Top(ctx, leaderboard.MetricSales, leaderboard.Periods[i%len(leaderboard.Periods)], 50)
		if err != nil || len(es) != 50 {
			b.Fatalf("top: %d %v", len(es), err)
		}
	}
}

// Rank counts the distributors ahead with an index-only range count, so
// its cost grows with the rank: "random" is a uniformly random distributor
// (on average 50k ahead), "leaders" one of the first 100.
func BenchmarkLeaderboardRank(b *testing.B) {
	board, _ := benchBoard(b)
	ctx := context.Background()
	top, err := board.Top(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, leaderboard.MaxTop)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("random", func(b *testing.B) {
		r := rand.New(rand.NewPCG(3, 4))
		for i := 0; i < b.N; i++ {
			if _, ok, err := board.Rank(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, 1+r.Int64N(benchDistributors)); err != nil || !ok {
				b.Fatalf("rank: %v %v", ok, err)
			}
		}
	})
	b.Run("leaders", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			id := top[i%len(top)].DistributorID
			e, ok, err := board.Rank(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, id)
			if err != nil || !ok || e != top[i%len(top)] {
				b.Fatalf("rank %d: %+v %v %v, want %+v", id, e, ok, err, top[i%len(top)])
			}
		}
	})
}
