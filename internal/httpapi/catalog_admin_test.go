package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

func TestCatalogCategoryCRUD(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		fruit := catNewCategory(t, op, "水果", 2)
		snacks := catNewCategory(t, op, "零食", 1)

		fields := expectError(t, op.Do("POST", "/api/admin/categories", map[string]any{"name": " 水果 "}), 409, "conflict", "duplicate_name").Fields
		if fields["name"] == "" {
			t.Fatalf("duplicate name without field: %v", fields)
		}
		expectError(t, op.Do("PUT", fmt.Sprintf("/api/admin/categories/%d", snacks.ID), map[string]any{"name": "水果"}), 409, "conflict", "duplicate_name")
		expectError(t, op.Do("POST", "/api/admin/categories", map[string]any{"name": ""}), 400, "invalid", "")
		expectError(t, op.Do("POST", "/api/admin/categories", map[string]any{"name": "x", "icon_url": "javascript:alert(1)"}), 400, "invalid", "")

		var upd catalog.Category
		op.Do("PUT", fmt.Sprintf("/api/admin/categories/%d", fruit.ID), map[string]any{"name": "生鲜水果", "sort_order": 0}).Expect(200).JSON(&upd)
		if upd.Name != "生鲜水果" || upd.SortOrder != 0 {
			t.Fatalf("updated %+v", upd)
		}
		expectError(t, op.Do("PUT", "/api/admin/categories/9999", map[string]any{"name": "nope"}), 404, "not_found", "")

		// The shop lists by sort_order: 生鲜水果 (0) before 零食 (1).
		var shop struct{ Items []catalog.Category }
		a.Client().Do("GET", "/api/shop/categories", nil).Expect(200).JSON(&shop)
		if len(shop.Items) != 2 || shop.Items[0].ID != fruit.ID || shop.Items[1].ID != snacks.ID {
			t.Fatalf("shop categories %+v", shop.Items)
		}

		// A category with a product cannot go; once the product is deleted it can.
		var p catalog.Product
		op.Do("POST", "/api/admin/products", catProductBody(fruit.ID, "橙子")).Expect(200).JSON(&p)
		expectError(t, op.Do("DELETE", fmt.Sprintf("/api/admin/categories/%d", fruit.ID), nil), 409, "conflict", "category_in_use")
		var admin struct {
			Items []catalog.AdminCategory
		}
		op.Do("GET", "/api/admin/categories", nil).Expect(200).JSON(&admin)
		if len(admin.Items) != 2 || admin.Items[0].ProductCount != 1 || admin.Items[1].ProductCount != 0 {
			t.Fatalf("admin categories %+v", admin.Items)
		}
		op.Do("DELETE", fmt.Sprintf("/api/admin/products/%d", p.ID), nil).Expect(200)
		op.Do("DELETE", fmt.Sprintf("/api/admin/categories/%d", fruit.ID), nil).Expect(200)
		expectError(t, op.Do("DELETE", fmt.Sprintf("/api/admin/categories/%d", fruit.ID), nil), 404, "not_found", "")
		a.Client().Do("GET", "/api/shop/categories", nil).Expect(200).JSON(&shop)
		if len(shop.Items) != 1 || shop.Items[0].ID != snacks.ID {
			t.Fatalf("deleted category still listed: %+v", shop.Items)
		}
		// Its name is free again; products cannot be put into the deleted one.
		catNewCategory(t, op, "生鲜水果", 0)
		fields = expectError(t, op.Do("POST", "/api/admin/products", catProductBody(fruit.ID, "苹果")), 400, "invalid", "").Fields
		if fields["category_id"] == "" {
			t.Fatalf("deleted category accepted: %v", fields)
		}

		for action, n := range map[string]int64{"category.create": 1, "category.update": 1, "category.delete": 1} {
			if got := catAuditCount(t, a, action, fruit.ID); got != n {
				t.Errorf("audit %s: %d entries, want %d", action, got, n)
			}
		}
	})
}

