package referral

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/member"
)

// Designate makes a shopper a distributor by admin decision (in any join
// mode), under the active distributor it is bound to; a pending application
// of the shopper is marked approved. Audited. Errors: not_found (shopper),
// conflict (shopper_inactive, already_distributor, distributor_removed).
func (s *Service) Designate(ctx context.Context, by audit.Actor, shopperID int64) (*AdminDetail, error) {
	var id int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		sh, err := s.shoppers.Shopper(ctx, tx, shopperID)
		if err != nil {
			return err
		}
		if sh.Status != member.StatusActive {
			return apperr.Conflict("the shopper account is %s", sh.Status).WithReason("shopper_inactive")
		}
		d, err := s.join(ctx, tx, shopperID)
		if err != nil {
			return err
		}
		id = d.ID
		now := s.now()
		if err := tx.Model(&Application{}).Where("shopper_id = ? AND status = ?", shopperID, AppPending).
			Updates(map[string]any{"status": AppApproved, "reviewed_by": by.ID, "reviewed_at": now, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("close pending application: %w", err)
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "distributor.designate", TargetType: "distributor", TargetID: d.ID,
			After: map[string]any{"shopper_id": shopperID, "parent_id": d.ParentID, "status": d.Status}})
	})
	if err != nil {
		return nil, err
	}
	return s.Detail(ctx, id)
}

// Freeze stops an active distributor from binding buyers and earning; its
// data, team and link stay. Audited. Errors: invalid (reason), not_found,
// conflict (wrong_status).
func (s *Service) Freeze(ctx context.Context, by audit.Actor, id int64, reason string) (*AdminDetail, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 200 {
		return nil, apperr.InvalidField("reason", "is required (at most 200 characters): say why")
	}
	return s.setStatus(ctx, by, id, "distributor.freeze", StatusActive, StatusFrozen, reason)
}

// Restore reactivates a frozen distributor. Audited. Errors: not_found,
// conflict (wrong_status).
func (s *Service) Restore(ctx context.Context, by audit.Actor, id int64, reason string) (*AdminDetail, error) {
	return s.setStatus(ctx, by, id, "distributor.restore", StatusFrozen, StatusActive, strings.TrimSpace(reason))
}

// Remove soft-deletes a distributor (status removed): it binds and earns
// nothing from then on, its history stays. Super admins only (the HTTP
// layer checks). Audited. Errors: not_found, conflict (wrong_status).
func (s *Service) Remove(ctx context.Context, by audit.Actor, id int64) (*AdminDetail, error) {
	return s.setStatus(ctx, by, id, "distributor.remove", "", StatusRemoved, "")
}

// setStatus moves a distributor from `from` ("" = any but to) to `to`.
func (s *Service) setStatus(ctx context.Context, by audit.Actor, id int64, action string, from, to Status, note string) (*AdminDetail, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := findDistributor(tx, id)
		if err != nil {
			return err
		}
		q := tx.Model(&Distributor{}).Where("id = ?", id)
		if from != "" {
			q = q.Where("status = ?", from)
		} else {
			q = q.Where("status <> ?", to)
		}
		res := q.Updates(map[string]any{"status": to, "updated_at": s.now()})
		if res.Error != nil {
			return fmt.Errorf("%s: %w", action, res.Error)
		}
		if res.RowsAffected == 0 {
			return apperr.Conflict("the distributor is %s, so this cannot be done", d.Status).WithReason("wrong_status")
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: action, TargetType: "distributor", TargetID: id,
			Before: map[string]any{"status": d.Status}, After: map[string]any{"status": to}, Note: note})
	})
	if err != nil {
		return nil, err
	}
	return s.Detail(ctx, id)
}

// Profile is what a distributor sees of its own account.
type Profile struct {
	Distributor
	Nickname   string  `json:"nickname"`
	AvatarURL  string  `json:"avatar_url"`
	Parent     *Public `json:"parent"`
	BuyerCount int64   `json:"buyer_count"`
	TeamCount  int64   `json:"team_count"`
}

// Me is the distributor account of a shopper. Errors: forbidden
// (not_a_distributor, also for removed distributors).
func (s *Service) Me(ctx context.Context, shopperID int64) (*Profile, error) {
	db := s.db.WithContext(ctx)
	d, err := s.Mine(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	sh, err := s.shoppers.Shopper(ctx, db, shopperID)
	if err != nil {
		return nil, err
	}
	out := &Profile{Distributor: *d, Nickname: sh.Nickname, AvatarURL: sh.AvatarURL}
	if d.ParentID != nil {
		if p, err := s.publicOf(ctx, db, *d.ParentID); err == nil {
			out.Parent = p
		}
	}
	if err := db.Model(&Binding{}).Where("distributor_id = ?", d.ID).Count(&out.BuyerCount).Error; err != nil {
		return nil, fmt.Errorf("count buyers: %w", err)
	}
	if err := db.Model(&Distributor{}).Where("parent_id = ?", d.ID).Count(&out.TeamCount).Error; err != nil {
		return nil, fmt.Errorf("count team: %w", err)
	}
	return out, nil
}

// Mine is the (not removed) distributor account of a shopper.
// Errors: forbidden (not_a_distributor).
func (s *Service) Mine(ctx context.Context, shopperID int64) (*Distributor, error) {
	d, err := distributorOfShopper(s.db.WithContext(ctx), shopperID)
	if err != nil {
		return nil, err
	}
	if d == nil || d.Status == StatusRemoved {
		return nil, apperr.Forbidden("only distributors can do this").WithReason("not_a_distributor")
	}
	return d, nil
}

func (s *Service) publicOf(ctx context.Context, db *gorm.DB, distributorID int64) (*Public, error) {
	d, err := findDistributor(db, distributorID)
	if err != nil {
		return nil, err
	}
	return s.publicCard(ctx, db, d)
}

func (s *Service) publicCard(ctx context.Context, db *gorm.DB, d *Distributor) (*Public, error) {
	sh, err := s.shoppers.Shopper(ctx, db, d.ShopperID)
	if err != nil {
		return nil, err
	}
	return &Public{Nickname: sh.Nickname, AvatarURL: sh.AvatarURL, ShopTitle: d.ShopTitle}, nil
}
