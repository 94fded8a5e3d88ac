package centre_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// The summary's order figure is a counter kept at payment; it must equal
// the count of paid orders attributed at tier 1 whatever the path: plain,
// a repeated payment notice, self-purchase, a distributor frozen between
// checkout and payment, and an order never paid.
func TestSummaryOrdersCountsPaidAttributedOrders(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		s := commission.DefaultSettings()
		s.SelfPurchase = true
		a.SetCommissionSettings(t, s)
		sku := a.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
		parent := a.DistributorUnder(t, "")
		d := a.DistributorUnder(t, parent.Code)
		idle := a.DistributorUnder(t, "")
		buyer, addr := a.BuyerOf(t, d.Code)

		for range 2 {
			a.PayOrder(t, a.PlaceOrder(t, buyer, addr, 1, sku))
		}
		again := a.PlaceOrder(t, buyer, addr, 1, sku)
		a.PayOrder(t, again)
		a.PayOrder(t, again)                                             // the same notice twice
		a.PlaceOrder(t, buyer, addr, 1, sku)                             // never paid
		a.PayOrder(t, a.PlaceOrder(t, d.ShopperID, d.AddressID, 1, sku)) // self-purchase
		late := a.PlaceOrder(t, buyer, addr, 1, sku)
		if err := a.DB.Gorm.Table("distributors").Where("id = ?", d.ID).Update("status", "frozen").Error; err != nil {
			t.Fatal(err)
		}
		a.PayOrder(t, late)

		for _, c := range []struct {
			who  *testkit.DistributorFixture
			want int64
		}{{d, 5}, {parent, 0}, {idle, 0}} {
			got, err := a.Centre.Summary(testkit.Ctx(), c.who.ShopperID)
			if err != nil {
				t.Fatal(err)
			}
			var counted int64
			err = a.DB.Gorm.Table("orders").Where("distributor_id = ? AND paid_at IS NOT NULL", c.who.ID).Count(&counted).Error
			if err != nil {
				t.Fatal(err)
			}
			if got.Orders != c.want || got.Orders != counted {
				t.Errorf("distributor %d: summary orders %d, paid attributed orders %d, want %d", c.who.ID, got.Orders, counted, c.want)
			}
		}
	})
}
