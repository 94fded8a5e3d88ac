package catalog

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// Categories lists live categories by sort_order, then id (the shop's order).
func (s *Service) Categories(ctx context.Context) ([]Category, error) {
	out := []Category{}
	err := s.db.WithContext(ctx).Where("deleted_at IS NULL").Order("sort_order, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	return out, nil
}

// AdminCategories lists live categories with their live product counts.
func (s *Service) AdminCategories(ctx context.Context) ([]AdminCategory, error) {
	cats, err := s.Categories(ctx)
	if err != nil {
		return nil, err
	}
	var counts []struct {
		CategoryID int64
		N          int64
	}
	err = s.db.WithContext(ctx).Model(&Product{}).Select("category_id, COUNT(*) AS n").
		Where("deleted_at IS NULL").Group("category_id").Scan(&counts).Error
	if err != nil {
		return nil, fmt.Errorf("count products per category: %w", err)
	}
	byID := map[int64]int64{}
	for _, c := range counts {
		byID[c.CategoryID] = c.N
	}
	out := make([]AdminCategory, len(cats))
	for i, c := range cats {
		out[i] = AdminCategory{Category: c, ProductCount: byID[c.ID]}
	}
	return out, nil
}

// CreateCategory adds a category. Errors: invalid, conflict
// (reason duplicate_name).
func (s *Service) CreateCategory(ctx context.Context, actor audit.Actor, in CategoryInput) (*Category, error) {
	if err := normalizeCategory(&in); err != nil {
		return nil, err
	}
	now := database.Now()
	c := Category{Name: in.Name, IconURL: in.IconURL, SortOrder: in.SortOrder, CreatedAt: now, UpdatedAt: now}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&c).Error; err != nil {
			return categoryWriteError(err)
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "category.create", TargetType: targetCategory, TargetID: c.ID, After: c})
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// UpdateCategory replaces a category's fields. Errors: invalid, not_found,
// conflict (reason duplicate_name).
func (s *Service) UpdateCategory(ctx context.Context, actor audit.Actor, id int64, in CategoryInput) (*Category, error) {
	if err := normalizeCategory(&in); err != nil {
		return nil, err
	}
	var after Category
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockCategory(tx, id); err != nil {
			return err
		}
		before, err := liveCategory(tx, id)
		if err != nil {
			return err
		}
		after = *before
		after.Name, after.IconURL, after.SortOrder, after.UpdatedAt = in.Name, in.IconURL, in.SortOrder, database.Now()
		err = tx.Model(&Category{}).Where("id = ?", id).Updates(map[string]any{
			"name": after.Name, "icon_url": after.IconURL, "sort_order": after.SortOrder, "updated_at": after.UpdatedAt}).Error
		if err != nil {
			return categoryWriteError(err)
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "category.update", TargetType: targetCategory, TargetID: id, Before: before, After: after})
	})
	if err != nil {
		return nil, err
	}
	return &after, nil
}

// DeleteCategory removes an empty category. Errors: not_found, conflict
// (reason category_in_use while live products are in it).
func (s *Service) DeleteCategory(ctx context.Context, actor audit.Actor, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := liveCategory(tx, id)
		if err != nil {
			return err
		}
		// Mark it deleted first: the row lock makes a concurrent product
		// insert wait, and then see no live category.
		res := tx.Model(&Category{}).Where("id = ? AND deleted_at IS NULL", id).Update("deleted_at", database.Now())
		if err := database.Affected(res, apperr.NotFound("no such category"), "delete category %d", id); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Product{}).Where("category_id = ? AND deleted_at IS NULL", id).Count(&n).Error; err != nil {
			return fmt.Errorf("count products of category %d: %w", id, err)
		}
		if n > 0 {
			return apperr.Conflict("this category still has %d products; move or delete them first", n).WithReason("category_in_use")
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "category.delete", TargetType: targetCategory, TargetID: id, Before: before})
	})
}

func categoryWriteError(err error) error {
	if database.IsUniqueViolation(err) {
		return apperr.Conflict("a category with this name already exists").WithReason("duplicate_name").
			WithField("name", "is already used by another category")
	}
	return fmt.Errorf("save category: %w", err)
}
