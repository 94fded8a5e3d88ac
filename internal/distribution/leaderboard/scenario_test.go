package leaderboard_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/testkit"
)

// model is the reference: sums per metric, period bucket and distributor.
type model map[string]map[int64]int64

func modelKey(m leaderboard.Metric, p leaderboard.Period, bucket string) string {
	return string(m) + "|" + string(p) + "|" + bucket
}

func (md model) apply(ev leaderboard.Event) {
	for _, p := range leaderboard.Periods {
		k := modelKey(ev.Metric, p, leaderboard.Bucket(p, ev.At))
		if md[k] == nil {
			md[k] = map[int64]int64{}
		}
		md[k][ev.DistributorID] += ev.Amount
	}
}

// ranked is the model's ranking of m in p's bucket at now.
func (md model) ranked(m leaderboard.Metric, p leaderboard.Period, now time.Time) []leaderboard.Entry {
	return ranked(md[modelKey(m, p, leaderboard.Bucket(p, now))])
}

// scenario is a seeded random event stream with duplicates, negative
// amounts, frequent ties and times around Shanghai midnights and Mondays.
func scenario(seed uint64, n int) []leaderboard.Event {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := sh(2026, 11, 23, 0, 0, 0)
	var evs []leaderboard.Event
	for i := 0; i < n; i++ {
		if i > 0 && r.IntN(6) == 0 { // a duplicate, maybe with another amount
			d := evs[r.IntN(len(evs))]
			d.Amount = int64(r.IntN(50))
			evs = append(evs, d)
			continue
		}
		at := base.Add(time.Duration(r.IntN(40*24)-30*24)*time.Hour + time.Duration(r.IntN(3)-1)*time.Second)
		evs = append(evs, leaderboard.Event{
			DistributorID: int64(1 + r.IntN(25)),
			Metric:        leaderboard.Metrics[r.IntN(len(leaderboard.Metrics))],
			Amount:        int64(r.IntN(30)-8) * 100, // multiples of 100 tie often; some negative
			At:            at,
			Key:           fmt.Sprintf("ev:%d", i),
		})
	}
	return evs
}

func TestSQLAndRedisBoardsAgreeOnARandomScenario(t *testing.T) {
	t.Parallel()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		clk := &clock{}
		sqlBoard := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(clk.now))
		boards := map[string]leaderboard.Board{"sql": sqlBoard}
		var redisBoard *leaderboard.Redis
		q := openQueue(t, db)
		if os.Getenv(testkit.RedisEnv) != "" {
			c, prefix := redisClient(t)
			redisBoard = leaderboard.NewRedis(sqlBoard, c, prefix, q)
			leaderboard.RegisterJobs(q, redisBoard)
			boards["redis"] = redisBoard
		}
		recorder := leaderboard.Board(sqlBoard)
		if redisBoard != nil {
			recorder = redisBoard
		}
		md := model{}
		seen := map[string]bool{}
		for i, ev := range scenario(seed, 600) {
			rollback := i%17 == 0
			err := db.Gorm.Transaction(func(tx *gorm.DB) error {
				if err := recorder.Record(context.Background(), tx, ev); err != nil {
					return err
				}
				if rollback {
					return errRollback
				}
				return nil
			})
			if rollback {
				if err != errRollback {
					t.Fatalf("seed %d: event %d: %v", seed, i, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("seed %d: event %d: %v", seed, i, err)
			}
			if !seen[ev.Key] {
				seen[ev.Key] = true
				md.apply(ev)
			}
		}
		if redisBoard != nil {
			drainMirrorJobs(t, q, redisBoard)
		}
		nows := []time.Time{sh(2026, 11, 23, 0, 0, 0), sh(2026, 11, 22, 23, 59, 59), sh(2026, 11, 1, 12, 0, 0), sh(2026, 10, 31, 23, 59, 59), sh(2026, 11, 30, 8, 0, 0)}
		for _, now := range nows {
			clk.set(now)
			for _, m := range leaderboard.Metrics {
				for _, p := range leaderboard.Periods {
					want := md.ranked(m, p, now)
					for name, b := range boards {
						checkBoard(t, seed, name, b, m, p, now, want)
					}
				}
			}
		}
	})
}

func checkBoard(t *testing.T, seed uint64, name string, b leaderboard.Board, m leaderboard.Metric, p leaderboard.Period, now time.Time, want []leaderboard.Entry) {
	t.Helper()
	ctx := context.Background()
	got, err := b.Top(ctx, m, p, 50)
	if err != nil {
		t.Fatalf("seed %d: %s top: %v", seed, name, err)
	}
	w := want
	if len(w) > 50 {
		w = w[:50]
	}
	if len(got) != 0 || len(w) != 0 {
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("seed %d: %s top %s %s at %v:\n got %+v\nwant %+v", seed, name, m, p, now, got, w)
		}
	}
	for _, e := range want {
		r, ok, err := b.Rank(ctx, m, p, e.DistributorID)
		if err != nil || !ok || r != e {
			t.Fatalf("seed %d: %s rank %s %s at %v of %d = %+v %v %v, want %+v", seed, name, m, p, now, e.DistributorID, r, ok, err, e)
		}
	}
	if _, ok, _ := b.Rank(ctx, m, p, 1000); ok {
		t.Fatalf("seed %d: %s ranks a distributor with no events", seed, name)
	}
}

type rollbackError struct{}

func (rollbackError) Error() string { return "rollback" }

var errRollback error = rollbackError{}

// drainMirrorJobs runs the real River workers until every mirror job is
// done, then replays every job once more (as River's at-least-once retries
// may) and checks the Redis guard refuses each replay.
func drainMirrorJobs(t *testing.T, q *jobs.Queue, r *leaderboard.Redis) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		pending, err := q.List(ctx, 10000, rivertype.JobStateAvailable, rivertype.JobStateRunning,
			rivertype.JobStateRetryable, rivertype.JobStateScheduled, rivertype.JobStatePending)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mirror jobs still pending: %+v", len(pending), pending[0])
		}
		time.Sleep(50 * time.Millisecond)
	}
	stopCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	q.Stop(stopCtx)
	done, err := q.List(ctx, 10000, rivertype.JobStateCompleted)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) == 0 {
		t.Fatal("no mirror job ran")
	}
	for _, j := range done {
		var a leaderboard.MirrorArgs
		if err := json.Unmarshal([]byte(j.Args), &a); err != nil {
			t.Fatal(err)
		}
		applied, err := r.Mirror(ctx, leaderboard.Event{DistributorID: a.DistributorID, Metric: a.Metric, Amount: a.Amount, At: a.At, Key: a.Key})
		if err != nil || applied {
			t.Fatalf("replayed job %s: applied=%v err=%v", a.Key, applied, err)
		}
	}
}
