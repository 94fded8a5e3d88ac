package httpapi_test

import (
	"fmt"
	"testing"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// catOperator is a logged-in operator: operators run the catalogue.
func catOperator(t *testing.T, a *testkit.App) *testkit.Client {
	t.Helper()
	return a.AdminClient(t, adminauth.RoleOperator)
}

func catCount(t *testing.T, a *testkit.App, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := a.DB.Gorm.Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func catNewCategory(t *testing.T, c *testkit.Client, name string, sort int) catalog.Category {
	t.Helper()
	var cat catalog.Category
	c.Do("POST", "/api/admin/categories", map[string]any{"name": name, "sort_order": sort}).Expect(200).JSON(&cat)
	if cat.ID == 0 || cat.Name != name {
		t.Fatalf("created category %+v", cat)
	}
	return cat
}

// catSKU is a SKU body for the admin API.
func catSKU(spec string, price, stock int64) map[string]any {
	s := map[string]any{"price": price, "stock": stock}
	if spec != "" {
		s["spec"] = map[string]string{"规格": spec}
	}
	return s
}

// catProductBody is a valid product body with the given SKUs (one 10.00
// yuan SKU when none).
func catProductBody(catID int64, title string, skus ...map[string]any) map[string]any {
	if len(skus) == 0 {
		skus = []map[string]any{catSKU("", 1000, 10)}
	}
	return map[string]any{"category_id": catID, "title": title, "subtitle": title + " subtitle",
		"images": []string{"/uploads/" + fmt.Sprint(len(title)) + ".png", "/uploads/second.png"}, "skus": skus}
}

// catSeed creates a product straight through the service.
func catSeed(t *testing.T, a *testkit.App, in catalog.ProductInput) *catalog.Product {
	t.Helper()
	p, err := a.Catalog.CreateProduct(testkit.Ctx(), catActor(), in)
	if err != nil {
		t.Fatalf("seed %q: %v", in.Title, err)
	}
	return p
}

func catAuditCount(t *testing.T, a *testkit.App, action string, targetID int64) int64 {
	t.Helper()
	return catCount(t, a, "audit_log", "action = ? AND target_id = ?", action, fmt.Sprint(targetID))
}

func catActor() audit.Actor { return audit.Actor{Username: "seed"} }