func TestCatalogProductLifecycle(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		shop := a.Client()
		cat := catNewCategory(t, op, "服装", 0)
		body := catProductBody(cat.ID, "T恤", catSKU("M", 5900, 10), catSKU("L", 6900, 5))
		body["commission_mode"], body["commission_tier1"], body["commission_tier2"] = "rate", 1000, 500

		var p catalog.Product
		op.Do("POST", "/api/admin/products", body).Expect(200).JSON(&p)
		if p.Status != catalog.OffShelf || p.MinPrice != 5900 || len(p.SKUs) != 2 || len(p.Images) != 2 ||
			p.SKUs[1].Spec["规格"] != "L" || !p.SKUs[1].Enabled || p.CommissionMode != catalog.CommissionRate {
			t.Fatalf("created %+v", p)
		}
		path := fmt.Sprintf("/api/admin/products/%d", p.ID)
		shopPath := fmt.Sprintf("/api/shop/products/%d", p.ID)
		expectError(t, shop.Do("GET", shopPath, nil), 404, "not_found", "")

		op.Do("POST", path+"/shelf", map[string]string{"status": "on_shelf"}).Expect(200)
		var detail catalog.ShopProduct
		shop.Do("GET", shopPath, nil).Expect(200).JSON(&detail)
		if len(detail.SKUs) != 2 || detail.SKUs[0].Stock != 10 || detail.MinPrice != 5900 {
			t.Fatalf("shop detail %+v", detail)
		}

		// Replace: M gets cheaper, L is dropped, XL is new.
		m := p.SKUs[0]
		body["skus"] = []map[string]any{
			{"id": m.ID, "spec": map[string]string{"规格": "M"}, "price": 4900, "stock": 8},
			catSKU("XL", 7900, 3),
		}
		body["title"] = "纯棉T恤"
		var upd catalog.Product
		op.Do("PUT", path, body).Expect(200).JSON(&upd)
		if upd.Title != "纯棉T恤" || upd.MinPrice != 4900 || upd.Status != catalog.OnShelf || len(upd.SKUs) != 3 {
			t.Fatalf("updated %+v", upd)
		}
		if upd.SKUs[0].ID != m.ID || upd.SKUs[0].Price != 4900 || upd.SKUs[0].Stock != 8 ||
			upd.SKUs[1].Enabled || upd.SKUs[2].Spec["规格"] != "XL" || !upd.SKUs[2].Enabled {
			t.Fatalf("sku set after update %+v", upd.SKUs)
		}
		shop.Do("GET", shopPath, nil).Expect(200).JSON(&detail)
		if len(detail.SKUs) != 2 || detail.SKUs[1].Spec["规格"] != "XL" || len(detail.Specs) != 1 ||
			strings.Join(detail.Specs[0].Values, ",") != "M,XL" {
			t.Fatalf("shop detail after update %+v", detail)
		}
		// The dropped SKU still exists (orders point at it), disabled.
		if n := catCount(t, a, "skus", "product_id = ?", p.ID); n != 3 {
			t.Fatalf("%d sku rows, want 3", n)
		}

		// Disabling every SKU of an on-shelf product is refused, and nothing changes.
		off := false
		body["skus"] = []map[string]any{{"id": m.ID, "spec": map[string]string{"规格": "M"}, "price": 1, "stock": 8, "enabled": off}}
		expectError(t, op.Do("PUT", path, body), 409, "conflict", "no_enabled_sku")
		var again catalog.Product
		op.Do("GET", path, nil).Expect(200).JSON(&again)
		if again.MinPrice != 4900 || again.SKUs[0].Price != 4900 || !again.SKUs[2].Enabled || again.Title != "纯棉T恤" {
			t.Fatalf("refused update changed the product: %+v", again)
		}

		// Soft delete: gone from shop and admin, row kept, off shelf.
		op.Do("DELETE", path, nil).Expect(200)
		expectError(t, shop.Do("GET", shopPath, nil), 404, "not_found", "")
		expectError(t, op.Do("GET", path, nil), 404, "not_found", "")
		expectError(t, op.Do("POST", path+"/shelf", map[string]string{"status": "on_shelf"}), 404, "not_found", "")
		var list struct{ Total int64 }
		shop.Do("GET", "/api/shop/products", nil).Expect(200).JSON(&list)
		op.Do("GET", "/api/admin/products", nil).Expect(200).JSON(&list)
		if list.Total != 0 {
			t.Fatalf("deleted product still listed")
		}
		if n := catCount(t, a, "products", "id = ? AND deleted_at IS NOT NULL AND status = ?", p.ID, "off_shelf"); n != 1 {
			t.Fatal("deleted product row not kept off shelf")
		}

		for action, n := range map[string]int64{"product.create": 1, "product.shelf": 1, "product.update": 1, "product.delete": 1} {
			if got := catAuditCount(t, a, action, p.ID); got != n {
				t.Errorf("audit %s: %d entries, want %d", action, got, n)
			}
		}
	})
}

