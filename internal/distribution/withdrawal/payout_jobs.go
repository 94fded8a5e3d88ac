package withdrawal

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
)

// PayoutArgs sends an approved withdrawal's transfer (enqueued by Approve).
type PayoutArgs struct {
	WithdrawalID int64 `json:"withdrawal_id"`
}

// Kind names the job.
func (PayoutArgs) Kind() string { return "withdrawal.payout" }

type payoutWorker struct {
	river.WorkerDefaults[PayoutArgs]
	s *Service
}

// Work runs Advance; a retry after a crash finds the payout "sending" and
// asks the provider before anything is sent again.
func (w *payoutWorker) Work(ctx context.Context, job *river.Job[PayoutArgs]) error {
	return w.s.Advance(ctx, job.Args.WithdrawalID)
}

// PayoutPollJob is the periodic question to the providers about open
// payouts (`fenxiao jobs run withdrawal.query_payouts`).
const PayoutPollJob = "withdrawal.query_payouts"

// payoutPollBatch bounds one run of the poll.
const payoutPollBatch = 200

// RegisterJobs adds the payout worker (and lets Approve enqueue it) and
// the poll that picks up payouts left open by lost notifications, provider
// trouble or a crash.
func RegisterJobs(q *jobs.Queue, s *Service) {
	river.AddWorker(q.Workers(), &payoutWorker{s: s})
	q.AddPeriodic(jobs.Periodic{Name: PayoutPollJob, Interval: time.Minute, RunOnStart: true, Run: func(ctx context.Context) (string, error) {
		n, err := s.PollPayouts(ctx)
		return fmt.Sprintf("asked about %d payouts", n), err
	}})
}

// PollPayouts advances the open provider payouts whose next question is
// due and returns how many it looked at. One failing payout does not stop
// the others; the first error is returned after all were tried.
func (s *Service) PollPayouts(ctx context.Context) (int, error) {
	var due []int64
	err := s.db.WithContext(ctx).Model(&Withdrawal{}).
		Where("status = ? AND payout_state IN ? AND (payout_next_at IS NULL OR payout_next_at <= ?)", StatusApproved, openPayoutStates, database.Now()).
		Order("id").Limit(payoutPollBatch).Pluck("id", &due).Error
	if err != nil {
		return 0, fmt.Errorf("find open payouts: %w", err)
	}
	var first error
	for _, id := range due {
		if err := s.Advance(ctx, id); err != nil && first == nil {
			first = fmt.Errorf("advance payout of withdrawal %d: %w", id, err)
		}
	}
	return len(due), first
}
