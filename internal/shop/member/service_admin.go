package member

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/platform/session"
)

// AdminShopper is a shopper as admin screens show it: the phone is always
// masked (operators and super admins alike; nobody needs the full number to
// moderate an account) and the openid is never shown.
type AdminShopper struct {
	ID           int64      `json:"id"`
	Phone        string     `json:"phone"`
	Nickname     string     `json:"nickname"`
	AvatarURL    string     `json:"avatar_url"`
	Status       Status     `json:"status"`
	WeChatLinked bool       `json:"wechat_linked"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	DeletedAt    *time.Time `json:"deleted_at,omitempty"`
}

// AdminShopperDetail adds counts to AdminShopper.
type AdminShopperDetail struct {
	AdminShopper
	AddressCount int64 `json:"address_count"`
}

// AdminFilter narrows the shopper list. Phone matches any part of the
// number; nickname any part, case-insensitively.
type AdminFilter struct {
	Phone    string `form:"phone"`
	Nickname string `form:"nickname"`
	Status   Status `form:"status"`
}

// adminRow is one row of the admin query.
type adminRow struct {
	Shopper
	WeChatLinked bool `gorm:"column:wechat_linked"`
}

const adminSelect = "shoppers.*, EXISTS (SELECT 1 FROM wechat_identities w WHERE w.shopper_id = shoppers.id) AS wechat_linked"

func (r adminRow) view() AdminShopper {
	v := AdminShopper{ID: r.ID, Nickname: r.Nickname, AvatarURL: r.AvatarURL, Status: r.Status,
		WeChatLinked: r.WeChatLinked, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, DeletedAt: r.DeletedAt}
	if r.Phone != nil {
		v.Phone = MaskPhone(*r.Phone)
	}
	return v
}

// List returns shoppers newest first. Errors: invalid (phone, status).
func (s *Service) List(ctx context.Context, f AdminFilter, p page.Request) (page.Result[AdminShopper], error) {
	q := s.db.WithContext(ctx).Model(&Shopper{})
	if f.Phone = strings.TrimSpace(f.Phone); f.Phone != "" {
		if len(f.Phone) > 11 || strings.Trim(f.Phone, "0123456789") != "" {
			return page.Result[AdminShopper]{}, apperr.InvalidField("phone", "must be digits (part of a phone number)")
		}
		q = q.Where("phone LIKE ?", "%"+f.Phone+"%")
	}
	if f.Nickname = strings.TrimSpace(f.Nickname); f.Nickname != "" {
		q = q.Where(`LOWER(nickname) LIKE ? ESCAPE '\'`, database.ContainsPattern(f.Nickname))
	}
	switch f.Status {
	case "":
	case StatusActive, StatusBanned, StatusDeleted:
		q = q.Where("status = ?", f.Status)
	default:
		return page.Result[AdminShopper]{}, apperr.InvalidField("status", "must be active, banned or deleted")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[AdminShopper]{}, fmt.Errorf("count shoppers: %w", err)
	}
	var rows []adminRow
	if err := q.Select(adminSelect).Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&rows).Error; err != nil {
		return page.Result[AdminShopper]{}, fmt.Errorf("list shoppers: %w", err)
	}
	items := make([]AdminShopper, len(rows))
	for i, r := range rows {
		items[i] = r.view()
	}
	return page.NewResult(p, items, total), nil
}

// Detail returns one shopper for admins. Errors: not_found.
func (s *Service) Detail(ctx context.Context, id int64) (*AdminShopperDetail, error) {
	return detail(s.db.WithContext(ctx), id)
}

func detail(db *gorm.DB, id int64) (*AdminShopperDetail, error) {
	var row adminRow
	res := db.Model(&Shopper{}).Select(adminSelect).Where("id = ?", id).Limit(1).Find(&row)
	if err := database.Affected(res, apperr.NotFound("no such shopper"), "load shopper %d", id); err != nil {
		return nil, err
	}
	out := &AdminShopperDetail{AdminShopper: row.view()}
	if err := db.Model(&Address{}).Where("shopper_id = ? AND deleted_at IS NULL", id).Count(&out.AddressCount).Error; err != nil {
		return nil, fmt.Errorf("count addresses: %w", err)
	}
	return out, nil
}

// Ban suspends an active shopper: their sessions end at once and they
// cannot log in. Audited. Errors: invalid (reason), not_found, conflict (wrong_status).
func (s *Service) Ban(ctx context.Context, by audit.Actor, id int64, reason string) (*AdminShopperDetail, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apperr.InvalidField("reason", "is required: say why the account is suspended")
	}
	return s.moderate(ctx, by, id, "shopper.ban", []Status{StatusActive}, StatusBanned, reason)
}

// Unban lets a banned shopper log in again. Audited.
// Errors: not_found, conflict (wrong_status).
func (s *Service) Unban(ctx context.Context, by audit.Actor, id int64) (*AdminShopperDetail, error) {
	return s.moderate(ctx, by, id, "shopper.unban", []Status{StatusBanned}, StatusActive, "")
}

// Delete closes an account for good: the row stays (orders point at it)
// with status deleted, its phone and WeChat identity stay reserved so the
// account cannot be re-registered, and its sessions end. Audited.
// Errors: not_found, conflict (wrong_status).
func (s *Service) Delete(ctx context.Context, by audit.Actor, id int64) (*AdminShopperDetail, error) {
	return s.moderate(ctx, by, id, "shopper.delete", []Status{StatusActive, StatusBanned}, StatusDeleted, "")
}

// moderate moves a shopper from one of from to status to with a guarded
// update, revokes their sessions unless they become active, and records the
// change, all in one transaction.
func (s *Service) moderate(ctx context.Context, by audit.Actor, id int64, action string, from []Status, to Status, note string) (*AdminShopperDetail, error) {
	var out *AdminShopperDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := findShopper(tx, id)
		if err != nil {
			return err
		}
		now := s.now()
		set := map[string]any{"status": to, "updated_at": now}
		if to == StatusDeleted {
			set["deleted_at"] = now
		}
		res := tx.Model(&Shopper{}).Where("id = ? AND status IN ?", id, from).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("%s: %w", action, res.Error)
		}
		if res.RowsAffected == 0 {
			return apperr.Conflict("the account is %s, so this cannot be done", before.Status).WithReason("wrong_status")
		}
		if to != StatusActive {
			if err := session.RevokeSubject(ctx, tx, session.KindShop, id); err != nil {
				return fmt.Errorf("revoke sessions: %w", err)
			}
		}
		if err := audit.Record(ctx, tx, by, audit.Change{Action: action, TargetType: "shopper", TargetID: id,
			Before: map[string]any{"status": before.Status}, After: map[string]any{"status": to}, Note: note}); err != nil {
			return err
		}
		out, err = detail(tx, id)
		return err
	})
	return out, err
}
