package export

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"fenxiao/internal/platform/jobs"
)

// BuildArgs builds one export.
type BuildArgs struct {
	ExportID int64 `json:"export_id"`
}

// Kind names the job.
func (BuildArgs) Kind() string { return "export.build" }

type buildWorker struct {
	river.WorkerDefaults[BuildArgs]
	s *Service
}

func (w *buildWorker) Work(ctx context.Context, job *river.Job[BuildArgs]) error {
	err := w.s.Build(ctx, job.Args.ExportID)
	if err != nil && job.Attempt >= job.MaxAttempts {
		w.s.markFailed(ctx, job.Args.ExportID, err)
	}
	return err
}

// Timeout gives large exports room: River's default is one minute.
func (w *buildWorker) Timeout(*river.Job[BuildArgs]) time.Duration { return 30 * time.Minute }

// ExpireJob is the periodic cleanup of old export files.
const ExpireJob = "export.expire"

// RegisterJobs adds the build worker and the hourly expiry.
func RegisterJobs(q *jobs.Queue, s *Service) {
	river.AddWorker(q.Workers(), &buildWorker{s: s})
	q.AddPeriodic(jobs.Periodic{Name: ExpireJob, Interval: time.Hour, Run: func(ctx context.Context) (string, error) {
		n, err := s.Expire(ctx)
		return fmt.Sprintf("expired %d exports", n), err
	}})
}
