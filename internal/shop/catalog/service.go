// Package catalog manages categories, products and SKUs: the admin's
// catalogue editing (every change audited in its own transaction) and the
// shop's read side (only on-shelf, live products).
//
// Tables: categories, products, skus.
package catalog

import "gorm.io/gorm"

// Service manages the catalogue.
type Service struct{ db *gorm.DB }

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Audit target types written by this package.
const (
	targetCategory = "category"
	targetProduct  = "product"
)
