package referral

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
)

// Bind applies a shopper's visit through a distributor's invite code under
// the binding settings. A refusal by the rules is not an error: the result
// says why (see BindResult). Errors: invalid (source), not_found
// (unknown_invite_code).
func (s *Service) Bind(ctx context.Context, shopperID int64, code string, source Source) (BindResult, error) {
	if !ValidSource(source) {
		return BindResult{}, apperr.InvalidField("source", "must be link, product_link, qr or code")
	}
	var out BindResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := distributorByCode(tx, code)
		if err != nil {
			return err
		}
		cfg, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		out, err = s.bindTx(ctx, tx, cfg.Binding, shopperID, d, source)
		return err
	})
	return out, err
}

func (s *Service) bindTx(ctx context.Context, tx *gorm.DB, cfg BindingSettings, shopperID int64, d *Distributor, source Source) (BindResult, error) {
	if d.Status != StatusActive {
		return BindResult{Reason: "distributor_inactive"}, nil
	}
	if d.ShopperID == shopperID {
		return BindResult{Reason: "self"}, nil
	}
	if cyc, err := createsCycle(tx, shopperID, d); err != nil || cyc {
		return BindResult{Reason: "cycle"}, err
	}
	now := s.now()
	cur, err := findBinding(tx, shopperID)
	if err != nil {
		return BindResult{}, err
	}
	if cur == nil {
		b := Binding{ShopperID: shopperID, DistributorID: d.ID, Source: source, BoundAt: now, UpdatedAt: now}
		// DO NOTHING, not a caught unique violation: on PostgreSQL a failed
		// insert would abort the whole transaction.
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&b)
		if res.Error != nil {
			return BindResult{}, fmt.Errorf("create binding: %w", res.Error)
		}
		if res.RowsAffected == 0 { // a concurrent visit bound the buyer first
			return BindResult{Reason: "already_bound"}, nil
		}
		if err := addHistory(tx, &HistoryEntry{ShopperID: shopperID, NewDistributorID: &d.ID, Source: source,
			Reason: "first binding", CreatedAt: now}); err != nil {
			return BindResult{}, err
		}
		return BindResult{Bound: true, Reason: "bound"}, s.newCustomer(ctx, tx, d, shopperID, now)
	}
	if reason := rebindRefusal(cfg, cur, d, now); reason != "" {
		return BindResult{Reason: reason}, nil
	}
	ok, err := moveBinding(tx, cur, d.ID, source, now)
	if err != nil || !ok {
		return BindResult{Reason: "already_bound"}, err
	}
	if err := addHistory(tx, &HistoryEntry{ShopperID: shopperID, PreviousDistributorID: &cur.DistributorID,
		NewDistributorID: &d.ID, Source: source, Reason: string(cfg.Mode), CreatedAt: now}); err != nil {
		return BindResult{}, err
	}
	return BindResult{Bound: true, Reason: "rebound"}, s.newCustomer(ctx, tx, d, shopperID, now)
}

// rebindRefusal says why an existing binding may not move to d ("" if it may).
func rebindRefusal(cfg BindingSettings, cur *Binding, d *Distributor, now time.Time) string {
	switch {
	case cur.DistributorID == d.ID:
		return "already_bound"
	case cur.Locked:
		return "locked"
	case cfg.Mode == BindLastTouch:
		return ""
	case cfg.Mode == BindAfterDays:
		since := cur.BoundAt
		if cur.LastPurchaseAt != nil && cur.LastPurchaseAt.After(since) {
			since = *cur.LastPurchaseAt
		}
		if now.Before(since.AddDate(0, 0, cfg.Days)) {
			return "rebind_too_soon"
		}
		return ""
	default:
		return "already_bound"
	}
}

