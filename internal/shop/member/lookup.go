package member

import (
	"context"

	"gorm.io/gorm"
)

// This file is what other domains read of the shopper tables, in the
// caller's transaction or on their handle (referral's distributor cards,
// withdrawal's WeChat payout card): the tables stay this package's.

// Shopper reads shopper id whatever its status, on tx.
// Errors: not_found.
func (s *Service) Shopper(ctx context.Context, tx *gorm.DB, id int64) (*Shopper, error) {
	return findShopper(tx.WithContext(ctx), id)
}

// HasWeChat reports whether the shopper has a linked WeChat identity
// (under any app), on tx. The openid itself is never returned.
func (s *Service) HasWeChat(ctx context.Context, tx *gorm.DB, shopperID int64) (bool, error) {
	return hasWeChat(tx.WithContext(ctx), shopperID)
}
