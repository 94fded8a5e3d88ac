package ratelimit

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func limiters(t *testing.T) map[string]Limiter {
	out := map[string]Limiter{"memory": NewMemory()}
	if url := os.Getenv("FENXIAO_TEST_REDIS_URL"); url != "" {
		opt, err := redis.ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		c := redis.NewClient(opt)
		t.Cleanup(func() { c.Close() })
		out["redis"] = NewRedis(c, fmt.Sprintf("test:%d:", time.Now().UnixNano()))
	}
	return out
}

func TestLimiterAllowsUpToLimitThenRefuses(t *testing.T) {
	t.Parallel()
	for name, l := range limiters(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			for i := 1; i <= 3; i++ {
				ok, _, err := l.Allow(ctx, "k", 3, time.Minute)
				if err != nil || !ok {
					t.Fatalf("hit %d: ok=%v err=%v", i, ok, err)
				}
			}
			ok, retry, err := l.Allow(ctx, "k", 3, time.Minute)
			if err != nil || ok || retry <= 0 || retry > time.Minute {
				t.Fatalf("4th hit: ok=%v retry=%v err=%v", ok, retry, err)
			}
			if ok, _, _ := l.Allow(ctx, "other", 3, time.Minute); !ok {
				t.Fatal("keys must be independent")
			}
			if err := l.Reset(ctx, "k"); err != nil {
				t.Fatal(err)
			}
			if ok, _, _ := l.Allow(ctx, "k", 3, time.Minute); !ok {
				t.Fatal("reset must clear the count")
			}
		})
	}
}

func TestMemoryWindowExpires(t *testing.T) {
	t.Parallel()
	m := NewMemory()
	now := time.Unix(1000, 0)
	m.now = func() time.Time { return now }
	ctx := context.Background()
	m.Allow(ctx, "k", 1, time.Minute)
	if ok, _, _ := m.Allow(ctx, "k", 1, time.Minute); ok {
		t.Fatal("second hit in window must be refused")
	}
	now = now.Add(time.Minute)
	if ok, _, _ := m.Allow(ctx, "k", 1, time.Minute); !ok {
		t.Fatal("a new window must allow again")
	}
}
