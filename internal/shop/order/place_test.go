package order_test

import (
	"encoding/json"
	"testing"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

func TestPlaceSnapshotsLinesTakesStockAndSchedulesAutoCancel(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 10)
		before := time.Now().UTC()
		o := w.place(t, order.ItemInput{SKUID: w.sku.ID, Quantity: 2}, order.ItemInput{SKUID: w.sku2.ID, Quantity: 1},
			order.ItemInput{SKUID: w.sku.ID, Quantity: 1}) // repeated SKU lines are merged

		if o.Status != order.StatusPendingPayment || o.GoodsAmount != 3*1999+500 || o.PayAmount != o.GoodsAmount || o.ShippingFee != 0 {
			t.Fatalf("order amounts: %+v", o)
		}
		if len(o.OrderNo) != 20 {
			t.Fatalf("order number %q", o.OrderNo)
		}
		if d := o.ExpiresAt.Sub(o.CreatedAt); d != 30*time.Minute {
			t.Fatalf("expires after %v, want the default 30m", d)
		}
		lines := w.lines(t, o.ID)
		if len(lines) != 2 {
			t.Fatalf("lines: %+v", lines)
		}
		l := lines[0]
		if l.SKUID != w.sku.ID || l.Quantity != 3 || l.UnitPrice != 1999 || l.Amount != 5997 || l.PaidAmount != 5997 ||
			l.Title != "脐橙" || l.SpecText != "规格:5斤" || l.ImageURL != "/media/脐橙.png" ||
			l.CommissionMode != catalog.CommissionRate || l.CommissionTier1 != 1000 || l.CommissionTier2 != 500 {
			t.Fatalf("line snapshot: %+v", l)
		}
		if got := w.a.OrderStock(t, w.sku.ID); got != 7 {
			t.Fatalf("stock %d, want 7", got)
		}
		if got := w.sales(t); got != 0 {
			t.Fatalf("sales counted before payment: %d", got)
		}
		if n := w.events(t, o.ID, order.EventPlaced); n != 1 {
			t.Fatalf("placed events: %d", n)
		}
		var addr order.Address
		json.Unmarshal([]byte(o.AddressJSON), &addr)
		if addr.Name != "张三" || addr.Detail != "科技园 1 号" {
			t.Fatalf("address snapshot %+v", addr)
		}

		jobs, err := w.a.Jobs.List(testkit.Ctx(), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs) != 1 || jobs[0].Kind != "order.auto_cancel" || jobs[0].State != "scheduled" {
			t.Fatalf("jobs after checkout: %+v", jobs)
		}
		var args order.AutoCancelArgs
		json.Unmarshal([]byte(jobs[0].Args), &args)
		if args.OrderID != o.ID {
			t.Fatalf("job args %s", jobs[0].Args)
		}
		if d := jobs[0].ScheduledAt.Sub(o.ExpiresAt); d < -time.Millisecond || d > time.Millisecond {
			t.Fatalf("job scheduled at %v, order expires at %v", jobs[0].ScheduledAt, o.ExpiresAt)
		}
		if o.ExpiresAt.Before(before.Add(29 * time.Minute)) {
			t.Fatalf("expiry %v too early", o.ExpiresAt)
		}
	})
}

func TestFailedCheckoutWritesNothing(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 3)
		ctx := testkit.Ctx()
		cases := []struct {
			name   string
			items  []order.ItemInput
			addr   int64
			code   apperr.Code
			reason string
		}{
			{"out of stock on the second sku", []order.ItemInput{{SKUID: w.sku2.ID, Quantity: 1}, {SKUID: w.sku.ID, Quantity: 4}}, w.address, apperr.CodeConflict, "out_of_stock"},
			{"unknown sku", []order.ItemInput{{SKUID: w.sku.ID, Quantity: 1}, {SKUID: 99999, Quantity: 1}}, w.address, apperr.CodeNotFound, ""},
			{"zero quantity", []order.ItemInput{{SKUID: w.sku.ID, Quantity: 0}}, w.address, apperr.CodeInvalid, ""},
			{"negative quantity", []order.ItemInput{{SKUID: w.sku.ID, Quantity: -1}}, w.address, apperr.CodeInvalid, ""},
			{"huge quantity", []order.ItemInput{{SKUID: w.sku.ID, Quantity: 1000}}, w.address, apperr.CodeInvalid, ""},
			{"merged lines over the limit", []order.ItemInput{{SKUID: w.sku.ID, Quantity: 500}, {SKUID: w.sku.ID, Quantity: 500}}, w.address, apperr.CodeInvalid, ""},
			{"no items", nil, w.address, apperr.CodeInvalid, ""},
			{"missing address", []order.ItemInput{{SKUID: w.sku.ID, Quantity: 1}}, 99999, apperr.CodeNotFound, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.a.Orders.Place(ctx, order.PlaceInput{ShopperID: w.shopper, AddressID: c.addr, Items: c.items})
				e, ok := apperr.As(err)
				if !ok || e.Code != c.code || (c.reason != "" && e.Reason != c.reason) {
					t.Fatalf("err %v, want %s %s", err, c.code, c.reason)
				}
				for table, want := range map[string]int64{"orders": 0, "order_lines": 0, "order_events": 0, "river_job": 0} {
					if n := w.a.OrderCount(t, table); n != want {
						t.Fatalf("%s has %d rows after a failed checkout", table, n)
					}
				}
				if w.a.OrderStock(t, w.sku.ID) != 3 || w.a.OrderStock(t, w.sku2.ID) != 100 {
					t.Fatal("stock changed by a failed checkout")
				}
			})
		}
	})
}

func TestPlaceRefusesSKUsNotOnSale(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL, 5)
		g := w.a.DB.Gorm
		cases := []struct {
			name   string
			break_ func()
			fix    func()
		}{
			{"off shelf", func() { g.Model(&catalog.Product{}).Where("id = ?", w.product.ID).Update("status", catalog.OffShelf) },
				func() { g.Model(&catalog.Product{}).Where("id = ?", w.product.ID).Update("status", catalog.OnShelf) }},
			{"deleted product", func() {
				g.Model(&catalog.Product{}).Where("id = ?", w.product.ID).Update("deleted_at", time.Now().UTC())
			},
				func() { g.Model(&catalog.Product{}).Where("id = ?", w.product.ID).Update("deleted_at", nil) }},
			{"disabled sku", func() { g.Model(&catalog.SKU{}).Where("id = ?", w.sku.ID).Update("enabled", false) },
				func() { g.Model(&catalog.SKU{}).Where("id = ?", w.sku.ID).Update("enabled", true) }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				c.break_()
				defer c.fix()
				_, err := w.a.Orders.Place(testkit.Ctx(), order.PlaceInput{ShopperID: w.shopper, AddressID: w.address,
					Items: []order.ItemInput{{SKUID: w.sku.ID, Quantity: 1}}})
				if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeConflict || e.Reason != "unavailable" {
					t.Fatalf("err %v, want conflict unavailable", err)
				}
				if w.a.OrderCount(t, "orders") != 0 || w.a.OrderStock(t, w.sku.ID) != 5 {
					t.Fatal("something was written")
				}
			})
		}
	})
}
