package catalog

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
)

// AdminProducts lists live products (without SKUs) for the admin, newest
// first, searched by title and filtered by category and status.
// Errors: invalid.
func (s *Service) AdminProducts(ctx context.Context, f AdminFilter, p page.Request) (page.Result[Product], error) {
	if err := normalizeFilter(&f); err != nil {
		return page.Result[Product]{}, err
	}
	q := s.db.WithContext(ctx).Model(&Product{}).Where("deleted_at IS NULL")
	q = searchTitle(q, f.Q, false)
	if f.CategoryID != 0 {
		q = q.Where("category_id = ?", f.CategoryID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var items []Product
	total, err := paginate(q, p, "id DESC", "*", &items)
	if err != nil {
		return page.Result[Product]{}, fmt.Errorf("list admin products: %w", err)
	}
	return page.NewResult(p, items, total), nil
}

// shopOrders maps a ShopFilter.Sort to ORDER BY; id breaks ties so pages
// never overlap.
var shopOrders = map[string]string{
	SortDefault:   "sort_order, id",
	SortPriceAsc:  "min_price, id",
	SortPriceDesc: "min_price DESC, id",
	SortSales:     "sales DESC, id",
	SortNewest:    "id DESC",
}

// ShopProducts lists on-shelf products as compact items. Errors: invalid.
func (s *Service) ShopProducts(ctx context.Context, f ShopFilter, p page.Request) (page.Result[ShopItem], error) {
	if err := normalizeShopFilter(&f); err != nil {
		return page.Result[ShopItem]{}, err
	}
	q := s.db.WithContext(ctx).Model(&Product{}).Where("status = ? AND deleted_at IS NULL", OnShelf)
	q = searchTitle(q, f.Q, true)
	if f.CategoryID != 0 {
		q = q.Where("category_id = ?", f.CategoryID)
	}
	if f.MinPrice > 0 {
		q = q.Where("min_price >= ?", f.MinPrice)
	}
	if f.MaxPrice > 0 {
		q = q.Where("min_price <= ?", f.MaxPrice)
	}
	var rows []Product
	total, err := paginate(q, p, shopOrders[f.Sort], "id, title, subtitle, images_json, min_price, sales", &rows)
	if err != nil {
		return page.Result[ShopItem]{}, fmt.Errorf("list shop products: %w", err)
	}
	items := make([]ShopItem, len(rows))
	for i, r := range rows {
		items[i] = ShopItem{ID: r.ID, Title: r.Title, Subtitle: r.Subtitle, Image: r.FirstImage(), MinPrice: r.MinPrice, Sales: r.Sales}
	}
	return page.NewResult(p, items, total), nil
}

// ShopProduct is the product page of an on-shelf product with its enabled
// SKUs. Errors: not_found (also for off-shelf and deleted products).
func (s *Service) ShopProduct(ctx context.Context, id int64) (*ShopProduct, error) {
	p, err := liveProduct(s.db.WithContext(ctx), id, true)
	if err != nil {
		return nil, err
	}
	if p.Status != OnShelf {
		return nil, apperr.NotFound("no such product")
	}
	out := &ShopProduct{ID: p.ID, CategoryID: p.CategoryID, Title: p.Title, Subtitle: p.Subtitle,
		Description: p.Description, Images: p.Images, MinPrice: p.MinPrice, Sales: p.Sales,
		Specs: specOptions(p.SKUs), SKUs: make([]ShopSKU, len(p.SKUs))}
	for i, k := range p.SKUs {
		out.SKUs[i] = ShopSKU{ID: k.ID, Spec: k.Spec, Price: k.Price, Stock: k.Stock, ImageURL: k.ImageURL}
	}
	return out, nil
}

// specOptions collects each spec name's values in SKU order, names sorted.
func specOptions(skus []SKU) []SpecOption {
	out := []SpecOption{}
	if len(skus) == 0 {
		return out
	}
	for _, name := range specNames(skus[0].Spec) {
		opt := SpecOption{Name: name}
		seen := map[string]bool{}
		for _, k := range skus {
			if v, ok := k.Spec[name]; ok && !seen[v] {
				seen[v] = true
				opt.Values = append(opt.Values, v)
			}
		}
		out = append(out, opt)
	}
	return out
}

// paginate counts q's rows and loads one page of columns in order. The
// session makes q reusable: Count must not leak into the Find.
func paginate[T any](q *gorm.DB, p page.Request, order, columns string, dst *[]T) (int64, error) {
	q = q.Session(&gorm.Session{})
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return 0, err
	}
	return total, q.Select(columns).Order(order).Offset(p.Offset()).Limit(p.Limit()).Find(dst).Error
}
