package payment

import (
	"context"

	"github.com/riverqueue/river"

	"fenxiao/internal/jobs"
)

// CloseArgs closes a cancelled order's open provider trades.
type CloseArgs struct {
	OrderID int64 `json:"order_id"`
}

// Kind names the job.
func (CloseArgs) Kind() string { return "payment.close" }

type closeWorker struct {
	river.WorkerDefaults[CloseArgs]
	s *Service
}

func (w *closeWorker) Work(ctx context.Context, job *river.Job[CloseArgs]) error {
	return w.s.CloseOpen(ctx, job.Args.OrderID)
}

// RegisterJobs adds the close worker and lets cancellations enqueue it.
func RegisterJobs(q *jobs.Queue, s *Service) {
	s.jobs = q
	river.AddWorker(q.Workers(), &closeWorker{s: s})
}
