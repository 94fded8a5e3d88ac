package leaderboard_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/testkit"
)

func TestBucketUsesShanghaiTimeAndISOWeeks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		at               time.Time
		day, week, month string
	}{
		{sh(2026, 11, 22, 23, 59, 59), "2026-11-22", "2026-W47", "2026-11"}, // Sunday night
		{sh(2026, 11, 23, 0, 0, 0), "2026-11-23", "2026-W48", "2026-11"},    // Monday starts a week
		{time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), "2026-11-23", "2026-W48", "2026-11"},
		{time.Date(2026, 11, 22, 15, 59, 59, 0, time.UTC), "2026-11-22", "2026-W47", "2026-11"},
		{time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC), "2026-12-01", "2026-W49", "2026-12"},
		{sh(2027, 1, 1, 0, 30, 0), "2027-01-01", "2026-W53", "2027-01"}, // ISO week year
	}
	for _, tt := range tests {
		got := []string{leaderboard.Bucket(leaderboard.PeriodToday, tt.at), leaderboard.Bucket(leaderboard.PeriodWeek, tt.at),
			leaderboard.Bucket(leaderboard.PeriodMonth, tt.at), leaderboard.Bucket(leaderboard.PeriodAll, tt.at)}
		want := []string{tt.day, tt.week, tt.month, "all"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Bucket(%v) = %v, want %v", tt.at, got, want)
		}
	}
}

func record(t *testing.T, db *gorm.DB, b leaderboard.Board, evs ...leaderboard.Event) {
	t.Helper()
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, ev := range evs {
			if err := b.Record(context.Background(), tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("record: %v", err)
	}
}

func top(t *testing.T, b leaderboard.Board, m leaderboard.Metric, p leaderboard.Period) []leaderboard.Entry {
	t.Helper()
	es, err := b.Top(context.Background(), m, p, 50)
	if err != nil {
		t.Fatalf("top %s %s: %v", m, p, err)
	}
	return es
}

func sales(id, amount int64, at time.Time, key string) leaderboard.Event {
	return leaderboard.Event{DistributorID: id, Metric: leaderboard.MetricSales, Amount: amount, At: at, Key: key}
}

func TestPeriodsFollowTheClockAroundShanghaiMidnightAndMonday(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		clk := &clock{t: sh(2026, 11, 23, 10, 0, 0)} // Monday morning
		b := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(clk.now))
		record(t, db.Gorm, b,
			sales(1, 100, sh(2026, 11, 22, 23, 59, 59), "sun"),
			sales(1, 7, sh(2026, 11, 23, 0, 0, 0), "mon"),
			sales(1, 1000, sh(2026, 10, 31, 23, 0, 0), "october"))
		want := map[leaderboard.Period]int64{leaderboard.PeriodToday: 7, leaderboard.PeriodWeek: 7,
			leaderboard.PeriodMonth: 107, leaderboard.PeriodAll: 1107}
		for p, v := range want {
			if got := top(t, b, leaderboard.MetricSales, p); len(got) != 1 || got[0].Value != v {
				t.Errorf("Monday %s: %+v, want value %d", p, got, v)
			}
		}
		clk.set(sh(2026, 11, 22, 12, 0, 0)) // the Sunday before
		want = map[leaderboard.Period]int64{leaderboard.PeriodToday: 100, leaderboard.PeriodWeek: 100, leaderboard.PeriodMonth: 107}
		for p, v := range want {
			if got := top(t, b, leaderboard.MetricSales, p); len(got) != 1 || got[0].Value != v {
				t.Errorf("Sunday %s: %+v, want value %d", p, got, v)
			}
		}
		clk.set(sh(2026, 11, 24, 12, 0, 0)) // Tuesday: nothing today yet
		if got := top(t, b, leaderboard.MetricSales, leaderboard.PeriodToday); len(got) != 0 {
			t.Errorf("Tuesday today: %+v, want empty", got)
		}
	})
}

