package app

import (
	"fenxiao/internal/leaderboard"
	"fenxiao/internal/notify"
)

// wireNotify builds in-app notifications (with their after-commit delivery
// worker) and the distributor leaderboard. The leaderboard is the SQL board:
// its counters are the source of truth and its reads are index scans. The
// Redis board (leaderboard.NewRedis + leaderboard.RegisterJobs) is a read
// cache for large deployments; it is not switched on by FENXIAO_REDIS_URL
// alone because an empty Redis would need a rebuild from SQL first.
// Extra notification channels (webhook, WeChat subscribe messages) are
// added here with notify.WithChannel once their settings exist.
func (a *App) wireNotify() error {
	a.Notify = notify.NewService(a.DB.Gorm, a.Jobs, notify.WithLogger(a.Log))
	notify.RegisterJobs(a.Jobs, a.Notify)
	a.Leaderboard = leaderboard.NewSQL(a.DB.Gorm)
	return nil
}
