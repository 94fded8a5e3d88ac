package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/testkit"
)

type pingArgs struct {
	N int `json:"n"`
}

func (pingArgs) Kind() string { return "test.ping" }

type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	got chan int
}

func (w *pingWorker) Work(_ context.Context, j *river.Job[pingArgs]) error {
	w.got <- j.Args.N
	return nil
}

func openQueue(t *testing.T, dbURL string) (*database.DB, *jobs.Queue) {
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.NewQueue(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db, q
}

func TestEnqueueIsTransactional(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		ctx := context.Background()
		db, q := openQueue(t, dbURL)
		rollback := errors.New("rollback")
		err := db.Gorm.Transaction(func(tx *gorm.DB) error {
			if err := q.EnqueueTx(ctx, tx, pingArgs{N: 1}, nil); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("transaction: %v", err)
		}
		if list, _ := q.List(ctx, 10); len(list) != 0 {
			t.Fatalf("a rolled-back enqueue left %d jobs", len(list))
		}
		err = db.Gorm.Transaction(func(tx *gorm.DB) error {
			return q.EnqueueTx(ctx, tx, pingArgs{N: 2}, &river.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
		})
		if err != nil {
			t.Fatal(err)
		}
		list, err := q.List(ctx, 10)
		if err != nil || len(list) != 1 || list[0].Kind != "test.ping" || list[0].State != "scheduled" {
			t.Fatalf("jobs after commit: %+v %v", list, err)
		}
		if err := q.EnqueueTx(ctx, db.Gorm, pingArgs{N: 3}, nil); err == nil {
			t.Fatal("enqueue outside a transaction must be refused")
		}
	})
}

func TestWorkersRunJobsAndPeriodicJobsRunOnDemand(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		db, q := openQueue(t, dbURL)
		w := &pingWorker{got: make(chan int, 1)}
		river.AddWorker(q.Workers(), w)
		var runs atomic.Int32
		q.AddPeriodic(jobs.Periodic{Name: "test.sweep", Interval: time.Hour, Run: func(context.Context) (string, error) {
			runs.Add(1)
			return "swept", nil
		}})
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer q.Stop(context.Background())
		if err := db.Gorm.Transaction(func(tx *gorm.DB) error { return q.EnqueueTx(ctx, tx, pingArgs{N: 7}, nil) }); err != nil {
			t.Fatal(err)
		}
		select {
		case n := <-w.got:
			if n != 7 {
				t.Fatalf("worker got %d", n)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("job did not run")
		}
		before := runs.Load()
		summary, err := q.RunPeriodic(ctx, "test.sweep")
		if err != nil || summary != "swept" || runs.Load() != before+1 {
			t.Fatalf("RunPeriodic: %q %v runs=%d", summary, err, runs.Load())
		}
		if _, err := q.RunPeriodic(ctx, "nope"); err == nil {
			t.Fatal("unknown periodic job must be an error")
		}
	})
}
