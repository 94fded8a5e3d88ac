package order_test

import (
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

func TestRefundShare(t *testing.T) {
	t.Parallel()
	cases := []struct {
		paid            money.Fen
		qty, done, take int64
		want            money.Fen
		why             string
	}{
		{1000, 3, 0, 1, 333, "one unit is the floor of paid/qty"},
		{1000, 3, 0, 2, 666, "two units"},
		{1000, 3, 0, 3, 1000, "all units: exact"},
		{1000, 3, 2, 1, 334, "the last unit carries the remainder"},
		{1000, 3, 1, 2, 667, "the rest after one unit"},
		{1000, 3, 1, 1, 333, "a middle unit"},
		{1, 3, 0, 2, 0, "less than a fen per unit"},
		{1, 3, 2, 1, 1, "the last unit gets the only fen"},
		{999, 1, 0, 1, 999, "single unit"},
		{1999 * 999, 999, 0, 999, 1999 * 999, "the largest line"},
		{1000, 3, 0, 4, 0, "more than the line"},
		{1000, 3, 3, 1, 0, "already all refunded"},
		{1000, 3, 0, 0, 0, "nothing"},
		{1000, 0, 0, 1, 0, "no units"},
		{0, 3, 0, 1, 0, "nothing paid"},
		{1000, 3, -1, 1, 0, "negative done"},
	}
	for _, c := range cases {
		if got := order.RefundShare(c.paid, c.qty, c.done, c.take); got != c.want {
			t.Errorf("%s: RefundShare(%d, %d, %d, %d) = %d, want %d", c.why, c.paid, c.qty, c.done, c.take, got, c.want)
		}
	}
	// Refunding a line unit by unit, or in any split, always sums to paid.
	for paid := money.Fen(1); paid < 200; paid += 7 {
		for qty := int64(1); qty <= 9; qty++ {
			var sum money.Fen
			for done := int64(0); done < qty; done++ {
				sum += order.RefundShare(paid, qty, done, 1)
			}
			if sum != paid || order.RefundShare(paid, qty, 0, qty) != paid {
				t.Fatalf("paid %d qty %d: unit by unit %d", paid, qty, sum)
			}
		}
	}
}

func TestPartialThenFullRefund(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 10)
		ctx := testkit.Ctx()
		// 3 x 19.99 + 1 x 5.00; ship first so no stock comes back.
		o := w.place(t, order.ItemInput{SKUID: w.sku.ID, Quantity: 3}, order.ItemInput{SKUID: w.sku2.ID, Quantity: 1})
		w.pay(t, o)
		w.ship(t, o)
		ls := w.lines(t, o.ID)
		refund := func(lines ...order.RefundLineInput) (*order.RefundRequest, error) {
			return w.a.Orders.RequestRefund(ctx, w.shopper, o.ID, order.RefundInput{Reason: "damaged", Lines: lines})
		}

		r1, err := refund(order.RefundLineInput{OrderLineID: ls[0].ID, Quantity: 1})
		if err != nil || r1.Amount != 1999 || r1.Status != order.RefundPending {
			t.Fatalf("first request %+v %v", r1, err)
		}
		if _, err := refund(order.RefundLineInput{OrderLineID: ls[1].ID, Quantity: 1}); !hasReason(err, "refund_open") {
			t.Fatalf("second open request: %v", err)
		}
		if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r1.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r1.ID); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("approving twice: %v", err)
		}
		got := w.load(t, o.ID)
		if got.Status != order.StatusShipped || got.RefundedAmount != 1999 {
			t.Fatalf("after a partial refund: %s %d", got.Status, got.RefundedAmount)
		}

		// Over-refund: only 2 units of line 0 are left.
		if _, err := refund(order.RefundLineInput{OrderLineID: ls[0].ID, Quantity: 3}); !hasReason(err, "exceeds_refundable") {
			t.Fatalf("over-refund: %v", err)
		}
		// Someone else's line id is not found.
		if _, err := refund(order.RefundLineInput{OrderLineID: 99999, Quantity: 1}); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("unknown line: %v", err)
		}

		r2, err := refund(order.RefundLineInput{OrderLineID: ls[0].ID, Quantity: 2}, order.RefundLineInput{OrderLineID: ls[1].ID, Quantity: 1})
		if err != nil || r2.Amount != 1999*2+500 {
			t.Fatalf("rest: %+v %v", r2, err)
		}
		if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r2.ID); err != nil {
			t.Fatal(err)
		}
		got = w.load(t, o.ID)
		if got.Status != order.StatusRefunded || got.RefundedAmount != got.PayAmount {
			t.Fatalf("after everything: %s %d of %d", got.Status, got.RefundedAmount, got.PayAmount)
		}
		for _, l := range w.lines(t, o.ID) {
			if l.RefundedQty != l.Quantity || l.RefundedAmount != l.PaidAmount {
				t.Fatalf("line %+v not fully refunded", l)
			}
		}
		if w.a.OrderStock(t, w.sku.ID) != 7 {
			t.Fatal("stock came back for a shipped order")
		}
		if _, err := refund(order.RefundLineInput{OrderLineID: ls[1].ID, Quantity: 1}); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("refund of a refunded order: %v", err)
		}
	})
}

