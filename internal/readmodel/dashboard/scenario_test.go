package dashboard_test

import (
	"maps"
	"testing"
	"time"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/readmodel/dashboard"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// scenarioNow is the clock: Monday 2026-11-23 10:30 in Shanghai.
var scenarioNow = cstAt(23, 10, 30, 0)

// newWorld builds the scenario. Products are 100.00 yuan, 10% tier 1 and
// 5% tier 2. top <- b (b's parent is top); c alone. Buyers x, y bound to
// b, w bound to c, z to nobody. Times are Shanghai, November 2026:
//
//	o1 x 1 unit   placed 22 23:50     paid 22 23:59:59   settled 23 08:00
//	o2 x 2 units  placed 22 23:59:30  paid 23 00:00:00   (the CST day boundary: same UTC day as o1)
//	o3 y 1 unit   placed 23 09:15     paid 23 09:16      refunded in full 23 09:40
//	o4 z 3 units  placed 20 14:00     paid 20 14:05      no distributor
//	o5 y 1 unit   placed 23 10:05     unpaid
//	o6 x 1 unit   placed 16 23:59     paid 17 00:00:10   (placed before the 7 days, paid inside)
//	o7 x 1 unit   placed 10 12:00     paid 10 12:00:30   (30 days only)
//	o8 y 1 unit   placed 21 08:00     cancelled
//	o9 w 5 units  placed 19 11:00     paid 19 11:01      (c: ties b's 7-day sales)
//
// b withdraws 8.00 yuan with a 1% fee: requested 21 14:00, paid 21 15:00
// (7.92 reaches it). Joined: top 22 23:59:59, b 23 00:00:00. Shoppers
// created: b's 17 00:00:00, x's 16 23:59:59, top's 23 10:10; the others
// long ago.
func newWorld(t *testing.T, a *testkit.App) *world {
	t.Helper()
	wd := &world{a: a, orders: map[string]*order.Order{}}
	sku := product(t, a)
	wd.top = a.DistributorUnder(t, "")
	wd.b = a.DistributorUnder(t, wd.top.Code)
	wd.c = a.DistributorUnder(t, "")
	x, xAddr := a.BuyerOf(t, wd.b.Code)
	y, yAddr := a.BuyerOf(t, wd.b.Code)
	w, wAddr := a.BuyerOf(t, wd.c.Code)
	z, zAddr := a.OrderShopper(t)
	var unpaid time.Time

	wd.order(t, "o1", x, xAddr, sku, 1, cstAt(22, 23, 50, 0), cstAt(22, 23, 59, 59))
	wd.order(t, "o2", x, xAddr, sku, 2, cstAt(22, 23, 59, 30), cstAt(23, 0, 0, 0))
	o3 := wd.order(t, "o3", y, yAddr, sku, 1, cstAt(23, 9, 15, 0), cstAt(23, 9, 16, 0))
	wd.order(t, "o4", z, zAddr, sku, 3, cstAt(20, 14, 0, 0), cstAt(20, 14, 5, 0))
	wd.order(t, "o5", y, yAddr, sku, 1, cstAt(23, 10, 5, 0), unpaid)
	wd.order(t, "o6", x, xAddr, sku, 1, cstAt(16, 23, 59, 0), cstAt(17, 0, 0, 10))
	wd.order(t, "o7", x, xAddr, sku, 1, cstAt(10, 12, 0, 0), cstAt(10, 12, 0, 30))
	o8 := wd.order(t, "o8", y, yAddr, sku, 1, cstAt(21, 8, 0, 0), unpaid)
	wd.order(t, "o9", w, wAddr, sku, 5, cstAt(19, 11, 0, 0), cstAt(19, 11, 1, 0))

	if _, err := a.Orders.CancelByAdmin(testkit.Ctx(), audit.Actor{Username: "test"}, o8.ID, "scenario"); err != nil {
		t.Fatalf("cancel o8: %v", err)
	}
	var lineID int64
	a.DB.Gorm.Table("order_lines").Where("order_id = ?", o3.ID).Select("id").Scan(&lineID)
	refund := a.RefundLine(t, o3, lineID, 1)
	// The refund must really have happened, or "not subtracted" proves nothing.
	if n := a.OrderCount(t, "orders", "id = ? AND refunded_amount = pay_amount", o3.ID); n != 1 {
		t.Fatal("o3 was not refunded")
	}
	reversals := "ref_type = 'refund' AND ref_id = ? AND type = 'commission_reverse'"
	if n := a.OrderCount(t, "ledger_entries", reversals, refund.ID); n != 2 {
		t.Fatalf("o3's refund has %d reversal postings, want 2", n)
	}
	wd.stamp("ledger_entries", "created_at", cstAt(23, 9, 40, 0), reversals, refund.ID)

	wd.settleOrder(t, wd.orders["o1"], cstAt(23, 8, 0, 0))
	a.SetWithdrawalSettings(t, withdrawal.Settings{MinAmount: 100, DailyMaxAmount: 500000, DailyMaxCount: 3, FeeBP: 100})
	wd.withdrawPaid(t, wd.b, 800, cstAt(21, 14, 0, 0), cstAt(21, 15, 0, 0))

	wd.stamp("distributors", "joined_at", cstAt(22, 23, 59, 59), "id = ?", wd.top.ID)
	wd.stamp("distributors", "joined_at", cstAt(23, 0, 0, 0), "id = ?", wd.b.ID)
	wd.stamp("shoppers", "created_at", cstAt(17, 0, 0, 0), "id = ?", wd.b.ShopperID)
	wd.stamp("shoppers", "created_at", cstAt(16, 23, 59, 59), "id = ?", x)
	wd.stamp("shoppers", "created_at", cstAt(23, 10, 10, 0), "id = ?", wd.top.ShopperID)
	wd.finish(t)
	return wd
}

// day is a daily bucket's figures: gmv, orders placed, orders paid,
// commission accrued, distributors joined.
type day struct {
	gmv, orders, paid, accrued, joined int64
}

func TestDashboardFiguresOfTheScenario(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		wd := newWorld(t, a)
		svc := dashboard.NewService(a.DB.Gorm, dashboard.WithClock(func() time.Time { return scenarioNow }))
		lastWeek := map[string]day{
			"11-17": {gmv: 10000, paid: 1, accrued: 1500},
			"11-19": {gmv: 50000, orders: 1, paid: 1, accrued: 5000},
			"11-20": {gmv: 30000, orders: 1, paid: 1},
			"11-21": {orders: 1},
			"11-22": {gmv: 10000, orders: 2, paid: 1, accrued: 1500, joined: 1},
			"11-23": {gmv: 30000, orders: 2, paid: 2, accrued: 4500, joined: 1},
		}
		tests := []struct {
			rng      dashboard.Range
			from, to string
			totals   dashboard.Totals
			labels   []string
			series   map[string]day // buckets not listed are all zero
			top      []dashboard.TopDistributor
		}{
			{
				rng: dashboard.RangeToday, from: "2026-11-23", to: "2026-11-23",
				totals: dashboard.Totals{GMV: 30000, Orders: 2, PaidOrders: 2, PaidConversionBP: 5000, CommissionAccrued: 4500,
					CommissionSettled: 1500, CommissionPaidOut: 0, NewDistributors: 1, NewShoppers: 1},
				labels: []string{"00:00", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00", "10:00"},
				series: map[string]day{
					"00:00": {gmv: 20000, paid: 1, accrued: 3000, joined: 1},
					"09:00": {gmv: 10000, orders: 1, paid: 1, accrued: 1500},
					"10:00": {orders: 1},
				},
				top: []dashboard.TopDistributor{{DistributorID: wd.b.ID, Sales: 30000, Orders: 2, Commission: 3000}},
			},
			{
				rng: dashboard.Range7d, from: "2026-11-17", to: "2026-11-23",
				totals: dashboard.Totals{GMV: 130000, Orders: 7, PaidOrders: 6, PaidConversionBP: 7143, CommissionAccrued: 12500,
					CommissionSettled: 1500, CommissionPaidOut: 792, NewDistributors: 2, NewShoppers: 2},
				labels: []string{"11-17", "11-18", "11-19", "11-20", "11-21", "11-22", "11-23"},
				series: lastWeek,
				// A tie on sales: the lower distributor id first.
				top: []dashboard.TopDistributor{
					{DistributorID: wd.b.ID, Sales: 50000, Orders: 4, Commission: 5000},
					{DistributorID: wd.c.ID, Sales: 50000, Orders: 1, Commission: 5000},
				},
			},
			{
				rng: dashboard.Range30d, from: "2026-10-25", to: "2026-11-23",
				totals: dashboard.Totals{GMV: 140000, Orders: 9, PaidOrders: 7, PaidConversionBP: 7778, CommissionAccrued: 14000,
					CommissionSettled: 1500, CommissionPaidOut: 792, NewDistributors: 2, NewShoppers: 3},
				series: withDays(lastWeek, map[string]day{
					"11-10": {gmv: 10000, orders: 1, paid: 1, accrued: 1500},
					"11-16": {orders: 1},
				}),
				top: []dashboard.TopDistributor{
					{DistributorID: wd.b.ID, Sales: 60000, Orders: 5, Commission: 6000},
					{DistributorID: wd.c.ID, Sales: 50000, Orders: 1, Commission: 5000},
				},
			},
		}
		for _, tc := range tests {
			t.Run(string(tc.rng), func(t *testing.T) {
				got, err := svc.Get(testkit.Ctx(), tc.rng)
				if err != nil {
					t.Fatal(err)
				}
				if got.Range != tc.rng || got.From != tc.from || got.To != tc.to {
					t.Errorf("range %s %s..%s, want %s %s..%s", got.Range, got.From, got.To, tc.rng, tc.from, tc.to)
				}
				if got.Totals != tc.totals {
					t.Errorf("totals\n got %+v\nwant %+v", got.Totals, tc.totals)
				}
				checkSeries(t, got, tc.labels, tc.series)
				checkTop(t, a, got.TopDistributors, tc.top)
			})
		}
	})
}

