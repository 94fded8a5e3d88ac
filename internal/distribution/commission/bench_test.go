package commission_test

import (
	"testing"
	"time"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// BenchmarkCreditOrder measures paying an order of one line (MarkPaid in
// its own transaction: the order's transition plus the accrual of both
// tiers with records, ledger postings, leaderboard counters and rank
// histogram, notifications and the buyer's binding) over
// testkit.FullScale. "small" credits a distributor with no team and a
// handful of orders under a parent with a team of two; "whale" credits
// the distributor with a 20k team, 50k customers and 100k orders of
// history under a parent with a 20k team; "empty" is a two-distributor
// chain on an empty database. Equal figures show the cost does not grow
// with team size or history. -short skips the 1M-order seed.
func BenchmarkCreditOrder(b *testing.B) {
	for _, d := range testkit.Dialects() {
		b.Run(d+"/empty", func(b *testing.B) {
			a := testkit.NewApp(b, testkit.FreshDatabaseURL(b, d))
			sku := benchSKU(b, a)
			parent := a.DistributorUnder(b, "")
			tier1 := a.DistributorUnder(b, parent.Code)
			buyer, addr := a.BuyerOf(b, tier1.Code)
			var o *order.Order
			testkit.BenchP99(b,
				func(int) { o = a.PlaceOrder(b, buyer, addr, 1, sku) },
				func(int) { a.PayOrder(b, o) })
			b.StopTimer()
			checkCredited(b, a, o, tier1.ID)
		})
		b.Run(d, func(b *testing.B) {
			a := testkit.FullScaleApp(b, d, time.Now())
			sc := testkit.FullScale
			sku := benchSKU(b, a)
			cases := []struct {
				name           string
				distributor    int64
				buyer, address int64
			}{{name: "small", distributor: testkit.ScaleSmall}, {name: "whale", distributor: testkit.ScaleWhale}}
			// Warm up both paths (caches, the first checkpoints after the
			// bulk load) so neither case pays for that alone.
			for i := range cases {
				c := &cases[i]
				c.buyer, c.address = a.BuyerOf(b, sc.InviteCode(c.distributor))
				for range 20 {
					a.PayOrder(b, a.PlaceOrder(b, c.buyer, c.address, 1, sku))
				}
			}
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					buyer, addr := c.buyer, c.address
					var o *order.Order
					testkit.BenchP99(b,
						func(int) { o = a.PlaceOrder(b, buyer, addr, 1, sku) },
						func(int) { a.PayOrder(b, o) })
					b.StopTimer()
					checkCredited(b, a, o, c.distributor)
				})
			}
		})
	}
}

// benchSKU is a 100-yuan SKU with global commission rates and endless stock.
func benchSKU(b *testing.B, a *testkit.App) int64 {
	sku := a.CommissionProduct(b, catalog.CommissionInherit, 0, 0, 10000)
	if err := a.DB.Gorm.Table("skus").Where("id = ?", sku).Update("stock", 1<<40).Error; err != nil {
		b.Fatal(err)
	}
	return sku
}

// checkCredited fails unless o earned both tiers, tier 1 for distributor.
func checkCredited(b *testing.B, a *testkit.App, o *order.Order, distributor int64) {
	b.Helper()
	rs, err := a.Commissions.RecordsOf(testkit.Ctx(), o.ID)
	if err != nil || len(rs) != 2 || rs[0].DistributorID != distributor || rs[0].Amount != 1000 || rs[1].Amount != 500 ||
		rs[0].Status != commission.StatusPending {
		b.Fatalf("records of order %d: %+v %v", o.ID, rs, err)
	}
}
