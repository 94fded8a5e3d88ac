package notify

import (
	"context"
	"fmt"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/jobs"
	"github.com/riverqueue/river"
)

// DeliverArgs delivers one committed notification through one channel.
// One job per channel, so a failing channel retries alone.
type DeliverArgs struct {
	NotificationID int64  `json:"notification_id"`
	Channel        string `json:"channel"`
}

// Kind names the job.
func (DeliverArgs) Kind() string { return "notify.deliver" }

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	s *Service
}

func (w *deliverWorker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	return w.s.Deliver(ctx, job.Args.NotificationID, job.Args.Channel)
}

// RegisterJobs adds the delivery worker.
func RegisterJobs(q *jobs.Queue, s *Service) {
	river.AddWorker(q.Workers(), &deliverWorker{s: s})
}

// Deliver sends notification id through the named channel (the job's work;
// also callable directly). A channel no longer configured or a vanished
// notification cancels the job instead of retrying forever; a channel error
// is returned so River retries with backoff.
func (s *Service) Deliver(ctx context.Context, id int64, channel string) error {
	var ch Channel
	for _, c := range s.channels {
		if c.Name() == channel {
			ch = c
		}
	}
	if ch == nil {
		return river.JobCancel(fmt.Errorf("notification channel %q is not configured", channel))
	}
	n, err := loadNotification(s.db.WithContext(ctx), id)
	if apperr.Is(err, apperr.CodeNotFound) {
		return river.JobCancel(fmt.Errorf("notification %d not found", id))
	}
	if err != nil {
		return err
	}
	if err := ch.Deliver(ctx, n); err != nil {
		s.log.Warn("notification delivery failed", "notification_id", id, "channel", channel, "err", err)
		return fmt.Errorf("deliver notification %d via %s: %w", id, channel, err)
	}
	return nil
}
