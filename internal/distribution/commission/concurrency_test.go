package commission_test

import (
	"fmt"
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// paying is o's sandbox payment, to run at once with other calls.
func paying(app *testkit.App, o *order.Order) func() error {
	return func() error {
		return app.Orders.MarkPaid(testkit.Ctx(), nil, o.ID, order.PaymentInfo{Provider: "sandbox",
			TransactionID: fmt.Sprintf("sbx-%d", o.ID), Amount: o.PayAmount})
	}
}

// refunding asks for all of o back now and returns the admin's approval,
// to run at once with other calls.
func refunding(t *testing.T, app *testkit.App, o *order.Order) func() error {
	t.Helper()
	var in order.RefundInput
	in.Reason = "不想要了"
	for _, l := range orderLines(t, app, o.ID) {
		in.Lines = append(in.Lines, order.RefundLineInput{OrderLineID: l.ID, Quantity: l.Quantity})
	}
	r, err := app.Orders.RequestRefund(testkit.Ctx(), o.ShopperID, o.ID, in)
	if err != nil {
		t.Fatalf("request refund of order %d: %v", o.ID, err)
	}
	return func() error { _, err := app.Orders.ApproveRefund(testkit.Ctx(), testkitAdmin, r.ID); return err }
}

// roundOK fails the test at the first call of round that failed; what
// names the calls in order.
func roundOK(t *testing.T, round int, errs []error, what ...string) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("round %d: %s: %v", round, what[i], err)
		}
	}
}

// Two orders paid (and refunded) at the same time whose chains overlap —
// X earns B (tier 1) and A (tier 2), Y earns A (tier 1) and Z (tier 2) —
// post several entries each, all through the merchant's expense account.
// They must not deadlock on PostgreSQL: the transactions take their
// balance locks in the ledger's one global order.
func TestOverlappingOrdersPaidAndRefundedAtOnceDoNotDeadlock(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		app.SetCommissionSettings(t, commission.Settings{Tier1RateBP: 1000, Tier2RateBP: 500})
		c := newChain(t, app)
		other, otherAddr := app.BuyerOf(t, c.a.Code)
		// Separate products, or the sales counters would serialise the payments.
		skusOf := func() []int64 {
			return []int64{app.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000),
				app.CommissionProduct(t, catalog.CommissionRate, 2000, 1000, 5000)}
		}
		skusX, skusY := skusOf(), skusOf()
		for round := range 15 {
			x := app.PlaceOrder(t, c.buyer, c.addr, 1, skusX...)
			y := app.PlaceOrder(t, other, otherAddr, 1, skusY...)
			roundOK(t, round, testkit.AtOnce(paying(app, x), paying(app, y)), "paying X", "paying Y")
			roundOK(t, round, testkit.AtOnce(refunding(t, app, x), refunding(t, app, y)), "refunding X", "refunding Y")
		}
		app.CheckCommissionLedger(t, c.z.ID, c.a.ID, c.b.ID)
		if b := app.Balances(t, c.a.ID); len(b) == 0 || b[ledger.KindPending] != 0 {
			t.Fatalf("distributor A keeps %v after every order was refunded", b)
		}
	})
}

// A payment and a refund of two orders of the same tier-1 distributor at
// the same time: the payment counts the order on the distributor's row
// before its ledger postings, so the refund must take that row before its
// own ledger locks too, or PostgreSQL finds a deadlock and aborts one.
func TestPaymentAndRefundOfOneDistributorAtOnceDoNotDeadlock(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		app.SetCommissionSettings(t, commission.Settings{Tier1RateBP: 1000, Tier2RateBP: 500})
		c := newChain(t, app)
		other, otherAddr := app.BuyerOf(t, c.b.Code)
		skuPaid := app.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		skuNew := app.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		for round := range 25 {
			y := app.PlaceOrder(t, other, otherAddr, 1, skuPaid)
			app.PayOrder(t, y)
			approve := refunding(t, app, y)
			x := app.PlaceOrder(t, c.buyer, c.addr, 1, skuNew)
			roundOK(t, round, testkit.AtOnce(paying(app, x), approve), "payment", "refund")
		}
		app.CheckCommissionLedger(t, c.z.ID, c.a.ID, c.b.ID)
	})
}

// Settling one order's commission while another order of the same
// distributor is paid: both take the distributor's row before its
// balances, so neither waits on the other in a cycle.
func TestPaymentAndSettlementOfOneDistributorAtOnceDoNotDeadlock(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		s := commission.Settings{Tier1RateBP: 1000, Tier2RateBP: 500}
		s.SettleAfterDays = 0
		app.SetCommissionSettings(t, s)
		c := newChain(t, app)
		other, otherAddr := app.BuyerOf(t, c.b.Code)
		skuDone := app.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		skuNew := app.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		for round := range 25 {
			y := app.PlaceOrder(t, other, otherAddr, 1, skuDone)
			app.PayOrder(t, y)
			app.CompleteOrder(t, y)
			x := app.PlaceOrder(t, c.buyer, c.addr, 1, skuNew)
			settle := func() error { _, err := app.Commissions.SettleDue(testkit.Ctx()); return err }
			roundOK(t, round, testkit.AtOnce(paying(app, x), settle), "payment", "settlement")
		}
		app.CheckCommissionLedger(t, c.z.ID, c.a.ID, c.b.ID)
	})
}
