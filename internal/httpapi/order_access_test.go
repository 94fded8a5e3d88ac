package httpapi_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// Shopper B tries every shop route on shopper A's cart item, orders,
// refunds and payment attempt: always 404, and A's data is untouched.
func TestShoppersCannotReachEachOthersOrders(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 20)
		var c cart.Cart
		w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": w.sku.ID, "quantity": 2}).Expect(http.StatusOK).JSON(&c)
		itemID := c.Items[0].ID

		pending := w.checkout(t, 1)
		var started payment.Started
		w.shopA.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", pending.ID), map[string]string{"method": "sandbox"}).Expect(http.StatusOK).JSON(&started)
		shipped := w.checkout(t, 2)
		w.paySandbox(t, shipped.ID)
		w.admin.Do("POST", fmt.Sprintf("/api/admin/orders/%d/ship", shipped.ID), map[string]string{"carrier": "EMS", "tracking_no": "E1"}).Expect(http.StatusOK)
		lineID := shipped.Lines[0].ID
		w.shopA.Do("POST", fmt.Sprintf("/api/shop/orders/%d/refunds", shipped.ID), map[string]any{"reason": "x", "lines": []map[string]any{{"order_line_id": lineID, "quantity": 1}}}).
			Expect(http.StatusOK)

		before := w.rowCounts(t)
		var detailBefore order.Detail
		w.shopA.Do("GET", fmt.Sprintf("/api/shop/orders/%d", shipped.ID), nil).Expect(http.StatusOK).JSON(&detailBefore)
		refundBody := map[string]any{"reason": "x", "lines": []map[string]any{{"order_line_id": lineID, "quantity": 1}}}
		routes := []struct {
			method, path string
			body         any
		}{
			{"PATCH", fmt.Sprintf("/api/shop/cart/items/%d", itemID), map[string]any{"quantity": 5}},
			{"DELETE", fmt.Sprintf("/api/shop/cart/items/%d", itemID), nil},
			{"GET", fmt.Sprintf("/api/shop/orders/%d", pending.ID), nil},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/cancel", pending.ID), nil},
			{"GET", fmt.Sprintf("/api/shop/orders/%d/pay-methods", pending.ID), nil},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/pay", pending.ID), map[string]string{"method": "sandbox"}},
			{"POST", "/api/shop/payments/" + started.Payment.OutTradeNo + "/sandbox-confirm", nil},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/confirm", shipped.ID), nil},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/refunds", shipped.ID), refundBody},
			{"POST", "/api/shop/orders", checkoutBody(w.sku.ID, 1, w.addrA)}, // A's address
		}
		for _, r := range routes {
			res := w.shopB.Do(r.method, r.path, r.body)
			if res.Status != http.StatusNotFound || res.ErrorCode() != "not_found" {
				t.Errorf("B %s %s: %d %s, want 404", r.method, r.path, res.Status, res.Body)
			}
		}
		// B's own views are empty; clearing B's cart leaves A's alone.
		var bc cart.Cart
		w.shopB.Do("DELETE", "/api/shop/cart", nil).Expect(http.StatusOK)
		w.shopB.Do("GET", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&bc)
		var bl struct {
			Total int64 `json:"total"`
		}
		w.shopB.Do("GET", "/api/shop/orders", nil).Expect(http.StatusOK).JSON(&bl)
		if len(bc.Items) != 0 || bl.Total != 0 {
			t.Fatalf("B sees A's things: cart %+v, %d orders", bc, bl.Total)
		}

		if after := w.rowCounts(t); !reflect.DeepEqual(before, after) {
			t.Fatalf("B changed rows:\n before %v\n after  %v", before, after)
		}
		var detailAfter order.Detail
		w.shopA.Do("GET", fmt.Sprintf("/api/shop/orders/%d", shipped.ID), nil).Expect(http.StatusOK).JSON(&detailAfter)
		if !reflect.DeepEqual(detailBefore, detailAfter) || w.status(t, pending.ID) != order.StatusPendingPayment {
			t.Fatal("B changed A's orders")
		}
		w.shopA.Do("GET", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&c)
		if len(c.Items) != 1 || c.Items[0].Quantity != 2 {
			t.Fatalf("A's cart changed: %+v", c)
		}
	})
}

