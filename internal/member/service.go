package member

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
)

// Service manages shoppers.
type Service struct {
	db *gorm.DB
}

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// ActiveShopper returns the shopper behind a session, refusing banned and
// deleted accounts. Errors: unauthenticated, forbidden.
func (s *Service) ActiveShopper(ctx context.Context, id int64) (*Shopper, error) {
	var sh Shopper
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&sh).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.Unauthenticated("this account no longer exists")
	}
	if err != nil {
		return nil, fmt.Errorf("load shopper %d: %w", id, err)
	}
	switch sh.Status {
	case StatusBanned:
		return nil, apperr.Forbidden("this account has been suspended").WithReason("account_banned")
	case StatusDeleted:
		return nil, apperr.Unauthenticated("this account has been deleted")
	}
	return &sh, nil
}

// AddressForOrder returns one of the shopper's live addresses, for an order
// snapshot. Errors: not_found (also for another shopper's address).
func (s *Service) AddressForOrder(ctx context.Context, shopperID, addressID int64) (*Address, error) {
	var a Address
	err := s.db.WithContext(ctx).Where("id = ? AND shopper_id = ? AND deleted_at IS NULL", addressID, shopperID).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFound("no such address").WithField("address_id", "no such address")
	}
	if err != nil {
		return nil, fmt.Errorf("load address %d: %w", addressID, err)
	}
	return &a, nil
}