// A line of 3 units paid 10.00 refunds as 3.33 + 3.33 + 3.34.
func TestRefundAmountsAreExactToTheFen(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 10)
		ctx := testkit.Ctx()
		o := w.place(t, order.ItemInput{SKUID: w.sku.ID, Quantity: 3})
		w.pay(t, o)
		// Pretend a discount made the line cost 10.00 (paid_amount is what refunds use).
		w.a.DB.Gorm.Exec("UPDATE order_lines SET paid_amount = 1000 WHERE order_id = ?", o.ID)
		w.a.DB.Gorm.Exec("UPDATE orders SET pay_amount = 1000 WHERE id = ?", o.ID)
		l := w.lines(t, o.ID)[0]
		var amounts []money.Fen
		for i := 0; i < 3; i++ {
			r, err := w.a.Orders.RequestRefund(ctx, w.shopper, o.ID, order.RefundInput{Reason: "one by one",
				Lines: []order.RefundLineInput{{OrderLineID: l.ID, Quantity: 1}}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r.ID); err != nil {
				t.Fatal(err)
			}
			amounts = append(amounts, r.Amount)
		}
		if amounts[0] != 333 || amounts[1] != 333 || amounts[2] != 334 {
			t.Fatalf("amounts %v", amounts)
		}
		if got := w.load(t, o.ID); got.Status != order.StatusRefunded || got.RefundedAmount != 1000 {
			t.Fatalf("order %s refunded %d", got.Status, got.RefundedAmount)
		}
	})
}

func TestRefundRejectAndStockRule(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 10)
		ctx := testkit.Ctx()
		o := w.place(t, order.ItemInput{SKUID: w.sku.ID, Quantity: 4})
		w.pay(t, o)
		l := w.lines(t, o.ID)[0]
		ask := func(q int64) *order.RefundRequest {
			r, err := w.a.Orders.RequestRefund(ctx, w.shopper, o.ID, order.RefundInput{Reason: "no longer needed",
				Lines: []order.RefundLineInput{{OrderLineID: l.ID, Quantity: q}}})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}

		r := ask(4)
		if _, err := w.a.Orders.RejectRefund(ctx, w.operator, r.ID, ""); !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("reject without reason: %v", err)
		}
		rej, err := w.a.Orders.RejectRefund(ctx, w.operator, r.ID, "already packed")
		if err != nil || rej.Status != order.RefundRejected || rej.RejectReason != "already packed" {
			t.Fatalf("reject: %+v %v", rej, err)
		}
		if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r.ID); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("approving a rejected request: %v", err)
		}
		if got := w.load(t, o.ID); got.Status != order.StatusPaid || got.RefundedAmount != 0 || w.a.OrderStock(t, w.sku.ID) != 6 {
			t.Fatalf("a rejected refund changed the order: %+v", got)
		}
		if w.events(t, o.ID, order.EventRefundRejected) != 1 {
			t.Fatal("no rejected event")
		}

		// Not shipped yet: refunded units go back into stock, partial or full.
		approve := func(r *order.RefundRequest) {
			if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r.ID); err != nil {
				t.Fatal(err)
			}
		}
		approve(ask(1))
		if s := w.a.OrderStock(t, w.sku.ID); s != 7 {
			t.Fatalf("stock %d after refunding 1 unshipped unit", s)
		}
		approve(ask(3))
		if s := w.a.OrderStock(t, w.sku.ID); s != 10 {
			t.Fatalf("stock %d after the full refund of an unshipped order", s)
		}
		if got := w.load(t, o.ID); got.Status != order.StatusRefunded {
			t.Fatalf("status %s", got.Status)
		}
		if w.sales(t) != 4 {
			t.Fatal("refunds changed sales")
		}
	})
}

func hasReason(err error, reason string) bool {
	e, ok := apperr.As(err)
	return ok && e.Reason == reason
}
