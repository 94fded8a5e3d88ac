package member

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// Every address query is scoped by shopper_id: another shopper's address
// is simply "not found", never "forbidden", so ids leak nothing.

// Addresses lists the shopper's live addresses, default first, then newest.
func (s *Service) Addresses(ctx context.Context, shopperID int64) ([]Address, error) {
	var out []Address
	err := s.db.WithContext(ctx).Where("shopper_id = ? AND deleted_at IS NULL", shopperID).
		Order("is_default DESC, created_at DESC, id DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list addresses: %w", err)
	}
	return out, nil
}

// Address returns one of the shopper's live addresses. Errors: not_found.
func (s *Service) Address(ctx context.Context, shopperID, id int64) (*Address, error) {
	return findAddress(s.db.WithContext(ctx), shopperID, id)
}

func findAddress(db *gorm.DB, shopperID, id int64) (*Address, error) {
	q := db.Where("id = ? AND shopper_id = ? AND deleted_at IS NULL", id, shopperID)
	return database.Take[Address](q, apperr.NotFound("no such address"), "load address %d", id)
}

// CreateAddress adds an address; the first one becomes the default.
// Errors: invalid (fields), conflict (too_many_addresses).
func (s *Service) CreateAddress(ctx context.Context, shopperID int64, in AddressInput) (*Address, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var out *Address
	err := s.shopperTx(ctx, shopperID, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Address{}).Where("shopper_id = ? AND deleted_at IS NULL", shopperID).Count(&n).Error; err != nil {
			return fmt.Errorf("count addresses: %w", err)
		}
		if n >= MaxAddresses {
			return apperr.Conflict("you can keep at most %d addresses; delete one first", MaxAddresses).WithReason("too_many_addresses")
		}
		now := s.now()
		a := &Address{ShopperID: shopperID, CreatedAt: now, UpdatedAt: now}
		in.applyTo(a)
		a.IsDefault = false
		if err := tx.Create(a).Error; err != nil {
			return fmt.Errorf("create address: %w", err)
		}
		if n == 0 || in.IsDefault {
			if err := s.makeDefault(tx, shopperID, a.ID); err != nil {
				return err
			}
			a.IsDefault = true
		}
		out = a
		return nil
	})
	return out, err
}

func (in AddressInput) applyTo(a *Address) {
	a.Name, a.Phone, a.Province, a.City = in.Name, in.Phone, in.Province, in.City
	a.District, a.Detail, a.PostalCode = in.District, in.Detail, in.PostalCode
}

// UpdateAddress replaces an address's fields; is_default true also makes it
// the default. Errors: invalid (fields), not_found.
func (s *Service) UpdateAddress(ctx context.Context, shopperID, id int64, in AddressInput) (*Address, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var out *Address
	err := s.shopperTx(ctx, shopperID, func(tx *gorm.DB) error {
		a, err := findAddress(tx, shopperID, id)
		if err != nil {
			return err
		}
		in.applyTo(a)
		a.UpdatedAt = s.now()
		if err := tx.Model(a).Select("name", "phone", "province", "city", "district", "detail", "postal_code", "updated_at").Updates(a).Error; err != nil {
			return fmt.Errorf("update address: %w", err)
		}
		if in.IsDefault && !a.IsDefault {
			if err := s.makeDefault(tx, shopperID, id); err != nil {
				return err
			}
			a.IsDefault = true
		}
		out = a
		return nil
	})
	return out, err
}

// SetDefaultAddress makes the address the shopper's only default.
// Errors: not_found.
func (s *Service) SetDefaultAddress(ctx context.Context, shopperID, id int64) (*Address, error) {
	var out *Address
	err := s.shopperTx(ctx, shopperID, func(tx *gorm.DB) error {
		if _, err := findAddress(tx, shopperID, id); err != nil {
			return err
		}
		if err := s.makeDefault(tx, shopperID, id); err != nil {
			return err
		}
		var err error
		out, err = findAddress(tx, shopperID, id)
		return err
	})
	return out, err
}

// DeleteAddress soft-deletes an address; when it was the default, the most
// recent remaining address becomes the default. Errors: not_found.
func (s *Service) DeleteAddress(ctx context.Context, shopperID, id int64) error {
	return s.shopperTx(ctx, shopperID, func(tx *gorm.DB) error {
		a, err := findAddress(tx, shopperID, id)
		if err != nil {
			return err
		}
		wasDefault, now := a.IsDefault, s.now()
		if err := tx.Model(&Address{}).Where("id = ?", a.ID).Updates(map[string]any{"deleted_at": now, "is_default": false, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("delete address: %w", err)
		}
		if !wasDefault {
			return nil
		}
		next, err := database.TakeOrNil[Address](tx.Where("shopper_id = ? AND deleted_at IS NULL", shopperID).
			Order("created_at DESC, id DESC"), "find next default address")
		if next == nil {
			return err
		}
		return s.makeDefault(tx, shopperID, next.ID)
	})
}

// makeDefault clears the old default before setting the new one: a partial
// unique index allows at most one live default per shopper.
func (s *Service) makeDefault(tx *gorm.DB, shopperID, id int64) error {
	now := s.now()
	if err := tx.Model(&Address{}).Where("shopper_id = ? AND is_default = ? AND id <> ?", shopperID, true, id).
		Updates(map[string]any{"is_default": false, "updated_at": now}).Error; err != nil {
		return fmt.Errorf("clear default address: %w", err)
	}
	if err := tx.Model(&Address{}).Where("id = ? AND shopper_id = ?", id, shopperID).
		Updates(map[string]any{"is_default": true, "updated_at": now}).Error; err != nil {
		return fmt.Errorf("set default address: %w", err)
	}
	return nil
}
