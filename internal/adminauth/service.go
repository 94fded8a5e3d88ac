package adminauth

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
)

// Service manages admin accounts.
type Service struct {
	db *gorm.DB
}

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// ActiveAdmin returns the admin behind a session, refusing disabled accounts.
// Errors: unauthenticated.
func (s *Service) ActiveAdmin(ctx context.Context, id int64) (*Admin, error) {
	var a Admin
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.Unauthenticated("this admin account no longer exists")
	}
	if err != nil {
		return nil, fmt.Errorf("load admin %d: %w", id, err)
	}
	if a.Disabled {
		return nil, apperr.Unauthenticated("this admin account is disabled")
	}
	return &a, nil
}
