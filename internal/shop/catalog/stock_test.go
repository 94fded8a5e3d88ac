package catalog_test

import (
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// The stock guard itself refuses SKUs of products that are off the shelf
// or deleted, so a product taken down while a checkout is running cannot
// sell even where the checkout's earlier read was not locked.
func TestTakeStockRespectsShelfState(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ctx := testkit.Ctx()
		p := a.NewProduct(t, "架上商品", testkit.SKUSpec{Price: 1000, Stock: 5})
		sku := p.SKUs[0].ID
		take := func() bool {
			var ok bool
			err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
				var err error
				ok, err = catalog.TakeStock(ctx, tx, sku, 1)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !take() {
			t.Fatal("on-shelf SKU refused")
		}
		if _, err := a.Catalog.SetShelf(ctx, audit.Actor{Username: "test"}, p.ID, catalog.OffShelf); err != nil {
			t.Fatal(err)
		}
		if take() {
			t.Fatal("off-shelf SKU sold")
		}
		if _, err := a.Catalog.SetShelf(ctx, audit.Actor{Username: "test"}, p.ID, catalog.OnShelf); err != nil {
			t.Fatal(err)
		}
		if err := a.Catalog.DeleteProduct(ctx, audit.Actor{Username: "test"}, p.ID); err != nil {
			t.Fatal(err)
		}
		if take() {
			t.Fatal("deleted product's SKU sold")
		}
		var stock int64
		a.DB.Gorm.Raw("SELECT stock FROM skus WHERE id = ?", sku).Scan(&stock)
		if stock != 4 {
			t.Fatalf("stock %d, want 4", stock)
		}
	})
}
