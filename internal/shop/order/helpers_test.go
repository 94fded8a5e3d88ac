package order_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// world is one app with one product (two SKUs) and one shopper.
type world struct {
	a        *testkit.App
	product  catalog.Product
	sku      catalog.SKU // 19.99, stock as asked
	sku2     catalog.SKU // 5.00, stock 100
	shopper  int64
	address  int64
	operator audit.Actor
}

func newWorld(t *testing.T, dbURL string, stock int64) *world {
	t.Helper()
	a := testkit.NewApp(t, dbURL)
	p, skus := a.OrderProduct(t, "脐橙", testkit.OrderSKU{Price: 1999, Stock: stock, Spec: map[string]string{"规格": "5斤"}},
		testkit.OrderSKU{Price: 500, Stock: 100})
	sh, addr := a.OrderShopper(t)
	return &world{a: a, product: p, sku: skus[0], sku2: skus[1], shopper: sh, address: addr,
		operator: audit.Actor{ID: 7, Username: "ops", Role: "operator"}}
}

func (w *world) place(t *testing.T, items ...order.ItemInput) *order.Order {
	t.Helper()
	if len(items) == 0 {
		items = []order.ItemInput{{SKUID: w.sku.ID, Quantity: 2}}
	}
	o, err := w.a.Orders.Place(testkit.Ctx(), order.PlaceInput{ShopperID: w.shopper, AddressID: w.address, Items: items})
	if err != nil {
		t.Fatalf("place: %v", err)
	}
	return o
}

var txSeq atomic.Int64

// payment returns a sandbox payment of amount with a fresh transaction id.
func payment(amount money.Fen) order.PaymentInfo {
	return order.PaymentInfo{Provider: "sandbox", Method: "sandbox", TransactionID: fmt.Sprintf("T%d", txSeq.Add(1)),
		Amount: amount, PaidAt: database.Now()}
}

func (w *world) pay(t *testing.T, o *order.Order) {
	t.Helper()
	if err := w.a.Orders.MarkPaid(testkit.Ctx(), nil, o.ID, payment(o.PayAmount)); err != nil {
		t.Fatalf("mark paid: %v", err)
	}
}

func (w *world) ship(t *testing.T, o *order.Order) {
	t.Helper()
	if _, err := w.a.Orders.Ship(testkit.Ctx(), w.operator, o.ID, "顺丰", "SF123"); err != nil {
		t.Fatalf("ship: %v", err)
	}
}

func (w *world) load(t *testing.T, id int64) *order.Order {
	t.Helper()
	var o order.Order
	if err := w.a.DB.Gorm.Where("id = ?", id).Take(&o).Error; err != nil {
		t.Fatalf("load order %d: %v", id, err)
	}
	return &o
}

func (w *world) lines(t *testing.T, id int64) []order.Line {
	t.Helper()
	var ls []order.Line
	if err := w.a.DB.Gorm.Where("order_id = ?", id).Order("id").Find(&ls).Error; err != nil {
		t.Fatal(err)
	}
	return ls
}

func (w *world) sales(t *testing.T) int64 {
	t.Helper()
	var p catalog.Product
	if err := w.a.DB.Gorm.Where("id = ?", w.product.ID).Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p.Sales
}

// overdue moves an order's payment deadline (and shipping time) into the
// past, as if time had passed.
func (w *world) overdue(t *testing.T, id int64) {
	t.Helper()
	past := database.Now().Add(-time.Hour)
	if err := w.a.DB.Gorm.Model(&order.Order{}).Where("id = ?", id).Update("expires_at", past).Error; err != nil {
		t.Fatal(err)
	}
	longAgo := database.Now().Add(-365 * 24 * time.Hour)
	if err := w.a.DB.Gorm.Model(&order.Order{}).Where("id = ? AND shipped_at IS NOT NULL", id).Update("shipped_at", longAgo).Error; err != nil {
		t.Fatal(err)
	}
}

func (w *world) events(t *testing.T, id int64, event string) int64 {
	t.Helper()
	if event == "" {
		return w.a.OrderCount(t, "order_events", "order_id = ?", id)
	}
	return w.a.OrderCount(t, "order_events", "order_id = ? AND event = ?", id, event)
}
