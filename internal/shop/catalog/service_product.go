package catalog

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

var errNoEnabledSKU = apperr.Conflict("a product needs at least one enabled SKU to go on shelf").WithReason("no_enabled_sku")

// CreateProduct adds a product and its SKUs in one transaction.
// Errors: invalid (with fields; also for an unknown category), conflict
// (reason no_enabled_sku when asked to go on shelf without an enabled SKU).
func (s *Service) CreateProduct(ctx context.Context, actor audit.Actor, in ProductInput) (*Product, error) {
	if err := normalizeProduct(&in); err != nil {
		return nil, err
	}
	p := problems{}
	for i, sku := range in.SKUs {
		if sku.ID != 0 {
			p.add(fmt.Sprintf("skus[%d].id", i), "must be empty for a new product")
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var out *Product
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := requireCategory(tx, in.CategoryID); err != nil {
			return err
		}
		now := database.Now()
		prod := Product{CreatedAt: now, UpdatedAt: now, Status: OffShelf}
		applyFields(&prod, in)
		if in.Status == OnShelf && !anyEnabled(in.SKUs) {
			return errNoEnabledSKU
		}
		if err := insertProduct(tx, &prod); err != nil {
			return err
		}
		for _, sku := range in.SKUs {
			if err := insertSKU(tx, prod.ID, sku, now); err != nil {
				return err
			}
		}
		if err := refreshMinPrice(tx, prod.ID); err != nil {
			return err
		}
		var err error
		if out, err = liveProduct(tx, prod.ID, false); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "product.create", TargetType: targetProduct, TargetID: prod.ID, After: out})
	})
	return out, err
}

// UpdateProduct replaces a product's fields and SKU set: SKUs with an id are
// updated, new ones created, and the product's SKUs left out are disabled
// (never deleted). Errors: invalid, not_found, conflict (reasons
// no_enabled_sku, stock_changed).
func (s *Service) UpdateProduct(ctx context.Context, actor audit.Actor, id int64, in ProductInput) (*Product, error) {
	if err := normalizeProduct(&in); err != nil {
		return nil, err
	}
	var out *Product
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := database.Now()
		if err := lockProduct(tx, id, now); err != nil {
			return err
		}
		before, err := liveProduct(tx, id, false)
		if err != nil {
			return err
		}
		if err := requireCategory(tx, in.CategoryID); err != nil {
			return err
		}
		if err := checkOwnSKUs(before, in.SKUs); err != nil {
			return err
		}
		if err := replaceSKUs(tx, id, in.SKUs, now); err != nil {
			return err
		}
		prod := *before
		applyFields(&prod, in)
		err = tx.Model(&Product{}).Where("id = ?", id).Updates(map[string]any{
			"category_id": prod.CategoryID, "title": prod.Title, "subtitle": prod.Subtitle,
			"description": prod.Description, "images_json": prod.ImagesJSON, "status": prod.Status,
			"sort_order": prod.SortOrder, "commission_mode": prod.CommissionMode,
			"commission_tier1": prod.CommissionTier1, "commission_tier2": prod.CommissionTier2, "updated_at": now}).Error
		if err != nil {
			return fmt.Errorf("update product %d: %w", id, err)
		}
		if out, err = finishProductChange(tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "product.update", TargetType: targetProduct, TargetID: id, Before: before, After: out})
	})
	return out, err
}

// SetShelf puts a product on or off the shelf. Errors: invalid, not_found,
// conflict (reason no_enabled_sku).
func (s *Service) SetShelf(ctx context.Context, actor audit.Actor, id int64, status ProductStatus) (*Product, error) {
	if status != OnShelf && status != OffShelf {
		return nil, apperr.InvalidField("status", "must be one of: on_shelf, off_shelf")
	}
	var out *Product
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := database.Now()
		if err := lockProduct(tx, id, now); err != nil {
			return err
		}
		var before []ProductStatus
		if err := tx.Model(&Product{}).Where("id = ?", id).Pluck("status", &before).Error; err != nil {
			return fmt.Errorf("load status of product %d: %w", id, err)
		}
		if err := tx.Model(&Product{}).Where("id = ?", id).Update("status", status).Error; err != nil {
			return fmt.Errorf("shelve product %d: %w", id, err)
		}
		var err error
		if out, err = finishProductChange(tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "product.shelf", TargetType: targetProduct, TargetID: id,
			Before: map[string]any{"status": before[0]}, After: map[string]any{"status": status}})
	})
	return out, err
}

