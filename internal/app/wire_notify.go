package app

import (
	"context"
	"fmt"
	"time"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/jobs"
)

// wireNotify builds in-app notifications (with their after-commit delivery
// worker) and the distributor leaderboard. The SQL board's counters are
// the source of truth: money events record leaderboard events in their
// transaction, which the board counts in batches soon after (App.Run
// counts every half second, reads count first). With FENXIAO_REDIS_URL
// set, reads come from Redis sorted sets fed by mirror jobs enqueued in
// the money event's transaction, and rebuilt from SQL when the
// server starts and every hour (leaderboard.Redis.Resync), so an emptied
// or stale Redis heals itself.
// Extra notification channels (webhook, WeChat subscribe messages) are
// added here with notify.WithChannel once their settings exist.
func (a *App) wireNotify() error {
	a.Notify = notify.NewService(a.DB.Gorm, a.Jobs, notify.WithLogger(a.Log))
	notify.RegisterJobs(a.Jobs, a.Notify)
	sqlBoard := leaderboard.NewSQL(a.DB.Gorm)
	a.Leaderboard, a.leaderboardCounter = sqlBoard, sqlBoard
	if a.Redis == nil {
		return nil
	}
	redisBoard := leaderboard.NewRedis(sqlBoard, a.Redis, "fenxiao:lb:", a.Jobs)
	leaderboard.RegisterJobs(a.Jobs, redisBoard)
	a.Jobs.AddPeriodic(jobs.Periodic{Name: "leaderboard.resync", Interval: time.Hour, RunOnStart: true,
		Run: func(ctx context.Context) (string, error) {
			n, err := redisBoard.Resync(ctx)
			return fmt.Sprintf("wrote %d leaderboard entries to Redis", n), err
		}})
	a.Leaderboard = redisBoard
	return nil
}
