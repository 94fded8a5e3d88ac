package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

func TestCartAddMergeUpdateRemove(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 5)
		c := w.shopA
		var got cart.Cart
		c.Do("GET", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&got)
		if got.Items == nil || len(got.Items) != 0 {
			t.Fatalf("empty cart: %+v", got)
		}
		add := func(sku, qty int64) *testkit.Response {
			return c.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": sku, "quantity": qty})
		}
		add(w.sku.ID, 2).Expect(http.StatusOK)
		add(w.sku.ID, 1).Expect(http.StatusOK).JSON(&got) // merges
		add(w.sku2.ID, 4).Expect(http.StatusOK).JSON(&got)
		if len(got.Items) != 2 || got.Items[0].Quantity != 3 || got.Items[0].Price != 5990 || got.Items[0].Title != "蓝莓" ||
			got.Items[0].SpecText != "规格:4盒" || got.SelectedQuantity != 7 || got.SelectedAmount != 3*5990+4*1000 {
			t.Fatalf("cart %+v", got)
		}
		first, second := got.Items[0].ID, got.Items[1].ID

		add(w.sku.ID, 997).Expect(http.StatusBadRequest) // 3 + 997 > 999
		for _, q := range []int64{0, -1, 1000} {
			add(w.sku.ID, q).Expect(http.StatusBadRequest)
		}
		c.Do("POST", "/api/shop/cart/items", fmt.Sprintf(`{"sku_id":%d,"quantity":1,"price":1}`, w.sku.ID)).Expect(http.StatusBadRequest)
		add(424242, 1).Expect(http.StatusNotFound)

		item := fmt.Sprintf("/api/shop/cart/items/%d", first)
		c.Do("PATCH", item, map[string]any{"quantity": 4, "selected": false}).Expect(http.StatusOK).JSON(&got)
		if got.Items[0].Quantity != 4 || got.Items[0].Selected || got.SelectedQuantity != 4 {
			t.Fatalf("after patch %+v", got)
		}
		c.Do("PATCH", item, map[string]any{}).Expect(http.StatusBadRequest)
		c.Do("PATCH", item, map[string]any{"quantity": 0}).Expect(http.StatusBadRequest)
		c.Do("PATCH", item, map[string]any{"quantity": 1000}).Expect(http.StatusBadRequest)
		c.Do("PATCH", item, map[string]any{"selected": "yes"}).Expect(http.StatusBadRequest)
		c.Do("PATCH", "/api/shop/cart/items/999999", map[string]any{"quantity": 1}).Expect(http.StatusNotFound)

		c.Do("DELETE", item, nil).Expect(http.StatusOK).JSON(&got)
		if len(got.Items) != 1 || got.Items[0].ID != second {
			t.Fatalf("after delete %+v", got)
		}
		c.Do("DELETE", item, nil).Expect(http.StatusNotFound)
		c.Do("DELETE", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&got)
		if len(got.Items) != 0 || w.a.OrderCount(t, "cart_items") != 0 {
			t.Fatal("clear left items")
		}
	})
}

func TestCartFlagsUnavailableLinesAndRefusesThem(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 5)
		g := w.a.DB.Gorm
		offP, off := w.a.OrderProduct(t, "off", testkit.OrderSKU{Price: 100, Stock: 5})
		_, dis := w.a.OrderProduct(t, "dis", testkit.OrderSKU{Price: 100, Stock: 5})
		_, empty := w.a.OrderProduct(t, "empty", testkit.OrderSKU{Price: 100, Stock: 1})
		var got cart.Cart
		for _, s := range []int64{w.sku.ID, off[0].ID, dis[0].ID, empty[0].ID} {
			w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": s, "quantity": 1}).Expect(http.StatusOK).JSON(&got)
		}
		w.shopA.Do("PATCH", fmt.Sprintf("/api/shop/cart/items/%d", got.Items[0].ID), map[string]any{"quantity": 9}).Expect(http.StatusOK)
		g.Model(&catalog.Product{}).Where("id = ?", offP.ID).Update("status", catalog.OffShelf)
		g.Model(&catalog.SKU{}).Where("id = ?", dis[0].ID).Update("enabled", false)
		g.Model(&catalog.SKU{}).Where("id = ?", empty[0].ID).Update("stock", 0)

		w.shopA.Do("GET", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&got)
		want := []string{cart.ReasonInsufficientStock, catalog.UnavailableOffShelf, catalog.UnavailableDisabled, cart.ReasonOutOfStock}
		for i, v := range got.Items {
			if !v.Unavailable || v.UnavailableReason != want[i] {
				t.Errorf("item %d: %+v, want %s", i, v, want[i])
			}
		}
		if got.SelectedAmount != 0 {
			t.Fatalf("unavailable lines counted: %d", got.SelectedAmount)
		}
		for _, s := range []int64{off[0].ID, dis[0].ID} {
			r := w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": s, "quantity": 1}).Expect(http.StatusConflict)
			if r.ErrorCode() != "conflict" {
				t.Fatal(r.ErrorCode())
			}
		}
	})
}

