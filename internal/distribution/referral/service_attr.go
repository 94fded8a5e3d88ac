package referral

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/page"
	"fenxiao/internal/platform/settings"
)

// Attribution returns who earns on a purchase by shopperID, run in the
// caller's transaction: tier1 is the active distributor the buyer is bound
// to, tier2 that distributor's active parent. Never more than two tiers; a
// frozen or removed distributor yields nil for its tier and nobody moves up
// to take its place. A tier that is the buyer's own distributor account is
// nil too (no commission on one's own purchases through a cycle).
func (s *Service) Attribution(ctx context.Context, tx *gorm.DB, shopperID int64) (tier1, tier2 *DistributorRef, err error) {
	tx = tx.WithContext(ctx)
	b, err := findBinding(tx, shopperID)
	if err != nil || b == nil {
		return nil, nil, err
	}
	d, err := findDistributor(tx, b.DistributorID)
	if err != nil {
		return nil, nil, err
	}
	tier1 = earning(d, shopperID)
	if d.ParentID == nil {
		return tier1, nil, nil
	}
	p, err := findDistributor(tx, *d.ParentID)
	if err != nil {
		return nil, nil, err
	}
	return tier1, earning(p, shopperID), nil
}

func earning(d *Distributor, buyerID int64) *DistributorRef {
	if d.Status != StatusActive || d.ShopperID == buyerID {
		return nil
	}
	return &DistributorRef{ID: d.ID, ShopperID: d.ShopperID, LevelID: d.LevelID}
}

// MarkPurchase records that the buyers paid at at (for the re-bind
// window), in the caller's transaction. Buyers without a binding are
// left alone.
//
// Lock order: step 3 (see package distribution).
func (s *Service) MarkPurchase(ctx context.Context, tx *gorm.DB, shopperIDs []int64, at time.Time) error {
	at = at.UTC().Truncate(time.Microsecond)
	err := tx.WithContext(ctx).Model(&Binding{}).
		Where("shopper_id IN ? AND (last_purchase_at IS NULL OR last_purchase_at < ?)", shopperIDs, at).
		Updates(map[string]any{"last_purchase_at": at, "updated_at": s.now()}).Error
	if err != nil {
		return fmt.Errorf("mark purchase: %w", err)
	}
	return nil
}

// LockOnPaid locks the buyers' bindings when the lock_on_first_paid
// setting is on; call it in the transaction that marks their orders paid.
// A locked binding only changes through an admin re-bind.
//
// Lock order: step 3 (see package distribution).
func (s *Service) LockOnPaid(ctx context.Context, tx *gorm.DB, shopperIDs []int64) error {
	tx = tx.WithContext(ctx)
	var cfg BindingSettings
	if err := settings.Load(ctx, tx, BindingKey, &cfg); err != nil || !cfg.LockOnFirstPaid {
		return err
	}
	err := tx.Model(&Binding{}).Where("shopper_id IN ? AND locked = ?", shopperIDs, false).
		Updates(map[string]any{"locked": true, "updated_at": s.now()}).Error
	if err != nil {
		return fmt.Errorf("lock binding: %w", err)
	}
	return nil
}

// BindingOf returns a buyer's current binding, nil when unbound.
func (s *Service) BindingOf(ctx context.Context, shopperID int64) (*Binding, error) {
	return findBinding(s.db.WithContext(ctx), shopperID)
}

// ShopperHistory is a buyer's binding history, newest first, for admins.
// Errors: not_found (shopper).
func (s *Service) ShopperHistory(ctx context.Context, shopperID int64, p page.Request) (page.Result[HistoryEntry], error) {
	db := s.db.WithContext(ctx)
	if _, err := s.shoppers.Shopper(ctx, db, shopperID); err != nil {
		return page.Result[HistoryEntry]{}, err
	}
	q := db.Model(&HistoryEntry{}).Where("shopper_id = ?", shopperID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[HistoryEntry]{}, fmt.Errorf("count history: %w", err)
	}
	var items []HistoryEntry
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[HistoryEntry]{}, fmt.Errorf("list history: %w", err)
	}
	return page.NewResult(p, items, total), nil
}

// TeamHistoryItem is a binding change as the distributor involved sees
// it: the buyer's nickname masked, no phone, no other distributor, no
// admin note.
type TeamHistoryItem struct {
	Buyer     string    `json:"buyer"`
	Direction string    `json:"direction"` // "in": bound to you; "out": moved away from you
	Source    Source    `json:"source"`
	CreatedAt time.Time `json:"created_at"`
}

type teamHistoryRow struct {
	HistoryEntry
	Nickname string
}

// DistributorHistory lists binding changes to or from distributorID,
// newest first.
func (s *Service) DistributorHistory(ctx context.Context, distributorID int64, p page.Request) (page.Result[TeamHistoryItem], error) {
	q := s.db.WithContext(ctx).Table("binding_history h").Joins("JOIN shoppers ON shoppers.id = h.shopper_id").
		Where("h.new_distributor_id = ? OR h.previous_distributor_id = ?", distributorID, distributorID)
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return page.Result[TeamHistoryItem]{}, fmt.Errorf("count team history: %w", err)
	}
	var rows []teamHistoryRow
	if err := q.Select("h.*, shoppers.nickname").Order("h.id DESC").Offset(p.Offset()).Limit(p.Limit()).Scan(&rows).Error; err != nil {
		return page.Result[TeamHistoryItem]{}, fmt.Errorf("list team history: %w", err)
	}
	items := make([]TeamHistoryItem, len(rows))
	for i, r := range rows {
		dir := "out"
		if r.NewDistributorID != nil && *r.NewDistributorID == distributorID {
			dir = "in"
		}
		items[i] = TeamHistoryItem{Buyer: MaskName(r.Nickname), Direction: dir, Source: r.Source, CreatedAt: r.CreatedAt}
	}
	return page.NewResult(p, items, total), nil
}

// MaskName keeps the first character of a nickname: "小明同学" -> "小***".
func MaskName(name string) string {
	r := []rune(name)
	if len(r) == 0 {
		return "***"
	}
	return string(r[0]) + "***"
}
