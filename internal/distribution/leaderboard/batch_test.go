package leaderboard_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/testkit"
)

// TestRecordManyIsRecordingOneByOne: random events (several per
// distributor and board in one call, refunds below zero, repeated keys
// within and across calls) recorded in batches leave exactly the counters
// and rank histogram that recording them one by one leaves, and the same
// ranks.
func TestRecordManyIsRecordingOneByOne(t *testing.T) {
	t.Parallel()
	now := sh(2026, 12, 7, 12, 0, 0)
	rng := rand.New(rand.NewPCG(7, 7))
	metrics := []leaderboard.Metric{leaderboard.MetricSales, leaderboard.MetricCommission}
	evs := make([]leaderboard.Event, 600)
	for i := range evs {
		key := fmt.Sprintf("ev:%d", i)
		if i > 0 && rng.IntN(10) == 0 {
			key = evs[rng.IntN(i)].Key // a repeat: counted once
		}
		amount := rng.Int64N(200_000) - 20_000
		evs[i] = leaderboard.Event{DistributorID: 1 + rng.Int64N(40) + 1024*rng.Int64N(2), Metric: metrics[rng.IntN(2)],
			Amount: amount, At: now.Add(-time.Duration(rng.IntN(60*24)) * time.Hour), Key: key}
	}
	type state struct {
		counters, cells []map[string]any
		ranks           []leaderboard.Entry
	}
	read := func(t *testing.T, db *gorm.DB, b *leaderboard.SQL) state {
		var s state
		if _, err := b.CountPending(context.Background()); err != nil {
			t.Fatal(err)
		}
		db.Raw("SELECT metric, period_kind, period_key, distributor_id, value, events FROM leaderboard_counters ORDER BY 1, 2, 3, 4").Scan(&s.counters)
		db.Raw(`SELECT metric, period_kind, period_key, level, bucket, sub, id_block, shard, n FROM leaderboard_rank_cells
			WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`).Scan(&s.cells)
		for d := int64(1); d <= 1064; d++ {
			for _, m := range metrics {
				if e, ok, err := b.Rank(context.Background(), m, leaderboard.PeriodMonth, d); err != nil {
					t.Fatal(err)
				} else if ok {
					s.ranks = append(s.ranks, e)
				}
			}
		}
		return s
	}
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		// One world records the events one by one, another in batches.
		single := openDB(t, testkit.FreshDatabaseLike(t, dbURL))
		sb := leaderboard.NewSQL(single.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		for _, ev := range evs {
			record(t, single.Gorm, sb, ev)
		}
		want := read(t, single.Gorm, sb)
		if len(want.counters) == 0 || len(want.cells) == 0 || len(want.ranks) == 0 {
			t.Fatal("nothing counted")
		}

		db := openDB(t, dbURL)
		b := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		rng := rand.New(rand.NewPCG(8, 8)) // batch sizes
		seen := map[string]bool{}
		for rest := evs; len(rest) > 0; {
			var batch []leaderboard.Event
			inBatch := map[string]bool{}
			for n := 1 + rng.IntN(40); n > 0 && len(rest) > 0; rest = rest[1:] {
				if inBatch[rest[0].Key] {
					break // one key twice in a call is refused; the next call repeats it
				}
				inBatch[rest[0].Key] = true
				batch, n = append(batch, rest[0]), n-1
			}
			var fresh []bool
			err := db.Gorm.Transaction(func(tx *gorm.DB) (err error) {
				fresh, err = b.RecordMany(context.Background(), tx, batch)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for i, ev := range batch {
				if fresh[i] == seen[ev.Key] {
					t.Fatalf("%s: fresh = %v, seen before = %v", ev.Key, fresh[i], seen[ev.Key])
				}
				seen[ev.Key] = true
			}
		}
		if got := read(t, db.Gorm, b); !reflect.DeepEqual(got, want) {
			t.Fatalf("batches differ from one by one: counters equal %v, cells equal %v, ranks equal %v",
				reflect.DeepEqual(got.counters, want.counters), reflect.DeepEqual(got.cells, want.cells), reflect.DeepEqual(got.ranks, want.ranks))
		}
		_, err := b.RecordMany(context.Background(), db.Gorm, []leaderboard.Event{evs[0], evs[0]})
		if !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("one key twice in a call: %v, want invalid", err)
		}
	})
}
