package order

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
)

// Names of the periodic sweeps (`fenxiao jobs run order.auto_cancel`).
const (
	SweepAutoCancel  = "order.auto_cancel"
	SweepAutoConfirm = "order.auto_confirm"
)

// AutoCancelArgs schedules the cancellation of one unpaid order at its
// expiry. Enqueued in the checkout transaction.
type AutoCancelArgs struct {
	OrderID int64 `json:"order_id"`
}

// Kind names the job.
func (AutoCancelArgs) Kind() string { return "order.auto_cancel" }

// AutoConfirmArgs schedules the completion of one shipped order.
// Enqueued in the shipping transaction.
type AutoConfirmArgs struct {
	OrderID int64 `json:"order_id"`
}

// Kind names the job.
func (AutoConfirmArgs) Kind() string { return "order.auto_confirm" }

type autoCancelWorker struct {
	river.WorkerDefaults[AutoCancelArgs]
	s *Service
}

func (w *autoCancelWorker) Work(ctx context.Context, job *river.Job[AutoCancelArgs]) error {
	_, err := w.s.AutoCancel(ctx, job.Args.OrderID)
	return err
}

type autoConfirmWorker struct {
	river.WorkerDefaults[AutoConfirmArgs]
	s *Service
}

func (w *autoConfirmWorker) Work(ctx context.Context, job *river.Job[AutoConfirmArgs]) error {
	_, err := w.s.AutoConfirm(ctx, job.Args.OrderID)
	return err
}

// RegisterJobs adds the per-order workers and the periodic sweeps. The
// sweeps are the safety net: they catch orders whose job was lost or
// whose due time moved because the settings changed.
func RegisterJobs(q *jobs.Queue, s *Service) {
	river.AddWorker(q.Workers(), &autoCancelWorker{s: s})
	river.AddWorker(q.Workers(), &autoConfirmWorker{s: s})
	q.AddPeriodic(jobs.Periodic{Name: SweepAutoCancel, Interval: time.Minute, Run: s.SweepAutoCancel})
	q.AddPeriodic(jobs.Periodic{Name: SweepAutoConfirm, Interval: 10 * time.Minute, Run: s.SweepAutoConfirm})
}

// sweepBatch bounds one pass; the next pass picks up the rest.
const sweepBatch = 500

// SweepAutoCancel cancels every overdue unpaid order, one transaction per
// order so one bad row never blocks the others. It returns a summary like
// "cancelled 3" and, if some orders failed, an error naming them.
func (s *Service) SweepAutoCancel(ctx context.Context) (string, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&Order{}).
		Where("status = ? AND expires_at <= ?", StatusPendingPayment, database.Now()).
		Order("id").Limit(sweepBatch).Pluck("id", &ids).Error
	if err != nil {
		return "", fmt.Errorf("find overdue orders: %w", err)
	}
	return sweep(ctx, "cancelled", ids, s.AutoCancel)
}

// SweepAutoConfirm completes every shipped order past auto_confirm_days,
// one transaction per order. It returns a summary like "completed 2".
func (s *Service) SweepAutoConfirm(ctx context.Context) (string, error) {
	cfg, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	var ids []int64
	err = s.db.WithContext(ctx).Model(&Order{}).
		Where("status = ? AND shipped_at <= ?", StatusShipped, database.Now().Add(-cfg.AutoConfirmAfter())).
		Order("id").Limit(sweepBatch).Pluck("id", &ids).Error
	if err != nil {
		return "", fmt.Errorf("find due shipped orders: %w", err)
	}
	return sweep(ctx, "completed", ids, s.AutoConfirm)
}

func sweep(ctx context.Context, verb string, ids []int64, one func(context.Context, int64) (bool, error)) (string, error) {
	done := 0
	var errs []error
	for _, id := range ids {
		ok, err := one(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("order %d: %w", id, err))
			continue
		}
		if ok {
			done++
		}
	}
	summary := fmt.Sprintf("%s %d", verb, done)
	if len(errs) > 0 {
		summary += fmt.Sprintf(", failed %d", len(errs))
	}
	return summary, errors.Join(errs...)
}
