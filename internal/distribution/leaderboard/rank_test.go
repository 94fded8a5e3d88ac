package leaderboard_test

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/testkit"
	"fenxiao/migrations"
)

// The histogram's bucket must rise with the value and be the same in Go
// (live updates) and SQL (rebuilds and the migration's backfill).
func TestValueBucketIsMonotoneAndMatchesSQL(t *testing.T) {
	t.Parallel()
	values := []int64{math.MinInt64, math.MinInt64 + 1, -1_000_001, -1_000_000, -999_999, -1001, -1000, -999,
		-100_001, -100_000, -99_999, -101, -100, -99, -11, -10, -9, -2, -1, 0, 1, 9, 10, 11, 99, 100, 101, 109, 110,
		999, 1000, 1099, 1100, 99_999, 100_000, 100_009, 100_010, 123_456_789, 9_223_372_036_854_775_000, math.MaxInt64}
	r := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		values = append(values, r.Int64N(2_000_000_000)-1_000_000_000, int64(r.Uint64()))
	}
	sort.Slice(values, func(i, j int) bool { return values[i] < values[j] })
	leads := []int{leaderboard.BucketDigits, leaderboard.SubBucketDigits}
	for _, lead := range leads {
		for i := 1; i < len(values); i++ {
			if a, b := leaderboard.ValueBucket(values[i-1], lead), leaderboard.ValueBucket(values[i], lead); a > b {
				t.Fatalf("bucket(%d, %d) = %d > bucket(%d, %d) = %d", values[i-1], lead, a, values[i], lead, b)
			}
		}
	}
	if got := leaderboard.ValueBucket(1234567, leaderboard.SubBucketDigits); got != 712345 {
		t.Errorf("sub-bucket(1234567) = %d, want 712345 (7 digits, leading 12345)", got)
	}
	// lastInGroup is the last value of its sub-bucket; exact values are
	// alone in theirs.
	for _, v := range values {
		last := leaderboard.LastInGroup(v, leaderboard.SubBucketDigits)
		sub := leaderboard.ValueBucket(v, leaderboard.SubBucketDigits)
		if last < v || leaderboard.ValueBucket(last, leaderboard.SubBucketDigits) != sub ||
			last < math.MaxInt64 && leaderboard.ValueBucket(last+1, leaderboard.SubBucketDigits) == sub {
			t.Errorf("lastInGroup(%d) = %d", v, last)
		}
		alone := last == v && (v == math.MinInt64 || leaderboard.ValueBucket(v-1, leaderboard.SubBucketDigits) != sub)
		if leaderboard.Exact(v) && !alone {
			t.Errorf("exact(%d) but its sub-bucket holds others", v)
		}
	}
	for _, v := range []int64{-100_001, -100_000, 99_999, 100_000} {
		if want := v >= -100_000 && v < 100_000; leaderboard.Exact(v) != want {
			t.Errorf("exact(%d) = %v", v, !want)
		}
	}
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		for _, lead := range leads {
			for _, v := range values {
				var got int64
				err := db.Gorm.Raw(`SELECT `+leaderboard.BucketSQL(lead)+` FROM (SELECT CAST(? AS BIGINT) AS value) t`, v).Scan(&got).Error
				if err != nil {
					t.Fatal(err)
				}
				if want := leaderboard.ValueBucket(v, lead); got != want {
					t.Errorf("bucket(%d, %d): SQL %d, Go %d", v, lead, got, want)
				}
			}
		}
	})
}