// DeleteProduct soft-deletes a product and takes it off the shelf; order
// lines keep referring to it. Errors: not_found.
func (s *Service) DeleteProduct(ctx context.Context, actor audit.Actor, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := liveProduct(tx, id, false)
		if err != nil {
			return err
		}
		now := database.Now()
		res := tx.Model(&Product{}).Where("id = ? AND deleted_at IS NULL", id).
			Updates(map[string]any{"deleted_at": now, "status": OffShelf, "updated_at": now})
		if err := database.Affected(res, apperr.NotFound("no such product"), "delete product %d", id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "product.delete", TargetType: targetProduct, TargetID: id, Before: before})
	})
}

// AdminProduct returns a live product with all its SKUs, disabled ones too.
// Errors: not_found.
func (s *Service) AdminProduct(ctx context.Context, id int64) (*Product, error) {
	return liveProduct(s.db.WithContext(ctx), id, false)
}

func applyFields(p *Product, in ProductInput) {
	p.CategoryID, p.Title, p.Subtitle, p.Description = in.CategoryID, in.Title, in.Subtitle, in.Description
	p.Images = append([]string{}, in.Images...)
	p.ImagesJSON = encodeImages(p.Images)
	p.SortOrder = in.SortOrder
	p.CommissionMode, p.CommissionTier1, p.CommissionTier2 = in.CommissionMode, in.CommissionTier1, in.CommissionTier2
	if in.Status != "" {
		p.Status = in.Status
	}
}

func anyEnabled(skus []SKUInput) bool {
	for _, s := range skus {
		if s.enabled() {
			return true
		}
	}
	return false
}

// requireCategory turns a missing category into a field error: on a product
// form it is a bad input, not a missing page.
func requireCategory(tx *gorm.DB, id int64) error {
	err := lockCategory(tx, id)
	if apperr.Is(err, apperr.CodeNotFound) {
		return apperr.InvalidField("category_id", "no such category")
	}
	return err
}

// checkOwnSKUs refuses SKU ids that are not this product's.
func checkOwnSKUs(p *Product, skus []SKUInput) error {
	own := map[int64]bool{}
	for _, s := range p.SKUs {
		own[s.ID] = true
	}
	bad := problems{}
	for i, s := range skus {
		if s.ID != 0 && !own[s.ID] {
			bad.add(fmt.Sprintf("skus[%d].id", i), "is not a SKU of this product")
		}
	}
	return bad.err()
}

func replaceSKUs(tx *gorm.DB, productID int64, skus []SKUInput, now time.Time) error {
	var keep []int64
	for i, s := range skus {
		if s.ID == 0 {
			continue
		}
		ok, err := updateSKU(tx, productID, s, now)
		if err != nil {
			return err
		}
		if !ok {
			field := fmt.Sprintf("skus[%d].stock", i)
			return apperr.Conflict("the stock of %s changed while you edited it (orders came in); reload and try again", field).
				WithReason("stock_changed").WithField(field, "changed since you loaded it")
		}
		keep = append(keep, s.ID)
	}
	if err := disableOtherSKUs(tx, productID, keep, now); err != nil {
		return err
	}
	for _, s := range skus {
		if s.ID == 0 {
			if err := insertSKU(tx, productID, s, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// finishProductChange refreshes min_price, enforces the shelf rule and
// returns the product as now stored.
func finishProductChange(tx *gorm.DB, id int64) (*Product, error) {
	if err := refreshMinPrice(tx, id); err != nil {
		return nil, err
	}
	p, err := liveProduct(tx, id, false)
	if err != nil {
		return nil, err
	}
	if p.Status == OnShelf {
		n, err := countEnabledSKUs(tx, id)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, errNoEnabledSKU
		}
	}
	return p, nil
}