// withDays is days with more days (of a longer range) added.
func withDays(days, more map[string]day) map[string]day {
	out := maps.Clone(days)
	maps.Copy(out, more)
	return out
}

// checkSeries compares the buckets with want (by label; unlisted ones
// must be zero), the labels when given, and that each column sums to its
// total.
func checkSeries(t *testing.T, got *dashboard.Dashboard, labels []string, want map[string]day) {
	t.Helper()
	if labels != nil && len(got.Series) != len(labels) {
		t.Fatalf("%d buckets, want %d", len(got.Series), len(labels))
	}
	var sum day
	seen := 0
	for i, b := range got.Series {
		if labels != nil && b.Label != labels[i] {
			t.Errorf("bucket %d label %q, want %q", i, b.Label, labels[i])
		}
		g := day{gmv: int64(b.GMV), orders: b.Orders, paid: b.PaidOrders, accrued: int64(b.CommissionAccrued), joined: b.NewDistributors}
		if w, ok := want[b.Label]; ok {
			seen++
			if g != w {
				t.Errorf("bucket %s: %+v, want %+v", b.Label, g, w)
			}
		} else if g != (day{}) {
			t.Errorf("bucket %s: %+v, want zeros", b.Label, g)
		}
		sum.gmv, sum.orders, sum.paid, sum.accrued, sum.joined = sum.gmv+g.gmv, sum.orders+g.orders, sum.paid+g.paid, sum.accrued+g.accrued, sum.joined+g.joined
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d expected buckets: %+v", seen, len(want), got.Series)
	}
	tot := got.Totals
	if sum != (day{gmv: int64(tot.GMV), orders: tot.Orders, paid: tot.PaidOrders, accrued: int64(tot.CommissionAccrued), joined: tot.NewDistributors}) {
		t.Errorf("series sums %+v differ from totals %+v", sum, tot)
	}
}

