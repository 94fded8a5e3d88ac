package order_test

import (
	"context"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// Outcomes of an action in the transition table.
const (
	illegal = "409"  // conflict; order, stock, events unchanged
	noop    = "noop" // background job: quietly does nothing
	ok      = "ok"   // allowed; the status column says what it became
)

// TestEveryTransition runs every action against an order in every state.
func TestEveryTransition(t *testing.T) {
	t.Parallel()
	type outcome struct {
		result string
		status order.Status // expected status after an ok action
	}
	table := map[order.Status]map[string]outcome{
		order.StatusPendingPayment: {"shopper_cancel": {ok, order.StatusCancelled}, "admin_cancel": {ok, order.StatusCancelled}, "auto_cancel": {ok, order.StatusCancelled},
			"pay": {ok, order.StatusPaid}, "ship": {result: illegal}, "confirm": {result: illegal}, "auto_confirm": {result: noop}, "request_refund": {result: illegal}},
		order.StatusPaid: {"shopper_cancel": {result: illegal}, "admin_cancel": {result: illegal}, "auto_cancel": {result: noop},
			"pay": {result: illegal}, "ship": {ok, order.StatusShipped}, "confirm": {result: illegal}, "auto_confirm": {result: noop}, "request_refund": {ok, order.StatusPaid}},
		order.StatusShipped: {"shopper_cancel": {result: illegal}, "admin_cancel": {result: illegal}, "auto_cancel": {result: noop},
			"pay": {result: illegal}, "ship": {result: illegal}, "confirm": {ok, order.StatusCompleted}, "auto_confirm": {ok, order.StatusCompleted}, "request_refund": {ok, order.StatusShipped}},
		order.StatusCompleted: {"shopper_cancel": {result: illegal}, "admin_cancel": {result: illegal}, "auto_cancel": {result: noop},
			"pay": {result: illegal}, "ship": {result: illegal}, "confirm": {result: illegal}, "auto_confirm": {result: noop}, "request_refund": {ok, order.StatusCompleted}},
		order.StatusCancelled: {"shopper_cancel": {result: illegal}, "admin_cancel": {result: illegal}, "auto_cancel": {result: noop},
			"pay": {result: illegal}, "ship": {result: illegal}, "confirm": {result: illegal}, "auto_confirm": {result: noop}, "request_refund": {result: illegal}},
		order.StatusRefunded: {"shopper_cancel": {result: illegal}, "admin_cancel": {result: illegal}, "auto_cancel": {result: noop},
			"pay": {result: illegal}, "ship": {result: illegal}, "confirm": {result: illegal}, "auto_confirm": {result: noop}, "request_refund": {result: illegal}},
	}
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 1000)
		ctx := testkit.Ctx()
		actions := map[string]func(context.Context, *order.Order) (bool, error){
			"shopper_cancel": func(ctx context.Context, o *order.Order) (bool, error) {
				_, err := w.a.Orders.CancelByShopper(ctx, w.shopper, o.ID)
				return err == nil, err
			},
			"admin_cancel": func(ctx context.Context, o *order.Order) (bool, error) {
				_, err := w.a.Orders.CancelByAdmin(ctx, w.operator, o.ID, "customer called")
				return err == nil, err
			},
			"auto_cancel": func(ctx context.Context, o *order.Order) (bool, error) { return w.a.Orders.AutoCancel(ctx, o.ID) },
			"pay": func(ctx context.Context, o *order.Order) (bool, error) {
				err := w.a.Orders.MarkPaid(ctx, nil, o.ID, payment(o.PayAmount))
				return err == nil, err
			},
			"ship": func(ctx context.Context, o *order.Order) (bool, error) {
				_, err := w.a.Orders.Ship(ctx, w.operator, o.ID, "顺丰", "SF1")
				return err == nil, err
			},
			"confirm": func(ctx context.Context, o *order.Order) (bool, error) {
				_, err := w.a.Orders.ConfirmReceipt(ctx, w.shopper, o.ID)
				return err == nil, err
			},
			"auto_confirm": func(ctx context.Context, o *order.Order) (bool, error) { return w.a.Orders.AutoConfirm(ctx, o.ID) },
			"request_refund": func(ctx context.Context, o *order.Order) (bool, error) {
				l := w.lines(t, o.ID)[0]
				_, err := w.a.Orders.RequestRefund(ctx, w.shopper, o.ID, order.RefundInput{Reason: "broken",
					Lines: []order.RefundLineInput{{OrderLineID: l.ID, Quantity: 1}}})
				return err == nil, err
			},
		}
		for from, row := range table {
			for name, want := range row {
				t.Run(string(from)+"/"+name, func(t *testing.T) {
					o := w.orderIn(t, from)
					w.overdue(t, o.ID) // so the background actions are due
					before := w.snapshot(t, o.ID)
					done, err := actions[name](ctx, o)
					after := w.snapshot(t, o.ID)
					switch want.result {
					case illegal:
						if !apperr.Is(err, apperr.CodeConflict) {
							t.Fatalf("err %v, want conflict", err)
						}
						if before != after {
							t.Fatalf("illegal action changed things:\n before %+v\n after  %+v", before, after)
						}
					case noop:
						if err != nil || done {
							t.Fatalf("done=%v err=%v, want a quiet no-op", done, err)
						}
						if before != after {
							t.Fatalf("no-op changed things:\n before %+v\n after  %+v", before, after)
						}
					case ok:
						if err != nil || !done {
							t.Fatalf("done=%v err=%v", done, err)
						}
						if after.status != want.status || after.events != before.events+1 {
							t.Fatalf("after %+v, want status %s and one more event", after, want.status)
						}
					}
				})
			}
		}
	})
}

