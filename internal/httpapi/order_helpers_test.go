package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// ordWorld is an app with a product, two shoppers (A and B) with an
// address each, and an operator admin.
type ordWorld struct {
	a         *testkit.App
	product   catalog.Product
	sku, sku2 catalog.SKU
	shopA     *testkit.Client
	shopB     *testkit.Client
	idA, idB  int64
	addrA     int64
	addrB     int64
	admin     *testkit.Client
	adminID   int64
}

func newOrdWorld(t *testing.T, dbURL string, stock int64) *ordWorld {
	t.Helper()
	a := testkit.NewApp(t, dbURL)
	p, skus := a.OrderProduct(t, "蓝莓", testkit.OrderSKU{Price: 5990, Stock: stock, Spec: map[string]string{"规格": "4盒"}},
		testkit.OrderSKU{Price: 1000, Stock: 50})
	w := &ordWorld{a: a, product: p, sku: skus[0], sku2: skus[1]}
	w.shopA, w.idA, w.addrA = a.OrderShopperClient(t)
	w.shopB, w.idB, w.addrB = a.OrderShopperClient(t)
	w.admin, w.adminID = a.OrderAdminClient(t)
	return w
}

func checkoutBody(skuID, qty, addressID int64) map[string]any {
	return map[string]any{"items": []map[string]any{{"sku_id": skuID, "quantity": qty}}, "address_id": addressID}
}

// checkout places an order for A over HTTP.
func (w *ordWorld) checkout(t *testing.T, qty int64) order.Detail {
	t.Helper()
	var d order.Detail
	w.shopA.Do("POST", "/api/shop/orders", checkoutBody(w.sku.ID, qty, w.addrA)).Expect(http.StatusOK).JSON(&d)
	return d
}

// paySandbox pays an order of A through the sandbox over HTTP.
func (w *ordWorld) paySandbox(t *testing.T, orderID int64) payment.Payment {
	t.Helper()
	var started payment.Started
	w.shopA.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", orderID), map[string]string{"method": "sandbox"}).Expect(http.StatusOK).JSON(&started)
	var p payment.Payment
	w.shopA.Do("POST", "/api/shop/payments/"+started.Payment.OutTradeNo+"/sandbox-confirm", nil).Expect(http.StatusOK).JSON(&p)
	return p
}

func (w *ordWorld) status(t *testing.T, orderID int64) order.Status {
	t.Helper()
	var o order.Order
	if err := w.a.DB.Gorm.Where("id = ?", orderID).Take(&o).Error; err != nil {
		t.Fatal(err)
	}
	return o.Status
}

// rowCounts counts the rows of every order-domain table.
func (w *ordWorld) rowCounts(t *testing.T) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, tb := range []string{"orders", "order_lines", "order_events", "refund_requests", "refund_lines", "payments", "cart_items", "river_job"} {
		out[tb] = w.a.OrderCount(t, tb)
	}
	return out
}
