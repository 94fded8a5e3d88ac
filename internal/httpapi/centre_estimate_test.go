package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// A distributor's share sheet shows what it would earn on one unit: the
// product's own rate or fixed amount over its SKU prices (floored to the
// fen), nothing while frozen, and no estimate for shoppers or off-shelf
// products.
func TestCentreProductCommissionEstimate(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := a.DistributorUnder(t, "")
		client := a.SessionClient(session.KindShop, d.ShopperID)
		rated, _ := a.OrderProduct(t, "rated", testkit.OrderSKU{Price: 12345, Stock: 5}, testkit.OrderSKU{Price: 999, Stock: 5})
		fixed, _ := a.OrderProduct(t, "fixed", testkit.OrderSKU{Price: 5000, Stock: 5})
		set := func(id int64, mode catalog.CommissionMode, tier1 int64) {
			err := a.DB.Gorm.Model(&catalog.Product{}).Where("id = ?", id).
				Updates(map[string]any{"commission_mode": mode, "commission_tier1": tier1, "commission_tier2": 0}).Error
			if err != nil {
				t.Fatal(err)
			}
		}
		set(fixed.ID, catalog.CommissionFixed, 300)
		url := func(id int64) string { return fmt.Sprintf("/api/shop/distributor/products/%d/commission", id) }
		for _, tc := range []struct {
			name     string
			id       int64
			min, max int64
		}{
			{"10% of 9.99 and 123.45 yuan", rated.ID, 99, 1234},
			{"fixed 3 yuan a unit", fixed.ID, 300, 300},
		} {
			var got commission.Estimate
			client.Do("GET", url(tc.id), nil).Expect(http.StatusOK).JSON(&got)
			if int64(got.Min) != tc.min || int64(got.Max) != tc.max {
				t.Errorf("%s: estimate %+v, want %d..%d", tc.name, got, tc.min, tc.max)
			}
		}

		if err := a.DB.Gorm.Exec("UPDATE distributors SET status = 'frozen' WHERE id = ?", d.ID).Error; err != nil {
			t.Fatal(err)
		}
		var frozen commission.Estimate
		client.Do("GET", url(rated.ID), nil).Expect(http.StatusOK).JSON(&frozen)
		if frozen.Min != 0 || frozen.Max != 0 {
			t.Errorf("frozen distributor estimate %+v, want 0", frozen)
		}

		buyer, _ := a.OrderShopper(t)
		expectError(t, a.SessionClient(session.KindShop, buyer).Do("GET", url(rated.ID), nil), http.StatusForbidden, "forbidden", "not_a_distributor")
		expectError(t, client.Do("GET", url(rated.ID+fixed.ID+100), nil), http.StatusNotFound, "not_found", "")
		set(rated.ID, catalog.CommissionRate, 1000)
		if err := a.DB.Gorm.Exec("UPDATE products SET status = 'off_shelf' WHERE id = ?", rated.ID).Error; err != nil {
			t.Fatal(err)
		}
		expectError(t, client.Do("GET", url(rated.ID), nil), http.StatusNotFound, "not_found", "")
	})
}