type snap struct {
	status  order.Status
	updated string
	stock   int64
	sales   int64
	events  int64
	refunds int64
}

func (w *world) snapshot(t *testing.T, id int64) snap {
	o := w.load(t, id)
	return snap{status: o.Status, updated: o.UpdatedAt.String(), stock: w.a.OrderStock(t, w.sku.ID), sales: w.sales(t),
		events: w.events(t, id, ""), refunds: w.a.OrderCount(t, "refund_requests", "order_id = ?", id)}
}

// orderIn drives a fresh order into the given state through the service.
func (w *world) orderIn(t *testing.T, st order.Status) *order.Order {
	t.Helper()
	ctx := testkit.Ctx()
	o := w.place(t)
	switch st {
	case order.StatusPendingPayment:
		return o
	case order.StatusCancelled:
		if _, err := w.a.Orders.CancelByShopper(ctx, w.shopper, o.ID); err != nil {
			t.Fatal(err)
		}
		return w.load(t, o.ID)
	}
	w.pay(t, o)
	switch st {
	case order.StatusShipped, order.StatusCompleted:
		w.ship(t, o)
		if st == order.StatusCompleted {
			if _, err := w.a.Orders.ConfirmReceipt(ctx, w.shopper, o.ID); err != nil {
				t.Fatal(err)
			}
		}
	case order.StatusRefunded:
		l := w.lines(t, o.ID)[0]
		r, err := w.a.Orders.RequestRefund(ctx, w.shopper, o.ID, order.RefundInput{Reason: "changed my mind",
			Lines: []order.RefundLineInput{{OrderLineID: l.ID, Quantity: l.Quantity}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Orders.ApproveRefund(ctx, w.operator, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	o = w.load(t, o.ID)
	if o.Status != st {
		t.Fatalf("fixture order is %s, want %s", o.Status, st)
	}
	return o
}

func TestIllegalTransitionMessage(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 10)
		o := w.orderIn(t, order.StatusShipped)
		_, err := w.a.Orders.Ship(testkit.Ctx(), w.operator, o.ID, "顺丰", "SF2")
		e, _ := apperr.As(err)
		if e == nil || e.Message != "order is shipped; only paid orders can be shipped" || e.Reason != "illegal_transition" {
			t.Fatalf("err %v", err)
		}
	})
}
