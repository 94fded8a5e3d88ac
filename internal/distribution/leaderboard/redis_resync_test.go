package leaderboard_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/testkit"
)

// After Redis lost or corrupted its sets, a resync makes it answer exactly
// what the SQL board answers.
func TestRedisResyncRestoresTheSQLRankings(t *testing.T) {
	t.Parallel()
	c, prefix := redisClient(t)
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		q := openQueue(t, db)
		now := sh(2026, 11, 23, 12, 0, 0)
		sqlBoard := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		redisBoard := leaderboard.NewRedis(sqlBoard, c, prefix+t.Name()+":", q)
		ctx := context.Background()
		err := db.Gorm.Transaction(func(tx *gorm.DB) error {
			for _, ev := range scenario(7, 400) {
				if err := sqlBoard.Record(ctx, tx, ev); err != nil { // SQL only: Redis never heard of these
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Stale junk that the resync must replace.
		if _, err := redisBoard.Mirror(ctx, leaderboard.Event{DistributorID: 999, Metric: leaderboard.MetricSales, Amount: 1 << 40, At: now, Key: "junk"}); err != nil {
			t.Fatal(err)
		}
		n, err := redisBoard.Resync(ctx)
		if err != nil || n == 0 {
			t.Fatalf("resync wrote %d: %v", n, err)
		}
		for _, m := range leaderboard.Metrics {
			for _, p := range leaderboard.Periods {
				want, err := sqlBoard.Top(ctx, m, p, 100)
				if err != nil {
					t.Fatal(err)
				}
				got, err := redisBoard.Top(ctx, m, p, 100)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 && len(got) == 0 {
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s/%s after resync:\n redis %v\n sql   %v", m, p, got, want)
				}
				for _, e := range want[:min(5, len(want))] {
					r, ok, err := redisBoard.Rank(ctx, m, p, e.DistributorID)
					if err != nil || !ok || r != e {
						t.Fatalf("rank of %d: %+v %v %v, want %+v", e.DistributorID, r, ok, err, e)
					}
				}
			}
		}
	})
}
