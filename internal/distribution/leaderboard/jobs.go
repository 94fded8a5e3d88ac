package leaderboard

import (
	"context"

	"github.com/riverqueue/river"

	"fenxiao/internal/platform/jobs"
)

type mirrorWorker struct {
	river.WorkerDefaults[MirrorArgs]
	r *Redis
}

func (w *mirrorWorker) Work(ctx context.Context, job *river.Job[MirrorArgs]) error {
	a := job.Args
	_, err := w.r.Mirror(ctx, Event{DistributorID: a.DistributorID, Metric: a.Metric, Amount: a.Amount, At: a.At, Key: a.Key})
	return err
}

// RegisterJobs adds the worker that mirrors committed events into Redis.
func RegisterJobs(q *jobs.Queue, r *Redis) {
	river.AddWorker(q.Workers(), &mirrorWorker{r: r})
}
