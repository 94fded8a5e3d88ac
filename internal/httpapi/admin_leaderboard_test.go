package httpapi_test

import (
	"bytes"
	"fmt"
	"testing"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// The admin leaderboard answers exactly what the shop one does, for every
// query, valid or not.
func TestAdminLeaderboardMatchesTheShopOne(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sku := a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		top := a.DistributorUnder(t, "")
		mid := a.DistributorUnder(t, top.Code)
		other := a.DistributorUnder(t, "")
		for _, s := range []struct {
			d   *testkit.DistributorFixture
			qty int64
		}{{mid, 3}, {other, 1}, {other, 2}, {top, 1}} {
			buyer, addr := a.BuyerOf(t, s.d.Code)
			a.PayOrder(t, a.PlaceOrder(t, buyer, addr, s.qty, sku))
		}
		nicknames := map[int64]string{}
		for i, d := range []*testkit.DistributorFixture{top, mid, other} {
			nick := fmt.Sprintf("榜单%d", i)
			if err := a.DB.Gorm.Exec("UPDATE shoppers SET nickname = ? WHERE id = ?", nick, d.ShopperID).Error; err != nil {
				t.Fatal(err)
			}
			nicknames[d.ID] = nick
		}
		shopperID, _ := a.OrderShopper(t)
		shopper := a.SessionClient(session.KindShop, shopperID)
		admin := a.AdminClient(t, adminauth.RoleOperator)

		tests := []struct {
			query  string
			status int
			items  int // how many entries, for the valid queries
		}{
			{"", 200, 3},
			{"?metric=sales&period=all", 200, 3},
			{"?metric=commission&period=today&limit=2", 200, 2},
			{"?metric=new_customers&period=week", 200, 3},
			{"?period=month&limit=100", 200, 3},
			{"?limit=0", 200, 3},
			{"?metric=bogus", 400, 0},
			{"?period=year", 400, 0},
			{"?limit=abc", 400, 0},
		}
		for _, tc := range tests {
			t.Run(tc.query, func(t *testing.T) {
				shop := shopper.Do("GET", "/api/shop/leaderboard"+tc.query, nil).Expect(tc.status)
				adm := admin.Do("GET", "/api/admin/leaderboard"+tc.query, nil).Expect(tc.status)
				if !bytes.Equal(shop.Body, adm.Body) {
					t.Fatalf("admin answered\n%s\nshop answered\n%s", adm.Body, shop.Body)
				}
				if tc.status != 200 {
					return
				}
				var got struct {
					Metric string `json:"metric"`
					Items  []struct {
						DistributorID int64  `json:"distributor_id"`
						Nickname      string `json:"nickname"`
					} `json:"items"`
				}
				adm.JSON(&got)
				if len(got.Items) != tc.items || got.Metric == "" {
					t.Fatalf("%d items: %s", len(got.Items), adm.Body)
				}
				for _, it := range got.Items {
					if it.Nickname != nicknames[it.DistributorID] || bytes.Contains(adm.Body, []byte(`"phone`)) {
						t.Fatalf("entry %+v: want nickname %q and no phone in %s", it, nicknames[it.DistributorID], adm.Body)
					}
				}
			})
		}
	})
}
