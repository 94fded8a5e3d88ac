// Package order places orders and moves them through their lifecycle.
package order

import "gorm.io/gorm"

// Service manages orders.
type Service struct{ db *gorm.DB }

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }
