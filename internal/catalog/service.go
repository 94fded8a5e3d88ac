// Package catalog manages categories, products and SKUs.
package catalog

import "gorm.io/gorm"

// Service manages the catalogue.
type Service struct{ db *gorm.DB }

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }
