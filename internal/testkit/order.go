package testkit

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"testing"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/member"
)

// Fixtures for the order domain's tests. They insert rows directly with
// gorm (no catalogue, member or admin services), so order tests depend only
// on the table shapes.

// OrderSKU describes one SKU for OrderProduct.
type OrderSKU struct {
	Price money.Fen
	Stock int64
	Spec  map[string]string
}

// OrderProduct inserts an on-shelf product (in a fresh category) with the
// given SKUs, all enabled, and returns the product and its SKUs in order.
func (a *App) OrderProduct(t testing.TB, title string, skus ...OrderSKU) (catalog.Product, []catalog.SKU) {
	t.Helper()
	now := database.Now()
	cat := catalog.Category{Name: "order-fixture-" + orderSuffix(), CreatedAt: now, UpdatedAt: now}
	orderInsert(t, a, &cat)
	p := catalog.Product{CategoryID: cat.ID, Title: title, ImagesJSON: `["/media/` + title + `.png"]`, Status: catalog.OnShelf,
		CommissionMode: catalog.CommissionRate, CommissionTier1: 1000, CommissionTier2: 500, CreatedAt: now, UpdatedAt: now}
	for _, s := range skus {
		if p.MinPrice == 0 || s.Price < p.MinPrice {
			p.MinPrice = s.Price
		}
	}
	orderInsert(t, a, &p)
	out := make([]catalog.SKU, len(skus))
	for i, s := range skus {
		spec, _ := json.Marshal(s.Spec)
		if s.Spec == nil {
			spec = []byte("{}")
		}
		out[i] = catalog.SKU{ProductID: p.ID, SpecJSON: string(spec), Price: s.Price, Stock: s.Stock, Enabled: true, CreatedAt: now, UpdatedAt: now}
		orderInsert(t, a, &out[i])
	}
	return p, out
}

// OrderShopper inserts an active shopper with one address and returns both ids.
func (a *App) OrderShopper(t testing.TB) (shopperID, addressID int64) {
	t.Helper()
	now := database.Now()
	sh := member.Shopper{Nickname: "buyer-" + orderSuffix(), Status: member.StatusActive, CreatedAt: now, UpdatedAt: now}
	orderInsert(t, a, &sh)
	addr := member.Address{ShopperID: sh.ID, Name: "张三", Phone: "13800138000", Province: "广东省", City: "深圳市",
		District: "南山区", Detail: "科技园 1 号", IsDefault: true, CreatedAt: now, UpdatedAt: now}
	orderInsert(t, a, &addr)
	return sh.ID, addr.ID
}

// OrderShopperClient inserts a shopper with an address and returns a client
// logged in as them, with their ids.
func (a *App) OrderShopperClient(t testing.TB) (c *Client, shopperID, addressID int64) {
	t.Helper()
	shopperID, addressID = a.OrderShopper(t)
	return a.SessionClient(session.KindShop, shopperID), shopperID, addressID
}

// OrderAdminClient inserts an operator admin and returns a client logged in
// as them, with the admin id.
func (a *App) OrderAdminClient(t testing.TB) (*Client, int64) {
	t.Helper()
	now := database.Now()
	ad := adminauth.Admin{Username: "ops-" + orderSuffix(), PasswordHash: "x", Role: adminauth.RoleOperator, CreatedAt: now, UpdatedAt: now}
	orderInsert(t, a, &ad)
	return a.SessionClient(session.KindAdmin, ad.ID), ad.ID
}

// OrderCount counts rows of table matching an optional condition.
func (a *App) OrderCount(t testing.TB, table string, where ...any) int64 {
	t.Helper()
	q := a.DB.Gorm.Table(table)
	if len(where) > 0 {
		q = q.Where(where[0], where[1:]...)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// OrderStock reads a SKU's stock.
func (a *App) OrderStock(t testing.TB, skuID int64) int64 {
	t.Helper()
	var sku catalog.SKU
	if err := a.DB.Gorm.Where("id = ?", skuID).Take(&sku).Error; err != nil {
		t.Fatalf("load sku %d: %v", skuID, err)
	}
	return sku.Stock
}

func orderInsert(t testing.TB, a *App, v any) {
	t.Helper()
	if err := a.DB.Gorm.Create(v).Error; err != nil {
		t.Fatalf("insert %T: %v", v, err)
	}
}

func orderSuffix() string {
	b := make([]byte, 5)
	rand.Read(b)
	return hex.EncodeToString(b)
}