func TestCartLimitAndConcurrentAdds(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 5)
		specs := make([]testkit.OrderSKU, 101)
		for i := range specs {
			specs[i] = testkit.OrderSKU{Price: 100, Stock: 10, Spec: map[string]string{"n": fmt.Sprint(i)}}
		}
		_, skus := w.a.OrderProduct(t, "many", specs...)
		for _, s := range skus[:100] {
			w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": s.ID, "quantity": 1}).Expect(http.StatusOK)
		}
		r := w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": skus[100].ID, "quantity": 1}).Expect(http.StatusConflict)
		if want := `"reason":"cart_full"`; !strings.Contains(string(r.Body), want) {
			t.Fatalf("%s", r.Body)
		}
		// Adding to an existing line still works when the cart is full.
		w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": skus[0].ID, "quantity": 1}).Expect(http.StatusOK)

		// Concurrent adds of one SKU merge into one line with the sum.
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.shopB.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": w.sku.ID, "quantity": 2}).Expect(http.StatusOK)
			}()
		}
		wg.Wait()
		var got cart.Cart
		w.shopB.Do("GET", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&got)
		if len(got.Items) != 1 || got.Items[0].Quantity != 40 {
			t.Fatalf("concurrent adds: %+v", got.Items)
		}
	})
}

// Checkout with from_cart removes exactly the bought SKUs from the cart.
func TestCheckoutFromCartRemovesBoughtItems(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 5)
		for _, s := range []int64{w.sku.ID, w.sku2.ID} {
			w.shopA.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": s, "quantity": 2}).Expect(http.StatusOK)
		}
		w.shopB.Do("POST", "/api/shop/cart/items", map[string]any{"sku_id": w.sku.ID, "quantity": 1}).Expect(http.StatusOK)
		body := checkoutBody(w.sku.ID, 2, w.addrA)
		body["from_cart"] = true
		// A failed checkout keeps the cart.
		w.shopA.Do("POST", "/api/shop/orders", checkoutBodyFromCart(w.sku.ID, 6, w.addrA)).Expect(http.StatusConflict)
		if w.a.OrderCount(t, "cart_items", "shopper_id = ?", w.idA) != 2 {
			t.Fatal("a failed checkout emptied the cart")
		}
		w.shopA.Do("POST", "/api/shop/orders", body).Expect(http.StatusOK)
		var got cart.Cart
		w.shopA.Do("GET", "/api/shop/cart", nil).Expect(http.StatusOK).JSON(&got)
		if len(got.Items) != 1 || got.Items[0].SKUID != w.sku2.ID {
			t.Fatalf("cart after checkout %+v", got.Items)
		}
		if w.a.OrderCount(t, "cart_items", "shopper_id = ?", w.idB) != 1 {
			t.Fatal("another shopper's cart changed")
		}
		// Without from_cart the cart is left alone.
		w.shopA.Do("POST", "/api/shop/orders", checkoutBody(w.sku2.ID, 1, w.addrA)).Expect(http.StatusOK)
		if w.a.OrderCount(t, "cart_items", "shopper_id = ?", w.idA) != 1 {
			t.Fatal("checkout without from_cart touched the cart")
		}
	})
}

func checkoutBodyFromCart(sku, qty, addr int64) map[string]any {
	b := checkoutBody(sku, qty, addr)
	b["from_cart"] = true
	return b
}
