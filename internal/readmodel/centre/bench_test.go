package centre_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/testkit"
)

// BenchmarkCentre measures the distributor centre's summary and its
// leaderboard (top 50 with cards plus my rank) over testkit.FullScale:
// 100k distributors and 1M attributed orders, on each available database.
// The requirement is a p99 under 10 ms for any distributor without
// scanning orders. -short skips the seed.
func BenchmarkCentre(b *testing.B) {
	for _, d := range testkit.Dialects() {
		b.Run(d, func(b *testing.B) {
			a := testkit.FullScaleApp(b, d, time.Now())
			sc := testkit.FullScale
			ctx := testkit.Ctx()
			// Distributor i's shopper id is i.
			random := func(seed uint64) func(int) int64 {
				r := rand.New(rand.NewPCG(seed, 1))
				return func(int) int64 { return 1 + r.Int64N(sc.Distributors) }
			}
			whale := func(int) int64 { return testkit.ScaleWhale }

			if s, err := a.Centre.Summary(ctx, testkit.ScaleWhale); err != nil || s.Orders != sc.Orders/10 || s.TeamMembers != 20_000 {
				b.Fatalf("whale summary %+v %v", s, err)
			}
			for _, c := range []struct {
				name string
				who  func(int) int64
			}{{"summary/random", random(1)}, {"summary/whale", whale}} {
				b.Run(c.name, func(b *testing.B) {
					testkit.BenchP99(b, nil, func(i int) {
						if _, err := a.Centre.Summary(ctx, c.who(i)); err != nil {
							b.Fatal(err)
						}
					})
				})
			}
			for _, c := range []struct {
				name   string
				period leaderboard.Period
				who    func(int) int64
			}{
				{"leaderboard/all/random", leaderboard.PeriodAll, random(2)},
				{"leaderboard/all/whale", leaderboard.PeriodAll, whale},
				{"leaderboard/month/random", leaderboard.PeriodMonth, random(3)},
			} {
				b.Run(c.name, func(b *testing.B) {
					testkit.BenchP99(b, nil, func(i int) {
						lb, err := a.Centre.Leaderboard(ctx, c.who(i), leaderboard.MetricSales, c.period, 50)
						if err != nil || len(lb.Top) != 50 {
							b.Fatalf("leaderboard: %v", err)
						}
					})
				})
			}
		})
	}
}