// Every bad product is refused with 400 naming the field, and nothing is
// written.
func TestCatalogProductValidation(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		cat := catNewCategory(t, op, "杂货", 0)
		tooMany := make([]map[string]any, catalog.MaxSKUs+1)
		for i := range tooMany {
			tooMany[i] = catSKU(fmt.Sprint(i), 100, 1)
		}
		cases := []struct {
			name  string
			edit  func(b map[string]any)
			field string
		}{
			{"empty title", func(b map[string]any) { b["title"] = "  " }, "title"},
			{"unknown category", func(b map[string]any) { b["category_id"] = 9999 }, "category_id"},
			{"zero price", func(b map[string]any) { b["skus"] = []map[string]any{catSKU("", 0, 1)} }, "skus[0].price"},
			{"negative price", func(b map[string]any) { b["skus"] = []map[string]any{catSKU("a", 100, 1), catSKU("b", -100, 1)} }, "skus[1].price"},
			{"price too high", func(b map[string]any) { b["skus"] = []map[string]any{catSKU("", 1_000_000_001, 1)} }, "skus[0].price"},
			{"negative stock", func(b map[string]any) { b["skus"] = []map[string]any{catSKU("", 100, -1)} }, "skus[0].stock"},
			{"no skus", func(b map[string]any) { b["skus"] = []map[string]any{} }, "skus"},
			{"too many skus", func(b map[string]any) { b["skus"] = tooMany }, "skus"},
			{"duplicate spec", func(b map[string]any) { b["skus"] = []map[string]any{catSKU("红", 100, 1), catSKU("红", 200, 1)} }, "skus[1].spec"},
			{"bad mode", func(b map[string]any) { b["commission_mode"] = "percent" }, "commission_mode"},
			{"inherit with tiers", func(b map[string]any) { b["commission_tier1"] = 100 }, "commission_tier1"},
			{"rate over 100%", func(b map[string]any) {
				b["commission_mode"], b["commission_tier1"], b["commission_tier2"] = "rate", 9000, 1001
			}, "commission_tier2"},
			{"rate negative", func(b map[string]any) { b["commission_mode"], b["commission_tier1"] = "rate", -1 }, "commission_tier1"},
			{"fixed above price", func(b map[string]any) {
				b["commission_mode"], b["commission_tier1"], b["commission_tier2"] = "fixed", 600, 401 // price 1000
			}, "commission_tier2"},
			{"fixed negative", func(b map[string]any) { b["commission_mode"], b["commission_tier2"] = "fixed", -1 }, "commission_tier2"},
			{"script image", func(b map[string]any) { b["images"] = []string{"javascript:alert(1)"} }, "images[0]"},
			{"unknown field", func(b map[string]any) { b["price"] = 100 }, "price"},
			{"wrong type", func(b map[string]any) { b["title"] = 5 }, "title"},
			{"sku id on create", func(b map[string]any) { b["skus"] = []map[string]any{{"id": 1, "price": 100, "stock": 1}} }, "skus[0].id"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				body := catProductBody(cat.ID, "好东西")
				tc.edit(body)
				fields := expectError(t, op.Do("POST", "/api/admin/products", body), 400, "invalid", "").Fields
				if fields[tc.field] == "" {
					t.Fatalf("want field %q, got %v", tc.field, fields)
				}
			})
		}
		for _, table := range []string{"products", "skus"} {
			if n := catCount(t, a, table, ""); n != 0 {
				t.Fatalf("%d %s rows written by refused requests", n, table)
			}
		}

		// An update may only name this product's SKUs; a refused update
		// leaves the product as it was.
		var p1, p2 catalog.Product
		op.Do("POST", "/api/admin/products", catProductBody(cat.ID, "一")).Expect(200).JSON(&p1)
		op.Do("POST", "/api/admin/products", catProductBody(cat.ID, "二")).Expect(200).JSON(&p2)
		body := catProductBody(cat.ID, "改名", map[string]any{"id": p2.SKUs[0].ID, "price": 1, "stock": 1})
		fields := expectError(t, op.Do("PUT", fmt.Sprintf("/api/admin/products/%d", p1.ID), body), 400, "invalid", "").Fields
		if fields["skus[0].id"] == "" {
			t.Fatalf("foreign sku accepted: %v", fields)
		}
		var after catalog.Product
		op.Do("GET", fmt.Sprintf("/api/admin/products/%d", p1.ID), nil).Expect(200).JSON(&after)
		if after.Title != "一" || len(after.SKUs) != 1 || !after.SKUs[0].Enabled {
			t.Fatalf("refused update changed the product: %+v", after)
		}
		expectError(t, op.Do("PUT", "/api/admin/products/9999", catProductBody(cat.ID, "x")), 404, "not_found", "")
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/products/%d/shelf", p1.ID), map[string]string{"status": "sold"}), 400, "invalid", "")
		expectError(t, op.Do("GET", "/api/admin/products?status=sold", nil), 400, "invalid", "")
	})
}

