package leaderboard_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/testkit"
)

// ranked applies the documented rule to values (by distributor id): value
// descending, then id ascending, ranks from 1.
func ranked(values map[int64]int64) []leaderboard.Entry {
	out := make([]leaderboard.Entry, 0, len(values))
	for id, v := range values {
		out = append(out, leaderboard.Entry{DistributorID: id, Value: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Value != out[j].Value {
			return out[i].Value > out[j].Value
		}
		return out[i].DistributorID < out[j].DistributorID
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// openDB opens and migrates a fresh database for dbURL.
func openDB(t testing.TB, dbURL string) *database.DB {
	t.Helper()
	db, err := database.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// openQueue builds a migrated River queue on db.
func openQueue(t testing.TB, db *database.DB) *jobs.Queue {
	t.Helper()
	q, err := jobs.NewQueue(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return q
}

// redisClient returns a client for FENXIAO_TEST_REDIS_URL and a key prefix
// unique to this test, or skips.
func redisClient(t testing.TB) (*redis.Client, string) {
	t.Helper()
	url := os.Getenv(testkit.RedisEnv)
	if url == "" {
		t.Skip(testkit.RedisEnv + " not set")
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	prefix := fmt.Sprintf("test:lb:%d:", time.Now().UnixNano())
	t.Cleanup(func() {
		ctx := context.Background()
		if keys, err := c.Keys(ctx, prefix+"*").Result(); err == nil && len(keys) > 0 {
			c.Del(ctx, keys...)
		}
		c.Close()
	})
	return c, prefix
}

// clock is a settable clock for WithClock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

var cst = time.FixedZone("CST", 8*3600)

// sh is a wall-clock time in Shanghai.
func sh(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, cst)
}
