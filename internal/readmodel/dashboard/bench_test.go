package dashboard_test

import (
	"testing"
	"time"

	"fenxiao/internal/readmodel/dashboard"
	"fenxiao/internal/testkit"
)

// BenchmarkDashboard measures each range over testkit.FullScale (1M paid
// orders, one every 9 seconds back from now: about 9,600 a day, 288k in
// 30 days) on each available database. -short skips the seed.
func BenchmarkDashboard(b *testing.B) {
	for _, d := range testkit.Dialects() {
		b.Run(d, func(b *testing.B) {
			now := time.Now()
			a := testkit.FullScaleApp(b, d, now)
			svc := dashboard.NewService(a.DB.Gorm, dashboard.WithClock(func() time.Time { return now }))
			for _, r := range dashboard.Ranges {
				got, err := svc.Get(testkit.Ctx(), r)
				if err != nil || got.Totals.PaidOrders == 0 || len(got.TopDistributors) != dashboard.TopN {
					b.Fatalf("%s: %+v %v", r, got, err)
				}
				b.Run(string(r), func(b *testing.B) {
					testkit.BenchP99(b, nil, func(int) {
						if _, err := svc.Get(testkit.Ctx(), r); err != nil {
							b.Fatal(err)
						}
					})
				})
			}
		})
	}
}
