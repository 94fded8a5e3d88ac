package httpapi_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// Bad checkout input always gets a clear 4xx and writes nothing.
func TestCheckoutRejectsBadInput(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 20)
		off, offSKUs := w.a.OrderProduct(t, "下架", testkit.OrderSKU{Price: 100, Stock: 5})
		w.a.DB.Gorm.Model(&catalog.Product{}).Where("id = ?", off.ID).Update("status", catalog.OffShelf)
		_, disSKUs := w.a.OrderProduct(t, "停用", testkit.OrderSKU{Price: 100, Stock: 5})
		w.a.DB.Gorm.Model(&catalog.SKU{}).Where("id = ?", disSKUs[0].ID).Update("enabled", false)
		gone, goneSKUs := w.a.OrderProduct(t, "删除", testkit.OrderSKU{Price: 100, Stock: 5})
		w.a.DB.Gorm.Exec("UPDATE products SET deleted_at = updated_at WHERE id = ?", gone.ID)

		sku, addr := w.sku.ID, w.addrA
		many := make([]map[string]any, 51)
		for i := range many {
			many[i] = map[string]any{"sku_id": i + 1, "quantity": 1}
		}
		cases := []struct {
			name   string
			body   any
			status int
			want   string // in the body
		}{
			{"malformed json", `{"items":[`, 400, "malformed_json"},
			{"not an object", `[1,2]`, 400, "invalid"},
			{"empty body", ``, 400, "empty"},
			{"items of the wrong type", fmt.Sprintf(`{"items":"all","address_id":%d}`, addr), 400, `"items"`},
			{"address as a string", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":1}],"address_id":"%d"}`, sku, addr), 400, "address_id"},
			{"quantity as a string", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":"1"}],"address_id":%d}`, sku, addr), 400, "quantity"},
			{"fractional quantity", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":1.5}],"address_id":%d}`, sku, addr), 400, "quantity"},
			{"zero quantity", checkoutBody(sku, 0, addr), 400, "items[0].quantity"},
			{"negative quantity", checkoutBody(sku, -3, addr), 400, "items[0].quantity"},
			{"quantity over 999", checkoutBody(sku, 1000, addr), 400, "items[0].quantity"},
			{"quantity beyond int64", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":99999999999999999999999}],"address_id":%d}`, sku, addr), 400, "quantity"},
			{"no items", map[string]any{"items": []any{}, "address_id": addr}, 400, "items"},
			{"51 different items", map[string]any{"items": many, "address_id": addr}, 400, "items"},
			{"no address", map[string]any{"items": []map[string]any{{"sku_id": sku, "quantity": 1}}}, 400, "address_id"},
			{"unknown address", checkoutBody(sku, 1, 99999), 404, "address"},
			{"someone else's address", checkoutBody(sku, 1, w.addrB), 404, "address"},
			{"remark too long", map[string]any{"items": []map[string]any{{"sku_id": sku, "quantity": 1}}, "address_id": addr, "remark": strings.Repeat("长", 256)}, 400, "remark"},
			{"tampered unit price", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":1,"price":1}],"address_id":%d}`, sku, addr), 400, `"price"`},
			{"tampered order amount", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":1}],"address_id":%d,"pay_amount":1}`, sku, addr), 400, "pay_amount"},
			{"unknown sku", checkoutBody(987654, 1, addr), 404, "SKU 987654"},
			{"off-shelf sku", checkoutBody(offSKUs[0].ID, 1, addr), 409, "unavailable"},
			{"disabled sku", checkoutBody(disSKUs[0].ID, 1, addr), 409, "unavailable"},
			{"deleted product", checkoutBody(goneSKUs[0].ID, 1, addr), 409, "unavailable"},
			{"more than in stock", checkoutBody(sku, 21, addr), 409, "out_of_stock"},
			{"body over 1 MiB", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":1}],"address_id":%d,"remark":"%s"}`, sku, addr, strings.Repeat("x", 1<<20)), 413, "too_large"},
		}
		before := w.rowCounts(t)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := w.shopA.Do("POST", "/api/shop/orders", c.body).Expect(c.status)
				if !strings.Contains(string(r.Body), c.want) {
					t.Fatalf("body %s lacks %q", r.Body, c.want)
				}
			})
		}
		if after := w.rowCounts(t); !reflect.DeepEqual(before, after) {
			t.Fatalf("bad input wrote rows: %v -> %v", before, after)
		}
		if w.a.OrderStock(t, sku) != 20 {
			t.Fatal("bad input moved stock")
		}
		// Without Content-Type: JSON the body is refused too.
		req, _ := http.NewRequest("POST", w.shopA.URL()+"/api/shop/orders", strings.NewReader(`{}`))
		if r := w.shopA.Send(req); r.Status != 400 {
			t.Fatalf("no content type: %d", r.Status)
		}

		// A valid order costs the server's price, whatever a client thinks.
		d := w.checkout(t, 3)
		if d.GoodsAmount != 3*5990 || d.PayAmount != 3*5990 || d.Lines[0].UnitPrice != 5990 {
			t.Fatalf("amounts %+v", d.Order)
		}
	})
}

// Refund and shop-action input is checked the same way.
func TestRefundAndActionsRejectBadInput(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 20)
		d := w.checkout(t, 2)
		w.paySandbox(t, d.ID)
		path := fmt.Sprintf("/api/shop/orders/%d/refunds", d.ID)
		line := d.Lines[0].ID
		body := func(lineID, qty any, reason string) map[string]any {
			return map[string]any{"reason": reason, "lines": []map[string]any{{"order_line_id": lineID, "quantity": qty}}}
		}
		cases := []struct {
			name   string
			body   any
			status int
		}{
			{"no reason", body(line, 1, ""), 400},
			{"reason too long", body(line, 1, strings.Repeat("r", 513)), 400},
			{"zero quantity", body(line, 0, "x"), 400},
			{"more than bought", body(line, 3, "x"), 409},
			{"unknown line", body(99999, 1, "x"), 404},
			{"line as string", body("1", 1, "x"), 400},
			{"no lines", map[string]any{"reason": "x", "lines": []any{}}, 400},
			{"client-chosen amount", map[string]any{"reason": "x", "amount": 1, "lines": []map[string]any{{"order_line_id": line, "quantity": 1}}}, 400},
		}
		before := w.rowCounts(t)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { w.shopA.Do("POST", path, c.body).Expect(c.status) })
		}
		for _, p := range []string{"/api/shop/orders/abc", "/api/shop/orders/0", "/api/shop/orders/-1"} {
			w.shopA.Do("GET", p, nil).Expect(404)
		}
		w.shopA.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", d.ID), `{"method":1}`).Expect(400)
		w.shopA.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", d.ID), `{}`).Expect(400)
		w.shopA.Do("POST", "/api/shop/payments/nope/sandbox-confirm", nil).Expect(404)
		if after := w.rowCounts(t); !reflect.DeepEqual(before, after) {
			t.Fatalf("bad input wrote rows: %v -> %v", before, after)
		}
		if w.status(t, d.ID) != order.StatusPaid {
			t.Fatal("order changed")
		}
	})
}
