package payment

import (
	"context"
	"fmt"
	"time"

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

// PollJob is the periodic question to the providers about pending
// attempts (`fenxiao jobs run payment.query_pending`).
const PollJob = "payment.query_pending"

// RegisterJobs adds the close worker (and lets cancellations enqueue it)
// and the pending-payment poll.
func RegisterJobs(q *jobs.Queue, s *Service) {
	s.jobs = q
	river.AddWorker(q.Workers(), &closeWorker{s: s})
	q.AddPeriodic(jobs.Periodic{Name: PollJob, Interval: time.Minute, Run: func(ctx context.Context) (string, error) {
		n, err := s.PollPending(ctx)
		return fmt.Sprintf("asked about %d pending payments", n), err
	}})
}
