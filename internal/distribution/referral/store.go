package referral

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// Store functions take the *gorm.DB or tx they run on.

func findDistributor(db *gorm.DB, id int64) (*Distributor, error) {
	var d Distributor
	err := db.Where("id = ?", id).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFound("no such distributor")
	}
	if err != nil {
		return nil, fmt.Errorf("load distributor %d: %w", id, err)
	}
	return &d, nil
}

// distributorOfShopper returns nil, nil when the shopper never was one.
func distributorOfShopper(db *gorm.DB, shopperID int64) (*Distributor, error) {
	var d Distributor
	err := db.Where("shopper_id = ?", shopperID).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load distributor of shopper %d: %w", shopperID, err)
	}
	return &d, nil
}

// distributorByCode resolves an invite code whatever the distributor's
// status. Errors: not_found (unknown_invite_code).
func distributorByCode(db *gorm.DB, code string) (*Distributor, error) {
	code = NormalizeCode(code)
	var d Distributor
	err := db.Where("invite_code = ?", code).Take(&d).Error
	if code == "" || len(code) > 16 || errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFound("no distributor has this invite code").WithReason("unknown_invite_code")
	}
	if err != nil {
		return nil, fmt.Errorf("resolve invite code: %w", err)
	}
	return &d, nil
}

// findBinding returns nil, nil for a buyer bound to nobody.
func findBinding(db *gorm.DB, shopperID int64) (*Binding, error) {
	var b Binding
	err := db.Where("shopper_id = ?", shopperID).Take(&b).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load binding of %d: %w", shopperID, err)
	}
	return &b, nil
}

func addHistory(tx *gorm.DB, h *HistoryEntry) error {
	if err := tx.Create(h).Error; err != nil {
		return fmt.Errorf("record binding history: %w", err)
	}
	return nil
}

// createDistributor makes shopperID a distributor under parentID (nil for
// none). Errors: conflict (already_distributor).
func createDistributor(tx *gorm.DB, shopperID int64, parentID *int64, now time.Time) (*Distributor, error) {
	if d, err := distributorOfShopper(tx, shopperID); err != nil {
		return nil, err
	} else if d != nil {
		return nil, alreadyDistributor(d)
	}
	code, err := newInviteCode(tx)
	if err != nil {
		return nil, err
	}
	d := &Distributor{ShopperID: shopperID, InviteCode: code, ParentID: parentID, Status: StatusActive,
		FeaturedJSON: "[]", JoinedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(d).Error; err != nil {
		if database.IsUniqueViolation(err) {
			return nil, apperr.Conflict("this shopper is already a distributor").WithReason("already_distributor")
		}
		return nil, fmt.Errorf("create distributor: %w", err)
	}
	return d, nil
}

func alreadyDistributor(d *Distributor) error {
	if d.Status == StatusRemoved {
		return apperr.Conflict("this shopper was removed as a distributor").WithReason("distributor_removed")
	}
	return apperr.Conflict("this shopper is already a distributor").WithReason("already_distributor")
}

// parentFromBinding is the distributor a new distributor's buyer binding
// points at, if it is active and not the shopper itself.
func parentFromBinding(tx *gorm.DB, shopperID int64) (*int64, error) {
	b, err := findBinding(tx, shopperID)
	if err != nil || b == nil {
		return nil, err
	}
	p, err := findDistributor(tx, b.DistributorID)
	if err != nil {
		return nil, err
	}
	if p.Status != StatusActive || p.ShopperID == shopperID {
		return nil, nil
	}
	return &p.ID, nil
}
