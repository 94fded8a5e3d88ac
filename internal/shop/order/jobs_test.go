package order_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

func TestSweeps(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 100)
		ctx := testkit.Ctx()
		var overdue []*order.Order
		for i := 0; i < 3; i++ {
			o := w.place(t)
			w.overdue(t, o.ID)
			overdue = append(overdue, o)
		}
		fresh := w.place(t)
		paid := w.orderIn(t, order.StatusPaid)
		w.overdue(t, paid.ID)

		summary, err := w.a.Jobs.RunPeriodic(ctx, order.SweepAutoCancel)
		if err != nil || summary != "cancelled 3" {
			t.Fatalf("sweep: %q %v", summary, err)
		}
		for _, o := range overdue {
			if w.load(t, o.ID).Status != order.StatusCancelled {
				t.Fatalf("order %d not cancelled", o.ID)
			}
		}
		if w.load(t, fresh.ID).Status != order.StatusPendingPayment || w.load(t, paid.ID).Status != order.StatusPaid {
			t.Fatal("the sweep touched an order that was not due")
		}
		if done, err := w.a.Orders.AutoCancel(ctx, fresh.ID); done || err != nil {
			t.Fatalf("auto-cancel before expiry: %v %v", done, err)
		}
		if got := w.a.OrderStock(t, w.sku.ID); got != 100-2*2 {
			t.Fatalf("stock %d", got)
		}
		if summary, _ := w.a.Jobs.RunPeriodic(ctx, order.SweepAutoCancel); summary != "cancelled 0" {
			t.Fatalf("second sweep: %q", summary)
		}

		due := w.orderIn(t, order.StatusShipped)
		w.overdue(t, due.ID)
		notDue := w.orderIn(t, order.StatusShipped)
		summary, err = w.a.Jobs.RunPeriodic(ctx, order.SweepAutoConfirm)
		if err != nil || summary != "completed 1" {
			t.Fatalf("confirm sweep: %q %v", summary, err)
		}
		if w.load(t, due.ID).Status != order.StatusCompleted || w.load(t, notDue.ID).Status != order.StatusShipped {
			t.Fatal("auto-confirm picked the wrong orders")
		}
		if done, err := w.a.Orders.AutoConfirm(ctx, notDue.ID); done || err != nil {
			t.Fatalf("auto-confirm before due: %v %v", done, err)
		}
		if n := w.events(t, due.ID, order.EventCompleted); n != 1 {
			t.Fatalf("%d completed events", n)
		}
	})
}

// Shipping enqueues the auto-confirm job in its transaction, scheduled
// auto_confirm_days after shipping; the setting is validated and audited.
func TestShipSchedulesAutoConfirmWithSettings(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 100)
		ctx := testkit.Ctx()
		if _, err := w.a.Orders.UpdateSettings(ctx, w.operator, order.Settings{AutoCancelMinutes: 0, AutoConfirmDays: 61}); !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("bad settings: %v", err)
		}
		if _, err := w.a.Orders.UpdateSettings(ctx, w.operator, order.Settings{AutoCancelMinutes: 15, AutoConfirmDays: 7}); err != nil {
			t.Fatal(err)
		}
		if n := w.a.OrderCount(t, "audit_log", "action = ?", "settings.order.update"); n != 1 {
			t.Fatalf("%d audit entries", n)
		}
		o := w.orderIn(t, order.StatusShipped)
		if d := o.ExpiresAt.Sub(o.CreatedAt); d != 15*time.Minute {
			t.Fatalf("payment window %v", d)
		}
		jobs, err := w.a.Jobs.List(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, j := range jobs {
			if j.Kind == "order.auto_confirm" {
				found = true
				if d := j.ScheduledAt.Sub(o.ShippedAt.Add(7 * 24 * time.Hour)); d < -time.Millisecond || d > time.Millisecond {
					t.Fatalf("auto-confirm at %v, shipped %v", j.ScheduledAt, o.ShippedAt)
				}
			}
		}
		if !found {
			t.Fatalf("no auto_confirm job: %+v", jobs)
		}
	})
}

// The real River workers run the jobs checkout schedules.
func TestAutoCancelWorkerRunsOnRiver(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 100)
		ctx, cancel := context.WithCancel(testkit.Ctx())
		defer cancel()
		o := w.place(t)
		w.overdue(t, o.ID)
		// Bring the job forward as if 30 minutes had passed.
		err := w.a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
			return w.a.Jobs.EnqueueTx(ctx, tx, order.AutoCancelArgs{OrderID: o.ID}, &river.InsertOpts{ScheduledAt: database.Now()})
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.a.Jobs.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer w.a.Jobs.Stop(context.Background())
		deadline := time.Now().Add(20 * time.Second)
		for w.load(t, o.ID).Status != order.StatusCancelled {
			if time.Now().After(deadline) {
				t.Fatal("the auto-cancel worker did not cancel the order")
			}
			time.Sleep(100 * time.Millisecond)
		}
		if w.a.OrderStock(t, w.sku.ID) != 100 {
			t.Fatal("stock not returned")
		}
	})
}
