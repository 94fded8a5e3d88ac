package httpapi_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

type catShopPage struct {
	Items    []catalog.ShopItem `json:"items"`
	Page     int                `json:"page"`
	PageSize int                `json:"page_size"`
	Total    int64              `json:"total"`
}

func catTitles(items []catalog.ShopItem) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Title
	}
	return strings.Join(out, ",")
}

func TestCatalogShopListing(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ctx, actor := testkit.Ctx(), audit.Actor{Username: "seed"}
		fruit, err := a.Catalog.CreateCategory(ctx, actor, catalog.CategoryInput{Name: "fruit"})
		if err != nil {
			t.Fatal(err)
		}
		tea, err := a.Catalog.CreateCategory(ctx, actor, catalog.CategoryInput{Name: "tea"})
		if err != nil {
			t.Fatal(err)
		}
		type seed struct {
			cat             int64
			title, subtitle string
			price           money.Fen
			sort            int
			sales           int64
			status          catalog.ProductStatus
		}
		ids := map[string]int64{}
		for _, s := range []seed{
			{fruit.ID, "Red APPLE", "crisp", 3000, 2, 5, catalog.OnShelf},
			{fruit.ID, "Green apple", "sour", 2000, 1, 50, catalog.OnShelf},
			{fruit.ID, "Mango", "sweet, like apples", 4500, 1, 0, catalog.OnShelf},
			{tea.ID, "Oolong 100%", "roasted", 9900, 0, 7, catalog.OnShelf},
			{tea.ID, "Apple tea", "hidden", 1000, 0, 99, catalog.OffShelf},
			{tea.ID, "Deleted apple", "gone", 1500, 0, 0, catalog.OnShelf},
		} {
			p := catSeed(t, a, catalog.ProductInput{CategoryID: s.cat, Title: s.title, Subtitle: s.subtitle, SortOrder: s.sort,
				Status: s.status, Images: []string{"/uploads/" + strings.NewReplacer(" ", "-", "%", "pct").Replace(s.title) + ".png", "/uploads/other.png"},
				SKUs: []catalog.SKUInput{{Price: s.price, Stock: 5}}})
			if err := catalog.AddSales(ctx, a.DB.Gorm, p.ID, s.sales); err != nil {
				t.Fatal(err)
			}
			ids[s.title] = p.ID
		}
		if err := a.Catalog.DeleteProduct(ctx, actor, ids["Deleted apple"]); err != nil {
			t.Fatal(err)
		}

		shop := a.Client()
		list := func(query string) catShopPage {
			t.Helper()
			var pg catShopPage
			shop.Do("GET", "/api/shop/products?"+query, nil).Expect(200).JSON(&pg)
			return pg
		}
		cases := []struct{ query, want string }{
			{"", "Oolong 100%,Green apple,Mango,Red APPLE"}, // sort_order, then id
			{"q=apple", "Green apple,Mango,Red APPLE"},      // case-insensitive, subtitle too
			{"q=" + url.QueryEscape("APPLE"), "Green apple,Mango,Red APPLE"},
			{"q=" + url.QueryEscape("%"), "Oolong 100%"}, // a literal %, not a wildcard
			{"q=" + url.QueryEscape("_"), ""},
			{"q=mango&category_id=" + fmt.Sprint(tea.ID), ""},
			{"category_id=" + fmt.Sprint(fruit.ID), "Green apple,Mango,Red APPLE"},
			{"min_price=2500&max_price=4500", "Mango,Red APPLE"},
			{"min_price=5000", "Oolong 100%"},
			{"sort=price_asc", "Green apple,Red APPLE,Mango,Oolong 100%"},
			{"sort=price_desc", "Oolong 100%,Mango,Red APPLE,Green apple"},
			{"sort=sales", "Green apple,Oolong 100%,Red APPLE,Mango"},
			{"sort=newest", "Oolong 100%,Mango,Green apple,Red APPLE"},
		}
		for _, tc := range cases {
			if got := catTitles(list(tc.query).Items); got != tc.want {
				t.Errorf("?%s: got %q, want %q", tc.query, got, tc.want)
			}
		}

		// Pages are disjoint, complete and report the total.
		var seen []string
		for pageNo := 1; pageNo <= 3; pageNo++ {
			pg := list(fmt.Sprintf("sort=price_asc&page=%d&page_size=3", pageNo))
			if pg.Total != 4 || pg.Page != pageNo || pg.PageSize != 3 {
				t.Fatalf("page %d meta %+v", pageNo, pg)
			}
			seen = append(seen, catTitles(pg.Items))
		}
		if strings.Join(seen, "|") != "Green apple,Red APPLE,Mango|Oolong 100%|" {
			t.Fatalf("pages %q", seen)
		}

		// Items are compact: the first image, min price and sales.
		it := list("q=oolong").Items[0]
		if it.ID != ids["Oolong 100%"] || it.Image != "/uploads/Oolong-100pct.png" || it.MinPrice != 9900 || it.Sales != 7 || it.Subtitle != "roasted" {
			t.Fatalf("item %+v", it)
		}
		if raw := string(shop.Do("GET", "/api/shop/products?q=oolong", nil).Body); strings.Contains(raw, "commission") || strings.Contains(raw, "images_json") {
			t.Fatalf("list leaks internal fields: %s", raw)
		}

		for _, bad := range []string{"sort=cheapest", "min_price=-1", "min_price=500&max_price=100", "min_price=abc", "q=" + strings.Repeat("x", 65)} {
			expectError(t, shop.Do("GET", "/api/shop/products?"+bad, nil), 400, "invalid", "")
		}

		// The admin list sees off-shelf products too, searches titles and filters.
		op := catOperator(t, a)
		var adminPage struct {
			Items []catalog.Product
			Total int64
		}
		op.Do("GET", "/api/admin/products?q=APPLE", nil).Expect(200).JSON(&adminPage)
		if adminPage.Total != 3 { // Red APPLE, Green apple, Apple tea (not Mango: title only)
			t.Fatalf("admin search: %+v", adminPage)
		}
		op.Do("GET", "/api/admin/products?status=off_shelf", nil).Expect(200).JSON(&adminPage)
		if adminPage.Total != 1 || adminPage.Items[0].Title != "Apple tea" || len(adminPage.Items[0].Images) != 2 {
			t.Fatalf("admin status filter: %+v", adminPage)
		}
		op.Do("GET", fmt.Sprintf("/api/admin/products?category_id=%d&page=2&page_size=1", tea.ID), nil).Expect(200).JSON(&adminPage)
		if adminPage.Total != 2 || len(adminPage.Items) != 1 || adminPage.Items[0].Title != "Oolong 100%" {
			t.Fatalf("admin category page 2: %+v", adminPage)
		}
	})
}

