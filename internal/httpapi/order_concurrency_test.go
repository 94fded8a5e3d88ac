package httpapi_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"fenxiao/internal/testkit"
)

// 300 shoppers race over HTTP for one SKU with 50 in stock: exactly 50
// orders, stock exactly 0, 250 clean out_of_stock conflicts.
func TestConcurrentCheckoutNeverOversells(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		const buyers, stock = 300, 50
		w := newOrdWorld(t, dbURL, stock)
		type buyer struct {
			c    *testkit.Client
			addr int64
		}
		bs := make([]buyer, buyers)
		for i := range bs {
			c, _, addr := w.a.OrderShopperClient(t)
			bs[i] = buyer{c, addr}
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		results := make(chan *testkit.Response, buyers)
		for _, b := range bs {
			wg.Add(1)
			go func(b buyer) {
				defer wg.Done()
				<-start
				results <- b.c.Do("POST", "/api/shop/orders", checkoutBody(w.sku.ID, 1, b.addr))
			}(b)
		}
		began := time.Now()
		close(start)
		wg.Wait()
		close(results)
		t.Logf("%d checkouts in %v", buyers, time.Since(began))

		ok, sold := 0, 0
		for r := range results {
			switch r.Status {
			case http.StatusOK:
				ok++
			case http.StatusConflict:
				if r.ErrorReason() != "out_of_stock" {
					t.Errorf("conflict without out_of_stock: %s", r.Body)
				}
				sold++
			default:
				t.Errorf("unexpected %d: %s", r.Status, r.Body)
			}
		}
		if ok != stock || sold != buyers-stock {
			t.Fatalf("%d orders and %d out-of-stock answers, want %d and %d", ok, sold, stock, buyers-stock)
		}
		if got := w.a.OrderStock(t, w.sku.ID); got != 0 {
			t.Fatalf("stock ended at %d, want 0", got)
		}
		if n := w.a.OrderCount(t, "orders"); n != stock {
			t.Fatalf("%d orders stored", n)
		}
		if n := w.a.OrderCount(t, "river_job", "kind = ?", "order.auto_cancel"); n != stock {
			t.Fatalf("%d auto-cancel jobs for %d orders", n, stock)
		}
		if n := w.a.OrderCount(t, "order_lines"); n != stock {
			t.Fatalf("%d order lines", n)
		}
	})
}