// moveBinding points an unlocked binding at distributorID, guarded on the
// distributor it was read with so concurrent visits cannot both win.
func moveBinding(tx *gorm.DB, cur *Binding, distributorID int64, source Source, now time.Time) (bool, error) {
	res := tx.Model(&Binding{}).Where("shopper_id = ? AND distributor_id = ? AND locked = ?", cur.ShopperID, cur.DistributorID, false).
		Updates(map[string]any{"distributor_id": distributorID, "source": source, "bound_at": now, "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("move binding: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// createsCycle reports whether binding shopperID to d would put the
// shopper's own distributor account in d's parent chain. Only two levels
// matter for money, but the whole chain is checked.
func createsCycle(tx *gorm.DB, shopperID int64, d *Distributor) (bool, error) {
	self, err := distributorOfShopper(tx, shopperID)
	if err != nil || self == nil {
		return false, err
	}
	seen := map[int64]bool{}
	for cur := d; cur != nil && !seen[cur.ID]; {
		if cur.ID == self.ID {
			return true, nil
		}
		seen[cur.ID] = true
		if cur.ParentID == nil {
			return false, nil
		}
		if cur, err = findDistributor(tx, *cur.ParentID); err != nil {
			return false, err
		}
	}
	return false, nil
}

// AdminRebind binds a buyer to another distributor regardless of mode and
// lock (the lock stays as it was). Audited, with a history row naming the
// admin. Errors: not_found (shopper, distributor), invalid (self, cycle),
// conflict (distributor_inactive, already_bound).
func (s *Service) AdminRebind(ctx context.Context, by audit.Actor, shopperID, distributorID int64, note string) (*Binding, error) {
	note = strings.TrimSpace(note)
	var out *Binding
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := s.shoppers.Shopper(ctx, tx, shopperID); err != nil {
			return err
		}
		d, err := findDistributor(tx, distributorID)
		if err != nil {
			return err
		}
		if err := checkAdminTarget(tx, shopperID, d); err != nil {
			return err
		}
		cur, err := findBinding(tx, shopperID)
		if err != nil {
			return err
		}
		now := s.now()
		h := HistoryEntry{ShopperID: shopperID, NewDistributorID: &d.ID, Source: SourceAdmin, Reason: note, ActorID: &by.ID, CreatedAt: now}
		if cur == nil {
			b := Binding{ShopperID: shopperID, DistributorID: d.ID, Source: SourceAdmin, BoundAt: now, UpdatedAt: now}
			if err := tx.Create(&b).Error; err != nil {
				return fmt.Errorf("create binding: %w", err)
			}
		} else {
			if cur.DistributorID == d.ID {
				return apperr.Conflict("the shopper is already bound to this distributor").WithReason("already_bound")
			}
			h.PreviousDistributorID = &cur.DistributorID
			res := tx.Model(&Binding{}).Where("shopper_id = ? AND distributor_id = ?", shopperID, cur.DistributorID).
				Updates(map[string]any{"distributor_id": d.ID, "source": SourceAdmin, "bound_at": now, "updated_at": now})
			if res.Error != nil {
				return fmt.Errorf("rebind: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return apperr.Conflict("the binding changed meanwhile; try again").WithReason("binding_changed")
			}
		}
		if err := addHistory(tx, &h); err != nil {
			return err
		}
		if err := s.newCustomer(ctx, tx, d, shopperID, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, by, audit.Change{Action: "binding.rebind", TargetType: "shopper", TargetID: shopperID,
			Before: map[string]any{"distributor_id": h.PreviousDistributorID}, After: map[string]any{"distributor_id": d.ID}, Note: note}); err != nil {
			return err
		}
		out, err = findBinding(tx, shopperID)
		return err
	})
	return out, err
}

func checkAdminTarget(tx *gorm.DB, shopperID int64, d *Distributor) error {
	if d.Status != StatusActive {
		return apperr.Conflict("the distributor is %s and cannot take buyers", d.Status).WithReason("distributor_inactive")
	}
	if d.ShopperID == shopperID {
		return apperr.InvalidField("distributor_id", "a shopper cannot be bound to itself").WithReason("self_binding")
	}
	cyc, err := createsCycle(tx, shopperID, d)
	if err != nil {
		return err
	}
	if cyc {
		return apperr.InvalidField("distributor_id", "this binding would make a distributor its own ancestor").WithReason("cycle")
	}
	return nil
}