func TestRecordIsIdempotentAndTransactional(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		now := sh(2026, 11, 23, 10, 0, 0)
		b := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		record(t, db.Gorm, b, sales(5, 300, now, "order:1"))
		record(t, db.Gorm, b, sales(5, 999, now, "order:1")) // same key: ignored
		var isNew bool
		err := db.Gorm.Transaction(func(tx *gorm.DB) error {
			var err error
			isNew, err = b.RecordNew(context.Background(), tx, sales(5, 1, now, "order:1"))
			return err
		})
		if err != nil || isNew {
			t.Fatalf("duplicate: new=%v err=%v", isNew, err)
		}
		boom := errors.New("business change failed")
		err = db.Gorm.Transaction(func(tx *gorm.DB) error {
			if err := b.Record(context.Background(), tx, sales(5, 50, now, "order:2")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		for _, p := range leaderboard.Periods {
			if got := top(t, b, leaderboard.MetricSales, p); len(got) != 1 || got[0].Value != 300 {
				t.Fatalf("%s: %+v, want only the first order:1 (300)", p, got)
			}
		}
		// The rolled-back key was not consumed: it counts when retried.
		record(t, db.Gorm, b, sales(5, 50, now, "order:2"))
		if got := top(t, b, leaderboard.MetricSales, leaderboard.PeriodAll); got[0].Value != 350 {
			t.Fatalf("after retry: %+v", got)
		}
	})
}

func TestNegativesTiesTopAndRank(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		db := openDB(t, dbURL)
		now := sh(2026, 11, 23, 10, 0, 0)
		b := leaderboard.NewSQL(db.Gorm, leaderboard.WithClock(func() time.Time { return now }))
		record(t, db.Gorm, b,
			sales(30, 500, now, "a"), sales(30, -400, now, "a-refund"), // 100
			sales(20, 100, now, "b"),
			sales(40, 100, now, "c"),
			sales(10, -50, now, "d"),
			sales(50, 0, now, "e"),
			sales(60, 250, now, "f"))
		want := []leaderboard.Entry{{1, 60, 250}, {2, 20, 100}, {3, 30, 100}, {4, 40, 100}, {5, 50, 0}, {6, 10, -50}}
		if got := top(t, b, leaderboard.MetricSales, leaderboard.PeriodAll); !reflect.DeepEqual(got, want) {
			t.Fatalf("top = %+v, want %+v (ties by id ascending)", got, want)
		}
		if got, _ := b.Top(context.Background(), leaderboard.MetricSales, leaderboard.PeriodAll, 2); !reflect.DeepEqual(got, want[:2]) {
			t.Fatalf("top 2 = %+v", got)
		}
		for _, w := range want {
			got, ok, err := b.Rank(context.Background(), leaderboard.MetricSales, leaderboard.PeriodAll, w.DistributorID)
			if err != nil || !ok || got != w {
				t.Errorf("rank %d = %+v %v %v, want %+v", w.DistributorID, got, ok, err, w)
			}
		}
		if _, ok, err := b.Rank(context.Background(), leaderboard.MetricSales, leaderboard.PeriodAll, 99); ok || err != nil {
			t.Errorf("unknown distributor ranked: %v %v", ok, err)
		}
		if _, ok, _ := b.Rank(context.Background(), leaderboard.MetricCommission, leaderboard.PeriodAll, 60); ok {
			t.Error("metrics must be separate")
		}
	})
}

func TestInvalidInput(t *testing.T) {
	t.Parallel()
	db := openDB(t, testkit.FreshDatabaseURL(t, "sqlite"))
	b := leaderboard.NewSQL(db.Gorm)
	now := time.Now()
	bad := []leaderboard.Event{
		{DistributorID: 0, Metric: leaderboard.MetricSales, Amount: 1, At: now, Key: "k"},
		{DistributorID: 1, Metric: "likes", Amount: 1, At: now, Key: "k"},
		{DistributorID: 1, Metric: leaderboard.MetricSales, Amount: 1, At: now, Key: ""},
		{DistributorID: 1, Metric: leaderboard.MetricSales, Amount: 1, Key: "k"},
	}
	for i, ev := range bad {
		err := db.Gorm.Transaction(func(tx *gorm.DB) error { return b.Record(context.Background(), tx, ev) })
		if !apperr.Is(err, apperr.CodeInvalid) {
			t.Errorf("event %d: err %v, want invalid", i, err)
		}
	}
	if _, err := b.Top(context.Background(), leaderboard.MetricSales, "year", 10); !apperr.Is(err, apperr.CodeInvalid) {
		t.Errorf("bad period: %v", err)
	}
	if _, _, err := b.Rank(context.Background(), "x", leaderboard.PeriodAll, 1); !apperr.Is(err, apperr.CodeInvalid) {
		t.Errorf("bad metric: %v", err)
	}
	_ = fmt.Sprint()
}
