package commission_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// chain is Z <- A <- B (each the parent of the next) and buyer C bound to B.
type chain struct {
	z, a, b     *testkit.DistributorFixture
	buyer, addr int64
}

func newChain(t *testing.T, app *testkit.App) chain {
	t.Helper()
	z := app.DistributorUnder(t, "")
	a := app.DistributorUnder(t, z.Code)
	b := app.DistributorUnder(t, a.Code)
	buyer, addr := app.BuyerOf(t, b.Code)
	return chain{z: z, a: a, b: b, buyer: buyer, addr: addr}
}

func records(t *testing.T, app *testkit.App, orderID int64) []commission.Record {
	t.Helper()
	rs, err := app.Commissions.RecordsOf(testkit.Ctx(), orderID)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// byTier returns the order's records keyed by tier, failing on a third
// tier or a duplicate.
func byTier(t *testing.T, rs []commission.Record) map[int]commission.Record {
	t.Helper()
	out := map[int]commission.Record{}
	for _, r := range rs {
		if r.Tier != 1 && r.Tier != 2 {
			t.Fatalf("record of tier %d", r.Tier)
		}
		if _, dup := out[r.Tier]; dup {
			t.Fatalf("two tier-%d records: %+v", r.Tier, rs)
		}
		out[r.Tier] = r
	}
	return out
}

func settle(t *testing.T, app *testkit.App) {
	t.Helper()
	if _, err := app.Jobs.RunPeriodic(testkit.Ctx(), commission.SettleJob); err != nil {
		t.Fatalf("run settle: %v", err)
	}
}

func wantBalance(t *testing.T, app *testkit.App, distributorID int64, kind ledger.Kind, want money.Fen) {
	t.Helper()
	if got := app.Balances(t, distributorID)[kind]; got != want {
		t.Errorf("distributor %d %s = %d, want %d", distributorID, kind, got, want)
	}
}

// settlingAtOnce is an app whose commissions settle as soon as an order
// completes (the default rates otherwise), with a 100.00 product on them.
func settlingAtOnce(t *testing.T, dbURL string) (*testkit.App, int64) {
	t.Helper()
	app := testkit.NewApp(t, dbURL)
	s := commission.DefaultSettings()
	s.SettleAfterDays = 0
	app.SetCommissionSettings(t, s)
	return app, app.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
}

func TestChainAccruesSettlesAndReverses(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app, sku := settlingAtOnce(t, dbURL)
		c := newChain(t, app)

		o := app.PlaceOrder(t, c.buyer, c.addr, 2, sku)
		if o.DistributorID == nil || *o.DistributorID != c.b.ID || o.Tier2DistributorID == nil || *o.Tier2DistributorID != c.a.ID {
			t.Fatalf("attribution: tier1 %v tier2 %v, want %d/%d", o.DistributorID, o.Tier2DistributorID, c.b.ID, c.a.ID)
		}
		app.PayOrder(t, o)
		app.PayOrder(t, o) // a duplicate notice changes nothing
		rs := byTier(t, records(t, app, o.ID))
		if len(rs) != 2 || rs[1].DistributorID != c.b.ID || rs[1].Amount != 2000 || rs[2].DistributorID != c.a.ID || rs[2].Amount != 1000 {
			t.Fatalf("records after pay: %+v", rs)
		}
		wantBalance(t, app, c.b.ID, ledger.KindPending, 2000)
		wantBalance(t, app, c.a.ID, ledger.KindPending, 1000)
		if n := app.OrderCount(t, "commission_records", "distributor_id = ?", c.z.ID); n != 0 {
			t.Fatalf("a third tier earned: %d records for Z", n)
		}
		if n := app.OrderCount(t, "notifications", "recipient_shopper_id = ? AND kind = ?", c.b.ShopperID, "new_order"); n != 1 {
			t.Errorf("tier-1 new_order notifications = %d, want 1", n)
		}
		app.CheckCommissionLedger(t, c.a.ID, c.b.ID, c.z.ID)

		// Completed, window 0 days, but a refund request is open: nothing settles.
		app.CompleteOrder(t, o)
		lines := orderLines(t, app, o.ID)
		req, err := app.Orders.RequestRefund(testkit.Ctx(), c.buyer, o.ID, order.RefundInput{Reason: "坏了",
			Lines: []order.RefundLineInput{{OrderLineID: lines[0].ID, Quantity: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		settle(t, app)
		wantBalance(t, app, c.b.ID, ledger.KindAvailable, 0)
		if _, err := app.Orders.ApproveRefund(testkit.Ctx(), testkitAdmin, req.ID); err != nil {
			t.Fatal(err)
		}
		// Half the line refunded before settlement: half reversed from pending.
		wantBalance(t, app, c.b.ID, ledger.KindPending, 1000)
		wantBalance(t, app, c.a.ID, ledger.KindPending, 500)
		app.CheckCommissionLedger(t, c.a.ID, c.b.ID)

		settle(t, app)
		settle(t, app) // a second run moves nothing
		wantBalance(t, app, c.b.ID, ledger.KindPending, 0)
		wantBalance(t, app, c.b.ID, ledger.KindAvailable, 1000)
		wantBalance(t, app, c.a.ID, ledger.KindAvailable, 500)
		for _, r := range records(t, app, o.ID) {
			if r.Status != commission.StatusSettled || r.SettledAt == nil {
				t.Errorf("record %d status %s after settle", r.ID, r.Status)
			}
		}

		// B spends its balance, then the rest is refunded: a clawback
		// takes available below zero.
		withdraw(t, app, c.b.ID, 1000)
		app.RefundLine(t, o, lines[0].ID, 1)
		wantBalance(t, app, c.b.ID, ledger.KindAvailable, -1000)
		wantBalance(t, app, c.a.ID, ledger.KindAvailable, 0)
		if n := app.OrderCount(t, "notifications", "recipient_shopper_id = ? AND kind = ?", c.b.ShopperID, "clawback"); n != 1 {
			t.Errorf("clawback notifications = %d, want 1", n)
		}
		for _, r := range records(t, app, o.ID) {
			if r.ReversedAmount != r.Amount {
				t.Errorf("record %d reversed %d of %d after a full refund", r.ID, r.ReversedAmount, r.Amount)
			}
		}
		app.CheckCommissionLedger(t, c.a.ID, c.b.ID, c.z.ID)
	})
}

func withdraw(t *testing.T, app *testkit.App, distributorID int64, x money.Fen) {
	t.Helper()
	_, err := ledger.Post(testkit.Ctx(), app.DB.Gorm, ledger.Entry{Key: "test:withdraw", Type: ledger.TypeWithdrawRequest,
		Lines: []ledger.Line{
			{Account: ledger.Distributor(distributorID, ledger.KindAvailable), Amount: -x, RequireNonNegative: true},
			{Account: ledger.Distributor(distributorID, ledger.KindWithdrawing), Amount: x},
		}})
	if err != nil {
		t.Fatal(err)
	}
}

func orderLines(t *testing.T, app *testkit.App, orderID int64) []order.Line {
	t.Helper()
	var ls []order.Line
	if err := app.DB.Gorm.Where("order_id = ?", orderID).Order("id").Find(&ls).Error; err != nil {
		t.Fatal(err)
	}
	return ls
}

var testkitAdmin = audit.Actor{Username: "commission-test"}
