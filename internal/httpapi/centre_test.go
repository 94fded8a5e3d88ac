package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/readmodel/centre"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// centreChain is A (top) -> B -> buyer C with four orders of 10000 fen
// through B: o1 settled, o2 paid only, o3 completed (pending, unlock date
// known), o4 fully refunded while pending.
type centreChain struct {
	a, b, d                            *testkit.DistributorFixture
	buyer                              int64
	orders                             []*order.Order
	phones                             []string
	clientA, clientB, clientD, clientC *testkit.Client
}

func setPhone(t *testing.T, a *testkit.App, shopperID int64, phone string) {
	t.Helper()
	if err := a.DB.Gorm.Model(&member.Shopper{}).Where("id = ?", shopperID).Update("phone", phone).Error; err != nil {
		t.Fatal(err)
	}
}

func newCentreChain(t *testing.T, a *testkit.App) *centreChain {
	s := commission.DefaultSettings()
	s.SettleAfterDays = 0
	a.SetCommissionSettings(t, s)
	sku := a.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
	c := &centreChain{a: a.DistributorUnder(t, "")}
	c.b = a.DistributorUnder(t, c.a.Code)
	c.d = a.DistributorUnder(t, "")
	var addr int64
	c.buyer, addr = a.BuyerOf(t, c.b.Code)
	c.phones = []string{"13911110001", "13922220002", "13933330003", "13944440004"}
	for i, id := range []int64{c.a.ShopperID, c.b.ShopperID, c.buyer, c.d.ShopperID} {
		setPhone(t, a, id, c.phones[i])
	}
	for i := 0; i < 4; i++ {
		o := a.PlaceOrder(t, c.buyer, addr, 1, sku)
		a.PayOrder(t, o)
		c.orders = append(c.orders, o)
	}
	a.CompleteOrder(t, c.orders[0])
	if _, err := a.Commissions.SettleDue(testkit.Ctx()); err != nil {
		t.Fatal(err)
	}
	s.SettleAfterDays = 7
	a.SetCommissionSettings(t, s)
	a.CompleteOrder(t, c.orders[2])
	var lineIDs []int64
	a.DB.Gorm.Table("order_lines").Where("order_id = ?", c.orders[3].ID).Pluck("id", &lineIDs)
	a.RefundLine(t, c.orders[3], lineIDs[0], 1)
	c.clientA = a.SessionClient(session.KindShop, c.a.ShopperID)
	c.clientB = a.SessionClient(session.KindShop, c.b.ShopperID)
	c.clientD = a.SessionClient(session.KindShop, c.d.ShopperID)
	c.clientC = a.SessionClient(session.KindShop, c.buyer)
	return c
}

// get fetches path as cl, fails on any status but 200 and on any full
// phone number in the body, and decodes into dst.
func (c *centreChain) get(t *testing.T, cl *testkit.Client, path string, dst any) {
	t.Helper()
	r := cl.Do("GET", path, nil).Expect(http.StatusOK)
	for _, p := range c.phones {
		if strings.Contains(string(r.Body), p) {
			t.Fatalf("%s leaks phone %s: %s", path, p, r.Body)
		}
	}
	r.JSON(dst)
}

func TestCentreSummaryMatchesLedgerAndRecords(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := newCentreChain(t, a)
		want := map[int64]centre.Summary{
			c.b.ID: {Pending: 2000, Available: 1000, TotalEarned: 3000, Customers: 1, TeamMembers: 0, Orders: 4},
			c.a.ID: {Pending: 1000, Available: 500, TotalEarned: 1500, Customers: 1, TeamMembers: 1, Orders: 0},
			c.d.ID: {},
		}
		for id, cl := range map[int64]*testkit.Client{c.b.ID: c.clientB, c.a.ID: c.clientA, c.d.ID: c.clientD} {
			var got centre.Summary
			c.get(t, cl, "/api/shop/distributor/summary", &got)
			w := want[id]
			w.DistributorID, w.Status = id, "active"
			if got != w {
				t.Errorf("distributor %d summary %+v, want %+v", id, got, w)
			}
			b := a.Balances(t, id)
			net, err := a.Commissions.NetOf(testkit.Ctx(), id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Pending != b[ledger.KindPending] || got.Available != b[ledger.KindAvailable] || got.TotalEarned != net {
				t.Errorf("distributor %d: summary %+v, ledger %v, records net %d", id, got, b, net)
			}
		}
		a.CheckCommissionLedger(t, c.a.ID, c.b.ID, c.d.ID)
	})
}

type centrePage[T any] struct {
	Items []T   `json:"items"`
	Total int64 `json:"total"`
}

func TestCentreCommissionsShowUnlockInfo(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := newCentreChain(t, a)
		var got centrePage[centre.Commission]
		c.get(t, c.clientB, "/api/shop/distributor/commissions", &got)
		if got.Total != 4 || len(got.Items) != 4 {
			t.Fatalf("B commissions: %+v", got)
		}
		type want struct {
			status, reason string
			dated          bool
			amount, rev    money.Fen
		}
		// newest first: o4, o3, o2, o1
		wants := []want{
			{"reversed", centre.UnlockRefunded, false, 1000, 1000},
			{"pending", centre.UnlockAfterSales, true, 1000, 0},
			{"pending", centre.UnlockAwaitingDelivery, false, 1000, 0},
			{"settled", "", false, 1000, 0},
		}
		for i, w := range wants {
			it := got.Items[i]
			o := c.orders[3-i]
			reason := ""
			if it.UnlockReason != nil {
				reason = *it.UnlockReason
			}
			if it.OrderNo != o.OrderNo || it.Tier != 1 || it.Status != w.status || reason != w.reason ||
				(it.UnlocksOn != nil) != w.dated || it.Amount != w.amount || it.ReversedAmount != w.rev ||
				it.BaseAmount != 10000 || it.LineTitle == "" || it.Buyer.ID != c.buyer || it.Buyer.Phone != "139****0003" {
				t.Errorf("item %d: %+v (reason %q), want %+v", i, it, reason, w)
			}
		}
		var settled centrePage[centre.Commission]
		c.get(t, c.clientB, "/api/shop/distributor/commissions?status=settled", &settled)
		if settled.Total != 1 || settled.Items[0].OrderNo != c.orders[0].OrderNo || settled.Items[0].UnlockReason != nil {
			t.Errorf("settled filter: %+v", settled)
		}
		var tier2 centrePage[centre.Commission]
		c.get(t, c.clientA, "/api/shop/distributor/commissions", &tier2)
		if tier2.Total != 4 || tier2.Items[0].Tier != 2 || tier2.Items[3].Amount != 500 {
			t.Errorf("A commissions: %+v", tier2)
		}
		var none centrePage[centre.Commission]
		c.get(t, c.clientD, "/api/shop/distributor/commissions", &none)
		if none.Total != 0 || len(none.Items) != 0 {
			t.Errorf("D sees others' commissions: %+v", none)
		}
		expectError(t, c.clientB.Do("GET", "/api/shop/distributor/commissions?status=bogus", nil), http.StatusBadRequest, "invalid", "")
	})
}
