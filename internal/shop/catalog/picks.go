package catalog

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// This file is what the distribution domain reads of the catalogue for
// distributors' shops and share posters: the tables stay this package's.

// ShopItemsOf lists on-shelf products as compact items in catalogue order,
// at most limit of them: those of ids, or every one when ids is nil.
func (s *Service) ShopItemsOf(ctx context.Context, ids []int64, limit int) ([]ShopItem, error) {
	q := s.db.WithContext(ctx).Model(&Product{}).Where("status = ? AND deleted_at IS NULL", OnShelf)
	if ids != nil {
		q = q.Where("id IN ?", ids)
	}
	var rows []Product
	if err := q.Select("id, title, subtitle, images_json, min_price, sales").Order("sort_order, id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load shop products: %w", err)
	}
	items := make([]ShopItem, 0, len(rows))
	for _, r := range rows {
		items = append(items, ShopItem{ID: r.ID, Title: r.Title, Subtitle: r.Subtitle, Image: r.FirstImage(), MinPrice: r.MinPrice, Sales: r.Sales})
	}
	return items, nil
}

// LiveProductIDs returns those of ids that name a product not deleted (on
// the shelf or not), read on tx.
func (s *Service) LiveProductIDs(ctx context.Context, tx *gorm.DB, ids []int64) ([]int64, error) {
	var found []int64
	if err := tx.WithContext(ctx).Model(&Product{}).Where("id IN ? AND deleted_at IS NULL", ids).Pluck("id", &found).Error; err != nil {
		return nil, fmt.Errorf("check featured products: %w", err)
	}
	return found, nil
}

// OnShelfProduct reads product id if it is on the shelf and not deleted;
// false when it is not.
func (s *Service) OnShelfProduct(ctx context.Context, id int64) (*Product, bool, error) {
	var p Product
	res := s.db.WithContext(ctx).Where("id = ? AND status = ? AND deleted_at IS NULL", id, OnShelf).Limit(1).Find(&p)
	if res.Error != nil {
		return nil, false, fmt.Errorf("load poster product: %w", res.Error)
	}
	return &p, res.RowsAffected > 0, nil
}