// Shop sessions never reach admin order routes; anonymous clients reach
// nothing; state changes without the CSRF header are refused.
func TestOrderRoutesAuthAndCSRF(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 20)
		d := w.checkout(t, 1)
		admin := []struct{ method, path string }{
			{"GET", "/api/admin/orders"},
			{"GET", fmt.Sprintf("/api/admin/orders/%d", d.ID)},
			{"POST", fmt.Sprintf("/api/admin/orders/%d/ship", d.ID)},
			{"POST", fmt.Sprintf("/api/admin/orders/%d/cancel", d.ID)},
			{"GET", "/api/admin/refunds"},
			{"POST", "/api/admin/refunds/1/approve"},
			{"POST", "/api/admin/refunds/1/reject"},
			{"GET", "/api/admin/settings/order"},
			{"PUT", "/api/admin/settings/order"},
		}
		anon := w.a.Client()
		for _, r := range admin {
			if res := w.shopA.Do(r.method, r.path, map[string]string{}); res.Status != http.StatusUnauthorized {
				t.Errorf("shopper %s %s: %d", r.method, r.path, res.Status)
			}
			if res := anon.Do(r.method, r.path, map[string]string{}); res.Status != http.StatusUnauthorized {
				t.Errorf("anonymous %s %s: %d", r.method, r.path, res.Status)
			}
		}
		shop := []struct{ method, path string }{
			{"GET", "/api/shop/cart"}, {"POST", "/api/shop/cart/items"}, {"PATCH", "/api/shop/cart/items/1"},
			{"DELETE", "/api/shop/cart/items/1"}, {"DELETE", "/api/shop/cart"}, {"POST", "/api/shop/orders"},
			{"GET", "/api/shop/orders"}, {"GET", fmt.Sprintf("/api/shop/orders/%d", d.ID)},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/cancel", d.ID)}, {"POST", fmt.Sprintf("/api/shop/orders/%d/confirm", d.ID)},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/refunds", d.ID)}, {"GET", fmt.Sprintf("/api/shop/orders/%d/pay-methods", d.ID)},
			{"POST", fmt.Sprintf("/api/shop/orders/%d/pay", d.ID)}, {"POST", "/api/shop/payments/P1/sandbox-confirm"},
		}
		for _, r := range shop {
			if res := anon.Do(r.method, r.path, nil); res.Status != http.StatusUnauthorized {
				t.Errorf("anonymous %s %s: %d", r.method, r.path, res.Status)
			}
		}

		// Without the CSRF header every state change is 403 and nothing moves.
		before := w.rowCounts(t)
		noCSRF := func(c *testkit.Client) *testkit.Client { c.CSRF = ""; return c }
		shopNo, adminNo := noCSRF(w.a.SessionClient(session.KindShop, w.idA)), noCSRF(w.a.SessionClient(session.KindAdmin, w.adminID))
		for _, r := range shop {
			if r.method == "GET" {
				continue
			}
			if res := shopNo.Do(r.method, r.path, map[string]any{}); res.Status != http.StatusForbidden {
				t.Errorf("no CSRF %s %s: %d", r.method, r.path, res.Status)
			}
		}
		for _, r := range admin {
			if r.method == "GET" {
				continue
			}
			if res := adminNo.Do(r.method, r.path, map[string]any{}); res.Status != http.StatusForbidden {
				t.Errorf("no CSRF %s %s: %d", r.method, r.path, res.Status)
			}
		}
		if after := w.rowCounts(t); !reflect.DeepEqual(before, after) {
			t.Fatalf("CSRF-less requests changed rows: %v -> %v", before, after)
		}
		if w.status(t, d.ID) != order.StatusPendingPayment {
			t.Fatal("order changed")
		}
	})
}
