// Package cart keeps each shopper's cart.
package cart

import "gorm.io/gorm"

// Service manages carts.
type Service struct{ db *gorm.DB }

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }
