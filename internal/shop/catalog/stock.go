package catalog

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// This file is the catalogue's surface for the cart and checkout: a joined
// SKU+product lookup and guarded stock and sales updates that run on the
// caller's transaction, so an order and its stock change commit together.

// Why a SKU cannot be bought right now (SKUInfo.Unavailable).
const (
	UnavailableDeleted  = "deleted"
	UnavailableOffShelf = "off_shelf"
	UnavailableDisabled = "disabled"
)

// SKUInfo is a SKU with what the cart and checkout need from its product.
type SKUInfo struct {
	SKUID           int64          `gorm:"column:sku_id"`
	ProductID       int64          `gorm:"column:product_id"`
	Title           string         `gorm:"column:title"`
	SpecJSON        string         `gorm:"column:spec_json"`
	SKUImage        string         `gorm:"column:sku_image"`
	ImagesJSON      string         `gorm:"column:images_json"`
	Price           money.Fen      `gorm:"column:price"`
	Stock           int64          `gorm:"column:stock"`
	Enabled         bool           `gorm:"column:enabled"`
	Status          ProductStatus  `gorm:"column:status"`
	Deleted         bool           `gorm:"column:deleted"`
	CommissionMode  CommissionMode `gorm:"column:commission_mode"`
	CommissionTier1 int64          `gorm:"column:commission_tier1"`
	CommissionTier2 int64          `gorm:"column:commission_tier2"`
}

// Unavailable says why the SKU cannot be bought ("" when it can), ignoring
// stock: one of UnavailableDeleted, UnavailableOffShelf, UnavailableDisabled.
func (s SKUInfo) Unavailable() string {
	switch {
	case s.Deleted:
		return UnavailableDeleted
	case s.Status != OnShelf:
		return UnavailableOffShelf
	case !s.Enabled:
		return UnavailableDisabled
	}
	return ""
}

// SpecText renders spec_json ({"颜色":"红","尺码":"M"}) as Spec.Text does.
func (s SKUInfo) SpecText() string { return specText(s.SpecJSON) }

// ImageURL is the SKU's own image, else the product's first image.
func (s SKUInfo) ImageURL() string {
	if s.SKUImage != "" {
		return s.SKUImage
	}
	return firstImage(s.ImagesJSON)
}

// LookupSKUs loads the given SKUs with their products, keyed by SKU id.
// Unknown ids are simply absent. db may be a transaction.
func LookupSKUs(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]SKUInfo, error) {
	out := make(map[int64]SKUInfo, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []SKUInfo
	err := db.WithContext(ctx).Raw(`SELECT s.id AS sku_id, s.product_id, s.spec_json, s.image_url AS sku_image,
		s.price, s.stock, s.enabled, p.title, p.images_json, p.status,
		CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted,
		p.commission_mode, p.commission_tier1, p.commission_tier2
		FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id IN ?`, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("look up skus: %w", err)
	}
	for _, r := range rows {
		out[r.SKUID] = r
	}
	return out, nil
}

// TakeStock removes qty units of an enabled SKU with a guarded update and
// reports whether there was enough; stock never goes negative.
func TakeStock(ctx context.Context, tx *gorm.DB, skuID, qty int64) (bool, error) {
	// The product's shelf state is part of the guard: a product taken off the
	// shelf while this checkout runs must not sell (on PostgreSQL the earlier
	// read of the product is not locked).
	res := tx.WithContext(ctx).Exec(`UPDATE skus SET stock = stock - ?, updated_at = ?
		WHERE id = ? AND enabled = ? AND stock >= ?
		AND EXISTS (SELECT 1 FROM products p WHERE p.id = skus.product_id AND p.status = ? AND p.deleted_at IS NULL)`,
		qty, database.Now(), skuID, true, qty, OnShelf)
	if res.Error != nil {
		return false, fmt.Errorf("take stock of sku %d: %w", skuID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// ReturnStock puts qty units back (a cancelled or refunded order).
func ReturnStock(ctx context.Context, tx *gorm.DB, skuID, qty int64) error {
	err := tx.WithContext(ctx).Exec(`UPDATE skus SET stock = stock + ?, updated_at = ? WHERE id = ?`,
		qty, database.Now(), skuID).Error
	if err != nil {
		return fmt.Errorf("return stock of sku %d: %w", skuID, err)
	}
	return nil
}

// AddSales counts qty more units sold for a product (on payment).
//
// Lock order: step 7, the last, of the payment transaction (see package distribution).
func AddSales(ctx context.Context, tx *gorm.DB, productID, qty int64) error {
	err := tx.WithContext(ctx).Exec(`UPDATE products SET sales = sales + ? WHERE id = ?`, qty, productID).Error
	if err != nil {
		return fmt.Errorf("add sales of product %d: %w", productID, err)
	}
	return nil
}

// specText decodes spec_json and renders it the catalogue's one way
// (Spec.Text), so order lines read like the product page.
func specText(raw string) string {
	var spec Spec
	if json.Unmarshal([]byte(raw), &spec) != nil {
		return ""
	}
	return spec.Text()
}

// firstImage accepts ["url", ...] or [{"url": "..."}, ...].
func firstImage(raw string) string {
	var items []json.RawMessage
	if json.Unmarshal([]byte(raw), &items) != nil || len(items) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(items[0], &s) == nil {
		return s
	}
	var obj struct {
		URL string `json:"url"`
	}
	json.Unmarshal(items[0], &obj)
	return obj.URL
}
