package order_test

import (
	"errors"
	"sync"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// The shopper's cancel, the auto-cancel job and the sweep race on one
// overdue order: the stock comes back exactly once and there is exactly one
// cancelled event.
func TestCancelRacingAutoCancel(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 100)
		ctx := testkit.Ctx()
		for round := 0; round < 10; round++ {
			o := w.place(t, order.ItemInput{SKUID: w.sku.ID, Quantity: 3})
			w.overdue(t, o.ID)
			stock := w.a.OrderStock(t, w.sku.ID)
			var wg sync.WaitGroup
			errs := make(chan error, 6)
			for i := 0; i < 2; i++ {
				wg.Add(3)
				go func() {
					defer wg.Done()
					if _, err := w.a.Orders.CancelByShopper(ctx, w.shopper, o.ID); err != nil && !apperr.Is(err, apperr.CodeConflict) {
						errs <- err
					}
				}()
				go func() {
					defer wg.Done()
					if _, err := w.a.Orders.AutoCancel(ctx, o.ID); err != nil {
						errs <- err
					}
				}()
				go func() {
					defer wg.Done()
					if _, err := w.a.Jobs.RunPeriodic(ctx, order.SweepAutoCancel); err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("round %d: %v", round, err)
			}
			if got := w.a.OrderStock(t, w.sku.ID); got != stock+3 {
				t.Fatalf("round %d: stock %d, want %d (returned exactly once)", round, got, stock+3)
			}
			if n := w.events(t, o.ID, order.EventCancelled); n != 1 {
				t.Fatalf("round %d: %d cancelled events", round, n)
			}
			if st := w.load(t, o.ID).Status; st != order.StatusCancelled {
				t.Fatalf("round %d: status %s", round, st)
			}
		}
	})
}

// Ten concurrent MarkPaid calls for the same payment: one paid event, sales
// counted once, every call succeeds (repeats are no-ops).
func TestMarkPaidIsIdempotentUnderConcurrency(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 100)
		ctx := testkit.Ctx()
		o := w.place(t, order.ItemInput{SKUID: w.sku.ID, Quantity: 2}, order.ItemInput{SKUID: w.sku2.ID, Quantity: 3})
		p := payment(o.PayAmount)
		var wg sync.WaitGroup
		errs := make(chan error, 10)
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- w.a.Orders.MarkPaid(ctx, nil, o.ID, p)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("repeat MarkPaid: %v", err)
			}
		}
		if n := w.events(t, o.ID, order.EventPaid); n != 1 {
			t.Fatalf("%d paid events", n)
		}
		if got := w.sales(t); got != 5 {
			t.Fatalf("sales %d, want 5 (counted once)", got)
		}
		got := w.load(t, o.ID)
		if got.Status != order.StatusPaid || got.PayTransactionID != p.TransactionID || got.PayMethod != "sandbox" || got.PaidAt == nil {
			t.Fatalf("order after payment: %+v", got)
		}

		// A different transaction for a paid order is a double payment.
		err := w.a.Orders.MarkPaid(ctx, nil, o.ID, payment(o.PayAmount))
		var np *order.NotPayableError
		if !errors.As(err, &np) || !np.PaidByOther || !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("second payment: %v", err)
		}
	})
}

func TestMarkPaidRefusesWrongAmountAndLatePayment(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 100)
		ctx := testkit.Ctx()
		o := w.place(t)
		for _, amount := range []int64{int64(o.PayAmount) - 1, int64(o.PayAmount) + 1} {
			p := payment(money.Fen(amount))
			err := w.a.Orders.MarkPaid(ctx, nil, o.ID, p)
			if e, ok := apperr.As(err); !ok || e.Reason != "amount_mismatch" {
				t.Fatalf("amount %d: %v", amount, err)
			}
		}
		if w.load(t, o.ID).Status != order.StatusPendingPayment || w.events(t, o.ID, order.EventPaid) != 0 || w.sales(t) != 0 {
			t.Fatal("a wrong amount changed the order")
		}
		if _, err := w.a.Orders.CancelByShopper(ctx, w.shopper, o.ID); err != nil {
			t.Fatal(err)
		}
		err := w.a.Orders.MarkPaid(ctx, nil, o.ID, payment(o.PayAmount))
		if !order.IsNotPayable(err) {
			t.Fatalf("late payment: %v", err)
		}
		if e, _ := apperr.As(err); e == nil || e.Reason != "not_payable" || e.Message != "order is cancelled; only unpaid orders can be paid" {
			t.Fatalf("late payment error: %v", err)
		}
	})
}
