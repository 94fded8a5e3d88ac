package app_test

import (
	"os"
	"strings"
	"testing"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/testkit"
)

// With Redis configured the leaderboard reads come from Redis, and the
// resync job that rebuilds them from SQL is registered (and runs on start).
func TestRedisLeaderboardIsUsedWhenRedisIsConfigured(t *testing.T) {
	t.Parallel()
	url := os.Getenv(testkit.RedisEnv)
	if url == "" {
		t.Skip(testkit.RedisEnv + " not set")
	}
	plain := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"))
	if _, ok := plain.Leaderboard.(*leaderboard.SQL); !ok {
		t.Fatalf("without Redis the board is %T", plain.Leaderboard)
	}
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"), func(c *config.Config) { c.RedisURL = url })
	if _, ok := a.Leaderboard.(*leaderboard.Redis); !ok {
		t.Fatalf("with Redis the board is %T", a.Leaderboard)
	}
	out, err := a.Jobs.RunPeriodic(testkit.Ctx(), "leaderboard.resync")
	if err != nil || !strings.Contains(out, "leaderboard entries") {
		t.Fatalf("resync: %q %v", out, err)
	}
}
