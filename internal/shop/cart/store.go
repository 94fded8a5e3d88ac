package cart

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

func errNoItem() *apperr.Error { return apperr.NotFound("no such cart item") }

func findItem(ctx context.Context, db *gorm.DB, shopperID int64, cond string, args ...any) (*Item, error) {
	q := db.WithContext(ctx).Where("shopper_id = ?", shopperID).Where(cond, args...)
	return database.Take[Item](q, errNoItem(), "load cart item")
}

func itemsOf(ctx context.Context, db *gorm.DB, shopperID int64) ([]Item, error) {
	var items []Item
	if err := db.WithContext(ctx).Where("shopper_id = ?", shopperID).Order("id").Find(&items).Error; err != nil {
		return nil, fmt.Errorf("load cart: %w", err)
	}
	return items, nil
}

func countItems(ctx context.Context, db *gorm.DB, shopperID int64) (int64, error) {
	var n int64
	if err := db.WithContext(ctx).Model(&Item{}).Where("shopper_id = ?", shopperID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count cart items: %w", err)
	}
	return n, nil
}
