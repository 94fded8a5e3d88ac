package testkit

import (
	"fmt"
	"testing"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
)

// SKUSpec describes one SKU for NewProduct.
type SKUSpec struct {
	Price money.Fen
	Stock int64
	Spec  map[string]string
}

// fixtureActor is who test fixtures appear as in the audit log.
var fixtureActor = audit.Actor{Username: "testkit"}

// NewCategory creates a category through the service.
func (a *App) NewCategory(t testing.TB, name string) *catalog.Category {
	t.Helper()
	c, err := a.Catalog.CreateCategory(Ctx(), fixtureActor, catalog.CategoryInput{Name: name})
	if err != nil {
		t.Fatalf("create category %q: %v", name, err)
	}
	return c
}

// NewProduct creates an on-shelf product through the service, in a shared
// "Testkit" category, and returns it with its SKUs (p.SKUs, in the given
// order). Without skus it gets one SKU of 10.00 yuan with 100 in stock;
// SKUs without a Spec get distinct generated ones.
func (a *App) NewProduct(t testing.TB, title string, skus ...SKUSpec) *catalog.Product {
	t.Helper()
	if len(skus) == 0 {
		skus = []SKUSpec{{Price: 1000, Stock: 100}}
	}
	in := catalog.ProductInput{CategoryID: a.testkitCategory(t), Title: title, Status: catalog.OnShelf}
	for i, s := range skus {
		spec := s.Spec
		if spec == nil && len(skus) > 1 {
			spec = map[string]string{"规格": fmt.Sprintf("option %d", i+1)}
		}
		in.SKUs = append(in.SKUs, catalog.SKUInput{Price: s.Price, Stock: s.Stock, Spec: spec})
	}
	p, err := a.Catalog.CreateProduct(Ctx(), fixtureActor, in)
	if err != nil {
		t.Fatalf("create product %q: %v", title, err)
	}
	return p
}

func (a *App) testkitCategory(t testing.TB) int64 {
	t.Helper()
	cats, err := a.Catalog.Categories(Ctx())
	if err != nil {
		t.Fatalf("list categories: %v", err)
	}
	for _, c := range cats {
		if c.Name == "Testkit" {
			return c.ID
		}
	}
	c, err := a.Catalog.CreateCategory(Ctx(), fixtureActor, catalog.CategoryInput{Name: "Testkit"})
	if err != nil {
		t.Fatalf("create testkit category: %v", err)
	}
	return c.ID
}
