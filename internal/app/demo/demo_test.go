package demo_test

import (
	"net/http"
	"testing"

	"fenxiao/internal/app/demo"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// The demo goes through the real services and must leave a store with
// enough to look at: 6+ categories, 30+ products with images, several
// shoppers, and orders in every state.
func TestDemoLoadsALivingStore(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ctx := testkit.Ctx()
		sum, err := a.LoadDemo(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Categories < 6 || sum.Products < 30 || sum.Shoppers < 5 {
			t.Fatalf("too little demo data: %s", sum)
		}
		for _, st := range []order.Status{order.StatusPendingPayment, order.StatusPaid, order.StatusShipped,
			order.StatusCompleted, order.StatusCancelled, order.StatusRefunded} {
			if sum.Orders[st] == 0 {
				t.Errorf("no demo order in state %s (%s)", st, sum)
			}
		}
		counts, err := a.Orders.CountByStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, n := range counts {
			total += n
		}
		if total != 24 {
			t.Errorf("orders in the database: %v", counts)
		}
		refunds, err := a.Orders.ListRefunds(ctx, "", page.Request{Page: 1, Size: 50})
		if err != nil || refunds.Total < 4 {
			t.Errorf("refund requests: %d %v", refunds.Total, err)
		}
		// A two-tier network earned commission through the real hooks.
		if sum.Distributors != 2 {
			t.Errorf("demo distributors = %d, want 2", sum.Distributors)
		}
		for tier := 1; tier <= 2; tier++ {
			if n := a.OrderCount(t, "commission_records", "tier = ? AND amount > 0", tier); n == 0 {
				t.Errorf("no tier-%d commission in the demo", tier)
			}
		}
		if n := a.OrderCount(t, "commission_records", "tier NOT IN (1, 2)"); n != 0 {
			t.Errorf("%d commission records beyond tier 2", n)
		}
		var root struct {
			InviteCode string
		}
		a.DB.Gorm.Raw("SELECT invite_code FROM distributors WHERE parent_id IS NULL").Scan(&root)
		var home struct {
			ShopTitle string `json:"shop_title"`
		}
		a.Client().Do("GET", "/api/shop/s/"+root.InviteCode, nil).Expect(http.StatusOK).JSON(&home)
		if home.ShopTitle != demo.DemoShopTitle {
			t.Errorf("demo shop home title = %q", home.ShopTitle)
		}
		// Loading again with --if-empty does nothing.
		again, err := a.LoadDemo(ctx, true)
		if err != nil || again != nil {
			t.Fatalf("second load: %v %v", again, err)
		}
		// The shop shows the products, and their generated images are served.
		c := a.Client()
		var list struct {
			Total int64 `json:"total"`
			Items []struct {
				Image string `json:"image"`
			} `json:"items"`
		}
		c.Do("GET", "/api/shop/products?page_size=50", nil).Expect(http.StatusOK).JSON(&list)
		if list.Total < 30 || len(list.Items) == 0 || list.Items[0].Image == "" {
			t.Fatalf("shop list: total %d, first %+v", list.Total, list.Items)
		}
		img := c.Do("GET", list.Items[0].Image, nil).Expect(http.StatusOK)
		if img.Header.Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("image content type %q", img.Header.Get("Content-Type"))
		}
	})
}