func TestCatalogShelfNeedsAnEnabledSKU(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		cat := catNewCategory(t, op, "数码", 0)
		disabled := catSKU("", 1000, 5)
		disabled["enabled"] = false

		body := catProductBody(cat.ID, "耳机", disabled)
		body["status"] = "on_shelf"
		expectError(t, op.Do("POST", "/api/admin/products", body), 409, "conflict", "no_enabled_sku")
		if n := catCount(t, a, "products", ""); n != 0 {
			t.Fatal("refused product was written")
		}

		delete(body, "status")
		var p catalog.Product
		op.Do("POST", "/api/admin/products", body).Expect(200).JSON(&p)
		if p.MinPrice != 0 || p.SKUs[0].Enabled {
			t.Fatalf("disabled-only product %+v", p)
		}
		shelf := fmt.Sprintf("/api/admin/products/%d/shelf", p.ID)
		expectError(t, op.Do("POST", shelf, map[string]string{"status": "on_shelf"}), 409, "conflict", "no_enabled_sku")

		body["skus"] = []map[string]any{{"id": p.SKUs[0].ID, "price": 1000, "stock": 5}}
		op.Do("PUT", fmt.Sprintf("/api/admin/products/%d", p.ID), body).Expect(200)
		var on catalog.Product
		op.Do("POST", shelf, map[string]string{"status": "on_shelf"}).Expect(200).JSON(&on)
		if on.Status != catalog.OnShelf || on.MinPrice != 1000 {
			t.Fatalf("shelved %+v", on)
		}
		op.Do("POST", shelf, map[string]string{"status": "off_shelf"}).Expect(200)
		expectError(t, a.Client().Do("GET", fmt.Sprintf("/api/shop/products/%d", p.ID), nil), 404, "not_found", "")
	})
}

// An editor's stale stock must not overwrite sales made meanwhile.
func TestCatalogStockSeenGuardsConcurrentSales(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		p := a.NewProduct(t, "限量款", testkit.SKUSpec{Price: 9900, Stock: 10})
		sku := p.SKUs[0]
		// Two units sell after the editor loaded stock 10.
		if ok, err := catalog.TakeStock(testkit.Ctx(), a.DB.Gorm, sku.ID, 2); err != nil || !ok {
			t.Fatalf("take stock: %v %v", ok, err)
		}
		path := fmt.Sprintf("/api/admin/products/%d", p.ID)
		body := catProductBody(p.CategoryID, "限量款 新版", map[string]any{"id": sku.ID, "price": 8900, "stock": 10, "stock_seen": 10})
		var upd catalog.Product
		op.Do("PUT", path, body).Expect(200).JSON(&upd)
		if upd.SKUs[0].Stock != 8 || upd.SKUs[0].Price != 8900 {
			t.Fatalf("unchanged stock overwrote sales: %+v", upd.SKUs[0])
		}
		body = catProductBody(p.CategoryID, "限量款 新版", map[string]any{"id": sku.ID, "price": 8900, "stock": 50, "stock_seen": 10})
		expectError(t, op.Do("PUT", path, body), 409, "conflict", "stock_changed")
		body = catProductBody(p.CategoryID, "限量款 新版", map[string]any{"id": sku.ID, "price": 8900, "stock": 50, "stock_seen": 8})
		op.Do("PUT", path, body).Expect(200).JSON(&upd)
		if upd.SKUs[0].Stock != 50 {
			t.Fatalf("stock %d, want 50", upd.SKUs[0].Stock)
		}
	})
}

func TestCatalogAdminAccess(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		shopper := a.SessionClient(session.KindShop, a.NewShopper(t, ""))
		anon := a.Client()
		routes := []struct{ method, path string }{
			{"GET", "/api/admin/categories"}, {"POST", "/api/admin/categories"},
			{"GET", "/api/admin/products"}, {"POST", "/api/admin/products"},
			{"GET", "/api/admin/products/1"}, {"PUT", "/api/admin/products/1"},
			{"POST", "/api/admin/products/1/shelf"}, {"DELETE", "/api/admin/products/1"},
			{"POST", "/api/admin/uploads"},
		}
		for _, r := range routes {
			for name, c := range map[string]*testkit.Client{"shopper": shopper, "anonymous": anon} {
				res := c.Do(r.method, r.path, map[string]any{"name": "x"})
				if res.Status != http.StatusUnauthorized || res.ErrorCode() != "unauthenticated" {
					t.Errorf("%s %s as %s: %d %s", r.method, r.path, name, res.Status, res.Body)
				}
			}
		}
		// Operators and super admins both run the catalogue.
		for _, role := range []adminauth.Role{adminauth.RoleOperator, adminauth.RoleSuper} {
			c := a.AdminClient(t, role)
			cat := catNewCategory(t, c, "分类-"+string(role), 0)
			c.Do("POST", "/api/admin/products", catProductBody(cat.ID, "商品")).Expect(200)
		}
		// CSRF is enforced on catalogue writes.
		op := catOperator(t, a)
		op.CSRF = "wrong"
		expectError(t, op.Do("POST", "/api/admin/categories", map[string]any{"name": "csrf"}), 403, "forbidden", "csrf")
	})
}