// checkTop compares the top distributors, with their nicknames read from
// the shoppers table.
func checkTop(t *testing.T, a *testkit.App, got, want []dashboard.TopDistributor) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("top %+v, want %+v", got, want)
	}
	for i := range want {
		var nick string
		a.DB.Gorm.Table("distributors d").Joins("JOIN shoppers s ON s.id = d.shopper_id").
			Where("d.id = ?", want[i].DistributorID).Select("s.nickname").Scan(&nick)
		want[i].Nickname = nick
		if nick == "" || got[i] != want[i] {
			t.Errorf("top %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

func TestEmptyDashboardHasZerosAndEveryBucket(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		svc := dashboard.NewService(a.DB.Gorm, dashboard.WithClock(func() time.Time { return scenarioNow }))
		for rng, n := range map[dashboard.Range]int{dashboard.RangeToday: 11, dashboard.Range7d: 7, dashboard.Range30d: 30} {
			got, err := svc.Get(testkit.Ctx(), rng)
			if err != nil {
				t.Fatal(err)
			}
			if got.Totals != (dashboard.Totals{}) || len(got.Series) != n || got.TopDistributors == nil || len(got.TopDistributors) != 0 {
				t.Errorf("%s: %+v", rng, got)
			}
			checkSeries(t, got, nil, map[string]day{})
		}
		if _, err := svc.Get(testkit.Ctx(), "1y"); !apperr.Is(err, apperr.CodeInvalid) {
			t.Errorf("range 1y: %v", err)
		}
	})
}
