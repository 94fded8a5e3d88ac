package dashboard

import (
	"testing"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/money"
)

func TestConversionBPRoundsHalfUp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		paid, placed int64
		want         money.BP
	}{
		{0, 0, 0},                   // no orders: 0, not a division by zero
		{3, 0, 0},                   // nonsense input stays 0
		{0, 5, 0},                   // nothing paid
		{5, 5, 10000},               // all paid
		{1, 3, 3333},                // 3333.33 rounds down
		{2, 3, 6667},                // 6666.67 rounds up
		{1, 8, 1250},                // exact
		{1, 32, 313},                // 312.5: a half rounds up
		{1, 20000, 1},               // 0.5 bp rounds up
		{1, 20001, 0},               // 0.49995 bp rounds down
		{5, 7, 7143},                // 7142.86
		{7, 9, 7778},                // 7777.78
		{999_999, 1_000_000, 10000}, // 9999.99 rounds up to 100%
	}
	for _, tc := range tests {
		if got := ConversionBP(tc.paid, tc.placed); got != tc.want {
			t.Errorf("ConversionBP(%d, %d) = %d, want %d", tc.paid, tc.placed, got, tc.want)
		}
	}
}

func TestWindowsAreShanghaiDaysAndHours(t *testing.T) {
	t.Parallel()
	// 2026-11-22 16:00 UTC is already Monday 2026-11-23 00:00 in Shanghai;
	// 15:59:59 UTC is still Sunday.
	tests := []struct {
		name       string
		rng        Range
		now        time.Time
		from, to   string
		n          int
		first      string
		last       string
		firstStart string
	}{
		{"today at 10:30", RangeToday, time.Date(2026, 11, 23, 2, 30, 0, 0, time.UTC), "2026-11-23", "2026-11-23", 11, "00:00", "10:00", "2026-11-23T00:00:00+08:00"},
		{"today just after midnight", RangeToday, time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), "2026-11-23", "2026-11-23", 1, "00:00", "00:00", "2026-11-23T00:00:00+08:00"},
		{"today just before midnight", RangeToday, time.Date(2026, 11, 22, 15, 59, 59, 0, time.UTC), "2026-11-22", "2026-11-22", 24, "00:00", "23:00", "2026-11-22T00:00:00+08:00"},
		{"7d", Range7d, time.Date(2026, 11, 23, 2, 30, 0, 0, time.UTC), "2026-11-17", "2026-11-23", 7, "11-17", "11-23", "2026-11-17T00:00:00+08:00"},
		{"7d on a UTC evening", Range7d, time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), "2026-11-17", "2026-11-23", 7, "11-17", "11-23", "2026-11-17T00:00:00+08:00"},
		{"30d across a month and a year", Range30d, time.Date(2027, 1, 10, 4, 0, 0, 0, time.UTC), "2026-12-12", "2027-01-10", 30, "12-12", "01-10", "2026-12-12T00:00:00+08:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := windowOf(tc.rng, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			from, to := w.days()
			bs := w.buckets()
			if from != tc.from || to != tc.to || len(bs) != tc.n {
				t.Fatalf("%s..%s with %d buckets, want %s..%s with %d", from, to, len(bs), tc.from, tc.to, tc.n)
			}
			start, _ := bs[0].Start.MarshalJSON()
			if bs[0].Label != tc.first || bs[len(bs)-1].Label != tc.last || string(start) != `"`+tc.firstStart+`"` {
				t.Errorf("first %s (%s), last %s; want %s (%s), %s", bs[0].Label, start, bs[len(bs)-1].Label, tc.first, tc.firstStart, tc.last)
			}
			for i, b := range bs {
				if b.Start.Location() != cst.Zone || !b.Start.Equal(w.start.Add(time.Duration(i)*w.step)) {
					t.Errorf("bucket %d starts %s", i, b.Start)
				}
			}
			if !w.end().After(tc.now) || w.end().Add(-w.step).After(tc.now) {
				t.Errorf("window ends %s: the last bucket must hold now %s", w.end(), tc.now)
			}
		})
	}
}

func TestUnknownRangeIsInvalid(t *testing.T) {
	t.Parallel()
	for _, r := range []Range{"", "1y", "TODAY", "7D", "week"} {
		_, err := windowOf(r, time.Now())
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.CodeInvalid || e.Fields["range"] == "" {
			t.Errorf("range %q: %v", r, err)
		}
	}
}
