package httpapi_test

import (
	"net/http"
	"testing"

	"fenxiao/internal/readmodel/centre"
	"fenxiao/internal/testkit"
)

func TestCentreOrdersCustomersTeam(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := newCentreChain(t, a)

		var orders centrePage[centre.Order]
		c.get(t, c.clientB, "/api/shop/distributor/orders", &orders)
		if orders.Total != 4 || len(orders.Items) != 4 {
			t.Fatalf("B orders: %+v", orders)
		}
		var paid int64
		for i, it := range orders.Items {
			o := c.orders[3-i]
			paid += int64(o.PayAmount)
			if it.ID != o.ID || it.OrderNo != o.OrderNo || it.PayAmount != o.PayAmount || it.Buyer.Phone != "139****0003" {
				t.Errorf("order %d: %+v", i, it)
			}
		}
		if orders.Items[3].Status != "completed" || orders.Items[0].Refunded != c.orders[3].PayAmount {
			t.Errorf("order statuses: %+v", orders.Items)
		}

		var customers centrePage[centre.Customer]
		c.get(t, c.clientB, "/api/shop/distributor/customers", &customers)
		if customers.Total != 1 || len(customers.Items) != 1 {
			t.Fatalf("B customers: %+v", customers)
		}
		cu := customers.Items[0]
		if cu.ShopperID != c.buyer || cu.Phone != "139****0003" || cu.Nickname == "" || cu.OrderCount != 4 ||
			int64(cu.OrderAmount) != paid || cu.Source != "link" || cu.BoundAt.IsZero() {
			t.Errorf("customer: %+v (paid %d)", cu, paid)
		}

		var team centrePage[centre.TeamMember]
		c.get(t, c.clientA, "/api/shop/distributor/team", &team)
		if team.Total != 1 || len(team.Items) != 1 {
			t.Fatalf("A team: %+v", team)
		}
		tm := team.Items[0]
		// tier-2: 500 on each of o1..o4, o4 fully reversed.
		if tm.DistributorID != c.b.ID || tm.Contributed != 1500 || tm.Phone != "139****0002" || tm.Status != "active" || tm.JoinedAt.IsZero() {
			t.Errorf("team member: %+v", tm)
		}
		var aCustomers centrePage[centre.Customer]
		c.get(t, c.clientA, "/api/shop/distributor/customers", &aCustomers)
		if aCustomers.Total != 1 || aCustomers.Items[0].ShopperID != c.b.ShopperID || aCustomers.Items[0].OrderCount != 0 {
			t.Errorf("A customers: %+v", aCustomers)
		}

		// D sees nothing of A's or B's.
		for _, path := range []string{"orders", "customers", "team"} {
			var p centrePage[map[string]any]
			c.get(t, c.clientD, "/api/shop/distributor/"+path, &p)
			if p.Total != 0 || len(p.Items) != 0 {
				t.Errorf("D %s: %+v", path, p)
			}
		}
		var bTeam centrePage[centre.TeamMember]
		c.get(t, c.clientB, "/api/shop/distributor/team", &bTeam)
		if bTeam.Total != 0 {
			t.Errorf("B team: %+v", bTeam)
		}
	})
}

func TestCentreLeaderboardAndAccess(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := newCentreChain(t, a)

		var lb centre.Leaderboard
		c.get(t, c.clientB, "/api/shop/distributor/leaderboard?metric=commission&period=all&limit=5", &lb)
		if lb.Me == nil || len(lb.Top) == 0 {
			t.Fatalf("B leaderboard: %+v", lb)
		}
		found := false
		for _, e := range lb.Top {
			if e.DistributorID == c.b.ID {
				found = true
				if e.Rank != lb.Me.Rank || e.Value != lb.Me.Value || e.Nickname == "" {
					t.Errorf("B row %+v vs me %+v", e, lb.Me)
				}
			}
		}
		if !found {
			t.Errorf("B not in top: %+v", lb.Top)
		}
		var dlb centre.Leaderboard
		c.get(t, c.clientD, "/api/shop/distributor/leaderboard", &dlb)
		if dlb.Me != nil || dlb.Metric != "sales" || dlb.Period != "all" {
			t.Errorf("D leaderboard: %+v", dlb)
		}
		expectError(t, c.clientB.Do("GET", "/api/shop/distributor/leaderboard?metric=bogus", nil), http.StatusBadRequest, "invalid", "")
		expectError(t, c.clientB.Do("GET", "/api/shop/distributor/leaderboard?period=year", nil), http.StatusBadRequest, "invalid", "")

		paths := []string{"summary", "commissions", "orders", "customers", "team", "leaderboard"}
		for _, p := range paths {
			expectError(t, c.clientC.Do("GET", "/api/shop/distributor/"+p, nil), http.StatusForbidden, "forbidden", "not_a_distributor")
			expectError(t, a.Client().Do("GET", "/api/shop/distributor/"+p, nil), http.StatusUnauthorized, "unauthenticated", "")
		}

		// A frozen distributor still sees its money.
		if err := a.DB.Gorm.Table("distributors").Where("id = ?", c.b.ID).Update("status", "frozen").Error; err != nil {
			t.Fatal(err)
		}
		var s centre.Summary
		c.get(t, c.clientB, "/api/shop/distributor/summary", &s)
		if s.Status != "frozen" || s.TotalEarned != 3000 {
			t.Errorf("frozen summary: %+v", s)
		}
		if err := a.DB.Gorm.Table("distributors").Where("id = ?", c.b.ID).Update("status", "removed").Error; err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			expectError(t, c.clientB.Do("GET", "/api/shop/distributor/"+p, nil), http.StatusForbidden, "forbidden", "not_a_distributor")
		}
	})
}
