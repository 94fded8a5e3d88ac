package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

// Query strings and path segments are raw bytes: %ff is not UTF-8, and
// PostgreSQL refuses such text in a query. It must be a clear 4xx, never a
// 500 with a database error behind it.
func TestNonUTF8InputIsRefusedNot500(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		shop, _, _ := a.OrderShopperClient(t)
		admin := a.AdminClient(t, adminauth.RoleSuper)
		cases := []struct {
			name   string
			c      *testkit.Client
			method string
			path   string
			status int
		}{
			{"shop product search", a.Client(), "GET", "/api/shop/products?q=%ff", 400},
			{"admin product search", admin, "GET", "/api/admin/products?q=%C3", 400},
			{"admin shopper nickname", admin, "GET", "/api/admin/shoppers?nickname=%ff%fe", 400},
			{"admin order number", admin, "GET", "/api/admin/orders?order_no=%ff", 400},
			{"sandbox confirm", shop, "POST", "/api/shop/payments/P%ff/sandbox-confirm", 404},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if r := tc.c.Do(tc.method, tc.path, nil); r.Status != tc.status {
					t.Errorf("status %d, want %d; body: %s", r.Status, tc.status, r.Body)
				}
			})
		}
	})
}

// JSON may carry "\u0000", which PostgreSQL cannot store in text. Every
// free-text field must refuse it (and other control characters) as invalid
// input on both dialects, never fail as a 500.
func TestNULInJSONIsRefusedNot500(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		shop, _, addr := a.OrderShopperClient(t)
		_, skus := a.OrderProduct(t, "茶", testkit.OrderSKU{Price: 100, Stock: 10})
		admin := a.AdminClient(t, adminauth.RoleSuper)
		victim := a.NewShopper(t, "13800000077")
		cases := []struct {
			name   string
			c      *testkit.Client
			method string
			path   string
			body   string
			field  string
		}{
			{"address name", shop, "POST", "/api/shop/addresses", `{"name":"a\u0000b","phone":"13900000000","province":"广东省","city":"深圳市","district":"南山区","detail":"科技园 1 号"}`, "name"},
			{"nickname", shop, "PATCH", "/api/shop/me", `{"nickname":"x\u0000"}`, "nickname"},
			{"order remark", shop, "POST", "/api/shop/orders", fmt.Sprintf(`{"items":[{"sku_id":%d,"quantity":1}],"address_id":%d,"remark":"\u0000"}`, skus[0].ID, addr), "remark"},
			{"ban reason", admin, "POST", fmt.Sprintf("/api/admin/shoppers/%d/ban", victim), `{"reason":"spam\u0000"}`, "reason"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.c.Do(tc.method, tc.path, tc.body)
				if r.Status != 400 || !strings.Contains(string(r.Body), `"invalid"`) || !strings.Contains(string(r.Body), `"`+tc.field+`":`) {
					t.Errorf("status %d, want 400 invalid on field %s; body: %s", r.Status, tc.field, r.Body)
				}
			})
		}
		if n := a.OrderCount(t, "orders"); n != 0 {
			t.Fatalf("%d orders were stored", n)
		}
	})
}