func TestCatalogShopDetail(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ctx, actor := testkit.Ctx(), audit.Actor{Username: "seed"}
		cat, err := a.Catalog.CreateCategory(ctx, actor, catalog.CategoryInput{Name: "衣服"})
		if err != nil {
			t.Fatal(err)
		}
		off := false
		p := catSeed(t, a, catalog.ProductInput{CategoryID: cat.ID, Title: "卫衣", Description: "加绒", Status: catalog.OnShelf,
			SKUs: []catalog.SKUInput{
				{Spec: catalog.Spec{"颜色": "黑", "尺码": "M"}, Price: 12900, Stock: 3},
				{Spec: catalog.Spec{"颜色": "白", "尺码": "M"}, Price: 11900, Stock: 0},
				{Spec: catalog.Spec{"颜色": "黑", "尺码": "L"}, Price: 13900, Stock: 1},
				{Spec: catalog.Spec{"颜色": "红", "尺码": "S"}, Price: 9900, Stock: 9, Enabled: &off},
			}})
		shop := a.Client()
		var d catalog.ShopProduct
		shop.Do("GET", fmt.Sprintf("/api/shop/products/%d", p.ID), nil).Expect(200).JSON(&d)
		if d.MinPrice != 11900 || d.Description != "加绒" || len(d.SKUs) != 3 || d.SKUs[1].Stock != 0 || d.SKUs[0].Spec["颜色"] != "黑" {
			t.Fatalf("detail %+v", d)
		}
		specs := fmt.Sprint(d.Specs)
		if specs != "[{尺码 [M L]} {颜色 [黑 白]}]" {
			t.Fatalf("spec options %s", specs)
		}
		if raw := string(shop.Do("GET", fmt.Sprintf("/api/shop/products/%d", p.ID), nil).Body); strings.Contains(raw, "红") || strings.Contains(raw, "commission") {
			t.Fatalf("detail shows a disabled SKU or commission: %s", raw)
		}
		for _, path := range []string{"/api/shop/products/999999", "/api/shop/products/abc", "/api/shop/products/-1"} {
			expectError(t, shop.Do("GET", path, nil), 404, "not_found", "")
		}
		if _, err := a.Catalog.SetShelf(ctx, actor, p.ID, catalog.OffShelf); err != nil {
			t.Fatal(err)
		}
		expectError(t, shop.Do("GET", fmt.Sprintf("/api/shop/products/%d", p.ID), nil), 404, "not_found", "")
	})
}

// testkit.NewProduct is what the order domain builds on.
func TestCatalogTestkitNewProduct(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		p := a.NewProduct(t, "杯子", testkit.SKUSpec{Price: 1500, Stock: 2}, testkit.SKUSpec{Price: 900, Stock: 0})
		q := a.NewProduct(t, "盘子")
		if p.Status != catalog.OnShelf || len(p.SKUs) != 2 || p.SKUs[0].Price != 1500 || p.SKUs[1].Stock != 0 || p.MinPrice != 900 {
			t.Fatalf("product %+v", p)
		}
		if q.CategoryID != p.CategoryID || len(q.SKUs) != 1 || q.SKUs[0].Price != 1000 {
			t.Fatalf("default product %+v", q)
		}
		a.Client().Do("GET", fmt.Sprintf("/api/shop/products/%d", p.ID), nil).Expect(200)
	})
}
