package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/readmodel/centre"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// The merchant sees a distributor's customers, team and ledger: chain
// A <- B, one buyer of B paid 100.00 at 10% / 5%.
func TestAdminSeesADistributorsCustomersTeamAndLedger(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		A := a.DistributorUnder(t, "")
		B := a.DistributorUnder(t, A.Code)
		sku := a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		buyer, addr := a.BuyerOf(t, B.Code)
		a.PayOrder(t, a.PlaceOrder(t, buyer, addr, 1, sku))
		admin := a.AdminClient(t, adminauth.RoleOperator)
		path := func(id int64, what string) string { return fmt.Sprintf("/api/admin/distributors/%d/%s", id, what) }

		var customers struct {
			Items []centre.Customer
			Total int64
		}
		admin.Do("GET", path(B.ID, "customers"), nil).Expect(http.StatusOK).JSON(&customers)
		if customers.Total != 1 || customers.Items[0].ShopperID != buyer || customers.Items[0].OrderAmount != 10000 {
			t.Fatalf("B's customers: %+v", customers)
		}
		var team struct {
			Items []centre.TeamMember
			Total int64
		}
		admin.Do("GET", path(A.ID, "team"), nil).Expect(http.StatusOK).JSON(&team)
		if team.Total != 1 || team.Items[0].DistributorID != B.ID || team.Items[0].Contributed != 500 {
			t.Fatalf("A's team: %+v", team)
		}
		var led centre.Ledger
		admin.Do("GET", path(B.ID, "ledger"), nil).Expect(http.StatusOK).JSON(&led)
		if led.Balances[ledger.KindPending] != 1000 || led.Balances[ledger.KindAvailable] != 0 || led.Entries.Total != 1 || len(led.Entries.Items[0].Lines) != 2 {
			t.Fatalf("B's ledger: %+v", led)
		}
		admin.Do("GET", path(B.ID, "ledger")+"?kind=available", nil).Expect(http.StatusOK).JSON(&led)
		if led.Entries.Total != 0 {
			t.Fatalf("available entries of B: %+v", led.Entries)
		}

		for _, what := range []string{"customers", "team", "ledger"} {
			admin.Do("GET", path(99999, what), nil).Expect(http.StatusNotFound)
			admin.Do("GET", path(B.ID, what)+"?page=x", nil).Expect(http.StatusBadRequest)
			a.SessionClient(session.KindShop, B.ShopperID).Do("GET", path(B.ID, what), nil).Expect(http.StatusUnauthorized)
		}
		if code := admin.Do("GET", path(B.ID, "ledger")+"?kind=expense", nil).Expect(http.StatusBadRequest).ErrorCode(); code != "invalid" {
			t.Fatalf("bad kind: %s", code)
		}
	})
}
