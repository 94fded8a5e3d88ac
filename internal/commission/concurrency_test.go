package commission_test

import (
	"fmt"
	"sync"
	"testing"

	"fenxiao/internal/catalog"
	"fenxiao/internal/commission"
	"fenxiao/internal/ledger"
	"fenxiao/internal/order"
	"fenxiao/internal/testkit"
)

// atOnce runs the calls concurrently and returns their errors.
func atOnce(fns ...func() error) []error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, fn := range fns {
		wg.Go(func() {
			<-start
			errs[i] = fn()
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// Two orders paid (and refunded) at the same time whose chains overlap —
// X earns B (tier 1) and A (tier 2), Y earns A (tier 1) and Z (tier 2) —
// post several entries each, all through the merchant's expense account.
// They must not deadlock on PostgreSQL: the transactions take their
// balance locks in the ledger's one global order.
func TestOverlappingOrdersPaidAndRefundedAtOnceDoNotDeadlock(t *testing.T) {
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
		pay := func(o *order.Order) func() error {
			return func() error {
				return app.Orders.MarkPaid(testkit.Ctx(), nil, o.ID, order.PaymentInfo{Provider: "sandbox",
					TransactionID: fmt.Sprintf("sbx-%d", o.ID), Amount: o.PayAmount})
			}
		}
		refund := func(o *order.Order) func() error {
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
		for round := range 15 {
			x := app.PlaceOrder(t, c.buyer, c.addr, 1, skusX...)
			y := app.PlaceOrder(t, other, otherAddr, 1, skusY...)
			for i, err := range atOnce(pay(x), pay(y)) {
				if err != nil {
					t.Fatalf("round %d: paying order %d: %v", round, []int64{x.ID, y.ID}[i], err)
				}
			}
			for i, err := range atOnce(refund(x), refund(y)) {
				if err != nil {
					t.Fatalf("round %d: refunding order %d: %v", round, []int64{x.ID, y.ID}[i], err)
				}
			}
		}
		app.CheckCommissionLedger(t, c.z.ID, c.a.ID, c.b.ID)
		if b := app.Balances(t, c.a.ID); len(b) == 0 || b[ledger.KindPending] != 0 {
			t.Fatalf("distributor A keeps %v after every order was refunded", b)
		}
	})
}
