package commission

import (
	"context"
	"fmt"
	"time"

	"fenxiao/internal/platform/jobs"
)

// SettleJob is the name of the periodic settlement job
// (`fenxiao jobs run commission.settle`).
const SettleJob = "commission.settle"

// RegisterJobs adds the periodic settlement. It runs every ten minutes;
// settle_after_days is in days, so that is plenty.
func RegisterJobs(q *jobs.Queue, s *Service) {
	q.AddPeriodic(jobs.Periodic{Name: SettleJob, Interval: 10 * time.Minute, Run: func(ctx context.Context) (string, error) {
		n, err := s.SettleDue(ctx)
		return fmt.Sprintf("settled %d commission records", n), err
	}})
}