// Rank must be exact for every distributor when values tie heavily, cross
// buckets and zero, move up and down, and ids span several tie blocks; the
// live histogram must equal one rebuilt from the counters.
func TestRankIsExactWithTiesAcrossBlocks(t *testing.T) {
	t.Parallel()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		now := sh(2026, 11, 23, 12, 0, 0)
		b := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		r := rand.New(rand.NewPCG(seed, 99))
		amounts := []func() int64{
			func() int64 { return 100 },                       // ties
			func() int64 { return -100 },                      // back down, to zero and below
			func() int64 { return int64(r.IntN(3)) },          // tiny steps, often 0
			func() int64 { return r.Int64N(5_000_000) },       // spread over many buckets
			func() int64 { return -r.Int64N(5_000_000) },      // clawbacks
			func() int64 { return 9900 * int64(1+r.IntN(2)) }, // ties at an exact value
			func() int64 { return 150_000 },                   // ties beyond the exact values, near-ties with tiny steps
		}
		values := map[int64]int64{}
		for batch := range 20 {
			err := db.Gorm.Transaction(func(tx *gorm.DB) error {
				for i := range 60 {
					id := 1 + r.Int64N(5000)
					ev := leaderboard.Event{DistributorID: id, Metric: leaderboard.MetricSales,
						Amount: amounts[r.IntN(len(amounts))](), At: now, Key: fmt.Sprintf("e%d:%d", batch, i)}
					if err := b.Record(context.Background(), tx, ev); err != nil {
						return err
					}
					values[id] += ev.Amount
				}
				return nil
			})
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
		want := ranked(values)
		for _, p := range leaderboard.Periods {
			for _, w := range want {
				got, ok, err := b.Rank(context.Background(), leaderboard.MetricSales, p, w.DistributorID)
				if err != nil || !ok || got != w {
					t.Fatalf("seed %d: %s rank of %d = %+v %v %v, want %+v", seed, p, w.DistributorID, got, ok, err, w)
				}
			}
		}
		live := histogram(t, db.Gorm)
		if err := db.Gorm.Transaction(leaderboard.RebuildHistogram); err != nil {
			t.Fatal(err)
		}
		if rebuilt := histogram(t, db.Gorm); !reflect.DeepEqual(live, rebuilt) {
			t.Fatalf("seed %d: live histogram differs from the rebuilt one:\n live %v\n rebuilt %v", seed, live, rebuilt)
		}
		// The migration's backfill builds the same cells.
		body, err := fs.ReadFile(migrations.FS, string(db.Dialect)+"/0012_rank_histogram_order_counts.sql")
		if err != nil {
			t.Fatal(err)
		}
		backfill := []string{"DELETE FROM leaderboard_rank_cells"}
		for _, stmt := range strings.Split(string(body), ";\n") {
			if i := strings.Index(stmt, "INSERT INTO leaderboard_rank_cells"); i >= 0 {
				backfill = append(backfill, stmt[i:])
			}
		}
		for _, stmt := range backfill {
			if err := db.Gorm.Exec(stmt).Error; err != nil {
				t.Fatalf("%v\n%s", err, stmt)
			}
		}
		if migrated := histogram(t, db.Gorm); len(backfill) != 4 || !reflect.DeepEqual(live, migrated) {
			t.Fatalf("seed %d: migration backfill (%d statements) differs from the live histogram", seed, len(backfill)-1)
		}
	})
}

// histogram reads the rank cells that count someone (cells at zero are
// kept) as sorted text lines, each cell's shards added up; no shard may be
// negative (a distributor always writes to its own shard).
func histogram(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	type cellKey struct {
		Metric, PeriodKind, PeriodKey string
		Level, Bucket, Sub, IDBlock   int64
	}
	var rows []struct {
		cellKey
		Shard, N int64
	}
	err := db.Raw(`SELECT metric, period_kind, period_key, level, bucket, sub, id_block, shard, n FROM leaderboard_rank_cells`).
		Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	sums := map[cellKey]int64{}
	for _, r := range rows {
		if r.N < 0 {
			t.Errorf("histogram cell with n = %d: %+v", r.N, r)
		}
		sums[r.cellKey] += r.N
	}
	var out []string
	for k, n := range sums {
		if n > 0 {
			out = append(out, fmt.Sprint(k, " ", n))
		}
	}
	sort.Strings(out)
	return out
}

// Rank at the edges of sub-buckets and of the exact values, with ties
// split across id blocks, against the ranking rule.
func TestRankAtSubBucketEdges(t *testing.T) {
	t.Parallel()
	values := map[int64]int64{
		1: 150_000, 2: 150_009, 3: 150_009, 2050: 150_009, 4: 150_010, 5: 149_999, 6: 150_005,
		7: 99_999, 3100: 99_999, 8: 100_000, 9: 100_009, 10: -100_000, 11: -100_001, 12: -100_010, 4200: -100_001,
		13: 0, 5300: 0, 14: 1_000_000_000_000, 15: 999_999_999_999,
	}
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		now := sh(2026, 11, 23, 10, 0, 0)
		b := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		var evs []leaderboard.Event
		for id, v := range values {
			// Arrive from elsewhere, so every value is reached by an update.
			evs = append(evs, sales(id, v+7, now, fmt.Sprint("a", id)), sales(id, -7, now, fmt.Sprint("b", id)))
		}
		record(t, db.Gorm, b, evs...)
		for _, w := range ranked(values) {
			got, ok, err := b.Rank(context.Background(), leaderboard.MetricSales, leaderboard.PeriodMonth, w.DistributorID)
			if err != nil || !ok || got != w {
				t.Errorf("rank of %d = %+v %v %v, want %+v", w.DistributorID, got, ok, err, w)
			}
		}
	})
}
