package payment

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"fenxiao/internal/platform/jobs"
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

// RefundArgs sends one processing refund to its provider.
type RefundArgs struct {
	RefundID int64 `json:"refund_id"`
}

// Kind names the job.
func (RefundArgs) Kind() string { return "payment.refund" }

type refundWorker struct {
	river.WorkerDefaults[RefundArgs]
	s *Service
}

func (w *refundWorker) Work(ctx context.Context, job *river.Job[RefundArgs]) error {
	return w.s.SendRefund(ctx, job.Args.RefundID)
}

// RefundPollJob asks the providers about refunds still processing.
const RefundPollJob = "payment.query_refunds"

// PollJob is the periodic question to the providers about pending
// attempts (`fenxiao jobs run payment.query_pending`).
const PollJob = "payment.query_pending"

// RegisterJobs adds the close and refund workers (and lets cancellations
// and approvals enqueue them) and the pending-payment and refund polls.
func RegisterJobs(q *jobs.Queue, s *Service) {
	river.AddWorker(q.Workers(), &closeWorker{s: s})
	river.AddWorker(q.Workers(), &refundWorker{s: s})
	q.AddPeriodic(jobs.Periodic{Name: RefundPollJob, Interval: time.Minute, Run: func(ctx context.Context) (string, error) {
		n, err := s.PollRefunds(ctx)
		return fmt.Sprintf("asked about %d processing refunds", n), err
	}})
	q.AddPeriodic(jobs.Periodic{Name: PollJob, Interval: time.Minute, Run: func(ctx context.Context) (string, error) {
		n, err := s.PollPending(ctx)
		return fmt.Sprintf("asked about %d pending payments", n), err
	}})
}
