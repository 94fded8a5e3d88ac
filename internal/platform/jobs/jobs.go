// Package jobs runs Fenxiao's background work on River. Jobs are inserted
// with EnqueueTx inside the same database transaction as the state change
// that causes them, so a committed change always has its job and a rolled
// back change never does. SQLite uses River's SQLite driver; PostgreSQL uses
// River's database/sql Postgres driver on the same pool gorm uses.
//
// River's own migrations (Migrate) create its tables and its clients write
// them; nothing else touches them.
//
// Tables: river_*.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// Periodic is a named job that runs on an interval and can be run at once
// by operators (`fenxiao jobs run NAME`) and tests.
type Periodic struct {
	Name     string
	Interval time.Duration
	// Run does one pass and returns a short human summary.
	Run func(ctx context.Context) (string, error)
	// RunOnStart also runs it as soon as the workers start.
	RunOnStart bool
}

// Queue owns the River client.
type Queue struct {
	driver   riverdriver.Driver[*sql.Tx]
	log      *slog.Logger
	workers  *river.Workers
	mu       sync.Mutex
	periodic map[string]Periodic
	inserter *river.Client[*sql.Tx]
	runner   *river.Client[*sql.Tx]
}

// NewQueue builds a queue on db. Register workers and periodic jobs before Start.
func NewQueue(db *database.DB, log *slog.Logger) (*Queue, error) {
	var drv riverdriver.Driver[*sql.Tx]
	switch db.Dialect {
	case database.SQLite:
		drv = riversqlite.New(db.SQL)
	default:
		drv = riverdatabasesql.New(db.SQL)
	}
	// The inserting client has no workers: it only writes job rows, so it
	// can be created before the services whose jobs the runner will execute.
	inserter, err := river.NewClient(drv, &river.Config{Logger: quietLogger(log)})
	if err != nil {
		return nil, fmt.Errorf("new job inserter: %w", err)
	}
	return &Queue{driver: drv, log: log, workers: river.NewWorkers(), periodic: map[string]Periodic{}, inserter: inserter}, nil
}

// Migrate applies River's own versioned schema migrations.
func (q *Queue) Migrate(ctx context.Context) error {
	m, err := rivermigrate.New(q.driver, &rivermigrate.Config{Logger: quietLogger(q.log)})
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrate: %w", err)
	}
	return nil
}

// Workers is the bundle domain packages register their workers in.
func (q *Queue) Workers() *river.Workers { return q.workers }

// AddPeriodic registers a periodic job.
func (q *Queue) AddPeriodic(p Periodic) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.periodic[p.Name] = p
}

// EnqueueTx inserts a job inside tx, which must be a gorm transaction.
func (q *Queue) EnqueueTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return errors.New("enqueue job: not inside a transaction")
	}
	if _, err := q.inserter.InsertTx(ctx, sqlTx, args, opts); err != nil {
		return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// Start runs workers and periodic jobs until Stop.
func (q *Queue) Start(ctx context.Context) error {
	river.AddWorker(q.workers, &periodicWorker{q: q})
	var periodicJobs []*river.PeriodicJob
	for _, name := range q.PeriodicNames() {
		p := q.periodic[name]
		name := name
		periodicJobs = append(periodicJobs, river.NewPeriodicJob(river.PeriodicInterval(p.Interval),
			func() (river.JobArgs, *river.InsertOpts) { return periodicArgs{Name: name}, nil },
			&river.PeriodicJobOpts{ID: name, RunOnStart: p.RunOnStart}))
	}
	runner, err := river.NewClient(q.driver, &river.Config{
		Logger:            quietLogger(q.log),
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:           q.workers,
		PeriodicJobs:      periodicJobs,
		FetchPollInterval: time.Second,
		JobTimeout:        5 * time.Minute,
	})
	if err != nil {
		return fmt.Errorf("new job runner: %w", err)
	}
	q.runner = runner
	return runner.Start(ctx)
}

// Stop waits for running jobs to finish (or ctx to end).
func (q *Queue) Stop(ctx context.Context) error {
	if q.runner == nil {
		return nil
	}
	return q.runner.Stop(ctx)
}

// PeriodicNames lists registered periodic jobs, sorted.
func (q *Queue) PeriodicNames() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	names := make([]string, 0, len(q.periodic))
	for n := range q.periodic {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// RunPeriodic runs the named periodic job at once, in this process.
func (q *Queue) RunPeriodic(ctx context.Context, name string) (string, error) {
	q.mu.Lock()
	p, ok := q.periodic[name]
	q.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("no periodic job named %q (known: %v)", name, q.PeriodicNames())
	}
	return p.Run(ctx)
}

// JobInfo is a job row as operators see it.
type JobInfo struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	State       string    `json:"state"`
	Attempt     int       `json:"attempt"`
	ScheduledAt time.Time `json:"scheduled_at"`
	Args        string    `json:"args"`
	LastError   string    `json:"last_error,omitempty"`
}

// List returns up to limit jobs, optionally only of the given states.
func (q *Queue) List(ctx context.Context, limit int, states ...rivertype.JobState) ([]JobInfo, error) {
	params := river.NewJobListParams().First(limit).OrderBy(river.JobListOrderByID, river.SortOrderDesc)
	if len(states) > 0 {
		params = params.States(states...)
	}
	res, err := q.inserter.JobList(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	out := make([]JobInfo, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		info := JobInfo{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, ScheduledAt: j.ScheduledAt, Args: string(j.EncodedArgs)}
		if n := len(j.Errors); n > 0 {
			info.LastError = j.Errors[n-1].Error
		}
		out = append(out, info)
	}
	return out, nil
}

type periodicArgs struct {
	Name string `json:"name"`
}

func (periodicArgs) Kind() string { return "periodic" }

type periodicWorker struct {
	river.WorkerDefaults[periodicArgs]
	q *Queue
}

func (w *periodicWorker) Work(ctx context.Context, job *river.Job[periodicArgs]) error {
	summary, err := w.q.RunPeriodic(ctx, job.Args.Name)
	if err != nil {
		return fmt.Errorf("periodic %s: %w", job.Args.Name, err)
	}
	w.q.log.Info("periodic job done", "job", job.Args.Name, "summary", summary)
	return nil
}

// quietLogger keeps River's own chatter at warn level and above.
func quietLogger(log *slog.Logger) *slog.Logger {
	return slog.New(levelFilter{h: log.Handler(), min: slog.LevelWarn})
}

type levelFilter struct {
	h   slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.h.Enabled(ctx, l)
}
func (f levelFilter) Handle(ctx context.Context, r slog.Record) error { return f.h.Handle(ctx, r) }
func (f levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{h: f.h.WithAttrs(a), min: f.min}
}
func (f levelFilter) WithGroup(n string) slog.Handler {
	return levelFilter{h: f.h.WithGroup(n), min: f.min}
}
