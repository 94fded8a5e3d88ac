package catalog

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// AfterFind decodes images_json so every loaded product carries Images.
func (p *Product) AfterFind(*gorm.DB) error {
	p.Images = decodeImages(p.ImagesJSON)
	return nil
}

// AfterFind decodes spec_json so every loaded SKU carries Spec.
func (s *SKU) AfterFind(*gorm.DB) error {
	s.Spec = decodeSpec(s.SpecJSON)
	return nil
}

// decodeImages never fails: the column is only written by encodeImages.
func decodeImages(raw string) []string {
	out := []string{}
	if raw != "" {
		json.Unmarshal([]byte(raw), &out)
	}
	return out
}

func decodeSpec(raw string) Spec {
	out := Spec{}
	if raw != "" {
		json.Unmarshal([]byte(raw), &out)
	}
	return out
}

func encodeImages(images []string) string {
	if images == nil {
		images = []string{}
	}
	b, _ := json.Marshal(images)
	return string(b)
}

// lockCategory touches a live category's row. On PostgreSQL the no-op update
// takes the row lock, so a concurrent delete and a product insert into the
// same category are serialised. Errors: not_found.
func lockCategory(tx *gorm.DB, id int64) error {
	res := tx.Exec("UPDATE categories SET updated_at = updated_at WHERE id = ? AND deleted_at IS NULL", id)
	return database.Affected(res, apperr.NotFound("no such category"), "lock category %d", id)
}

// lockProduct touches a live product's row so concurrent edits of the same
// product run one after the other. Errors: not_found.
func lockProduct(tx *gorm.DB, id int64, now time.Time) error {
	res := tx.Exec("UPDATE products SET updated_at = ? WHERE id = ? AND deleted_at IS NULL", now, id)
	return database.Affected(res, apperr.NotFound("no such product"), "lock product %d", id)
}

func liveCategory(tx *gorm.DB, id int64) (*Category, error) {
	q := tx.Where("id = ? AND deleted_at IS NULL", id)
	return database.Take[Category](q, apperr.NotFound("no such category"), "load category %d", id)
}

// liveProduct loads a product that is not deleted, with all its SKUs (or
// only the enabled ones). Errors: not_found.
func liveProduct(tx *gorm.DB, id int64, enabledSKUsOnly bool) (*Product, error) {
	p, err := database.Take[Product](tx.Where("id = ? AND deleted_at IS NULL", id), apperr.NotFound("no such product"), "load product %d", id)
	if err != nil {
		return nil, err
	}
	q := tx.Where("product_id = ?", id)
	if enabledSKUsOnly {
		q = q.Where("enabled = ?", true)
	}
	if err := q.Order("id").Find(&p.SKUs).Error; err != nil {
		return nil, fmt.Errorf("load skus of product %d: %w", id, err)
	}
	return p, nil
}

func insertProduct(tx *gorm.DB, p *Product) error {
	if err := tx.Omit(clause.Associations).Create(p).Error; err != nil {
		return fmt.Errorf("insert product: %w", err)
	}
	return nil
}

func insertSKU(tx *gorm.DB, productID int64, in SKUInput, now time.Time) error {
	s := SKU{ProductID: productID, Code: in.Code, SpecJSON: specKey(in.Spec), Price: in.Price, Stock: in.Stock,
		ImageURL: in.ImageURL, Enabled: in.enabled(), CreatedAt: now, UpdatedAt: now}
	// Select("*") so a false Enabled is written instead of the column default.
	if err := tx.Select("*").Omit("id").Create(&s).Error; err != nil {
		return fmt.Errorf("insert sku: %w", err)
	}
	return nil
}

// updateSKU rewrites an existing SKU. Stock is guarded by StockSeen (see
// SKUInput); it reports false when the guard did not match.
func updateSKU(tx *gorm.DB, productID int64, in SKUInput, now time.Time) (bool, error) {
	set := map[string]any{"code": in.Code, "spec_json": specKey(in.Spec), "price": in.Price,
		"image_url": in.ImageURL, "enabled": in.enabled(), "updated_at": now}
	q := tx.Model(&SKU{}).Where("id = ? AND product_id = ?", in.ID, productID)
	switch {
	case in.StockSeen == nil:
		set["stock"] = in.Stock
	case *in.StockSeen != in.Stock:
		set["stock"] = in.Stock
		q = q.Where("stock = ?", *in.StockSeen)
	}
	res := q.Updates(set)
	if res.Error != nil {
		return false, fmt.Errorf("update sku %d: %w", in.ID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// disableOtherSKUs disables the product's SKUs not in keep. SKUs are never
// deleted: carts and order lines point at them.
func disableOtherSKUs(tx *gorm.DB, productID int64, keep []int64, now time.Time) error {
	q := tx.Model(&SKU{}).Where("product_id = ? AND enabled = ?", productID, true)
	if len(keep) > 0 {
		q = q.Where("id NOT IN ?", keep)
	}
	if err := q.Updates(map[string]any{"enabled": false, "updated_at": now}).Error; err != nil {
		return fmt.Errorf("disable skus of product %d: %w", productID, err)
	}
	return nil
}

// refreshMinPrice sets min_price to the lowest enabled SKU price (0 when no
// SKU is enabled).
func refreshMinPrice(tx *gorm.DB, productID int64) error {
	err := tx.Exec(`UPDATE products SET min_price = COALESCE(
		(SELECT MIN(price) FROM skus WHERE product_id = ? AND enabled = ?), 0) WHERE id = ?`,
		productID, true, productID).Error
	if err != nil {
		return fmt.Errorf("refresh min price of product %d: %w", productID, err)
	}
	return nil
}

func countEnabledSKUs(tx *gorm.DB, productID int64) (int64, error) {
	var n int64
	if err := tx.Model(&SKU{}).Where("product_id = ? AND enabled = ?", productID, true).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count skus of product %d: %w", productID, err)
	}
	return n, nil
}

// searchTitle narrows q to products whose title (or subtitle) contains term.
func searchTitle(q *gorm.DB, term string, withSubtitle bool) *gorm.DB {
	if term == "" {
		return q
	}
	pat := database.ContainsPattern(term)
	if withSubtitle {
		return q.Where(`(LOWER(title) LIKE ? ESCAPE '\' OR LOWER(subtitle) LIKE ? ESCAPE '\')`, pat, pat)
	}
	return q.Where(`LOWER(title) LIKE ? ESCAPE '\'`, pat)
}
