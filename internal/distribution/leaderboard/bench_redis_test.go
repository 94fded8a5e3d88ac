package leaderboard_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/testkit"
)

// BenchmarkLeaderboardRedis measures the Redis board's reads over 100k
// distributors (skipped without FENXIAO_TEST_REDIS_URL): sorted-set reads
// are O(log n) whatever the rank.
func BenchmarkLeaderboardRedis(b *testing.B) {
	client, prefix := redisClient(b)
	db := openDB(b, testkit.FreshDatabaseURL(b, "sqlite"))
	now := sh(2026, 11, 23, 12, 0, 0)
	board := leaderboard.NewRedis(leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now })), client, prefix, nil)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	for id := int64(1); id <= benchDistributors; id++ {
		ev := leaderboard.Event{DistributorID: id, Metric: leaderboard.MetricSales, Amount: r.Int64N(200_000) - 1000, At: now, Key: fmt.Sprint("seed:", id)}
		if _, err := board.Mirror(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("top50", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if es, err := board.Top(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, 50); err != nil || len(es) != 50 {
				b.Fatalf("top: %d %v", len(es), err)
			}
		}
	})
	b.Run("rank_random", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, ok, err := board.Rank(ctx, leaderboard.MetricSales, leaderboard.PeriodMonth, 1+r.Int64N(benchDistributors)); err != nil || !ok {
				b.Fatalf("rank: %v %v", ok, err)
			}
		}
	})
}
