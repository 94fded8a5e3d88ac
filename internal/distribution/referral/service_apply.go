package referral

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

// ApplicationStatus is where an application stands.
type ApplicationStatus string

const (
	AppPending  ApplicationStatus = "pending"
	AppApproved ApplicationStatus = "approved"
	AppRejected ApplicationStatus = "rejected"
)

// Application is a shopper's request to become a distributor. Joining is
// free: no purchase or payment is ever asked for.
type Application struct {
	ID           int64             `json:"id"`
	ShopperID    int64             `json:"shopper_id"`
	Name         string            `json:"name"`
	Phone        string            `json:"phone"`
	Note         string            `json:"note"`
	Status       ApplicationStatus `json:"status"`
	RejectReason string            `json:"reject_reason"`
	ReviewedBy   *int64            `json:"-"`
	ReviewedAt   *time.Time        `json:"reviewed_at"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

// TableName binds Application to its table.
func (Application) TableName() string { return "distributor_applications" }

// ApplyInput is what a shopper sends to apply.
type ApplyInput struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Note  string `json:"note"`
}

func (in *ApplyInput) normalize() error {
	in.Name, in.Phone, in.Note = strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone), strings.TrimSpace(in.Note)
	fields := map[string]string{}
	if n := utf8.RuneCountInString(in.Name); n == 0 || n > 32 {
		fields["name"] = "is required, at most 32 characters"
	}
	if !member.ValidMobile(in.Phone) {
		fields["phone"] = "must be a mainland China mobile number (11 digits starting with 13-19)"
	}
	if utf8.RuneCountInString(in.Note) > 200 {
		fields["note"] = "must be at most 200 characters"
	}
	if len(fields) > 0 {
		e := apperr.Invalid("some fields are not valid")
		e.Fields = fields
		return e
	}
	return nil
}

// ApplyResult is the application and, when it was approved at once (auto
// mode), the new distributor.
type ApplyResult struct {
	Application *Application `json:"application"`
	Distributor *Distributor `json:"distributor,omitempty"`
}

// Apply files an application. In auto mode the shopper becomes a
// distributor at once; in review mode the application waits for an admin.
// Errors: invalid (fields), forbidden (designated_only), conflict
// (already_distributor, distributor_removed, application_pending).
func (s *Service) Apply(ctx context.Context, shopperID int64, in ApplyInput) (*ApplyResult, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var out ApplyResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cfg, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		if cfg.Program.JoinMode == JoinDesignated {
			return apperr.Forbidden("distributors are appointed by the merchant; applications are closed").WithReason("designated_only")
		}
		if d, err := distributorOfShopper(tx, shopperID); err != nil {
			return err
		} else if d != nil {
			return alreadyDistributor(d)
		}
		now := s.now()
		a := Application{ShopperID: shopperID, Name: in.Name, Phone: in.Phone, Note: in.Note, Status: AppPending, CreatedAt: now, UpdatedAt: now}
		if cfg.Program.JoinMode == JoinAuto {
			a.Status, a.ReviewedAt = AppApproved, &now
		}
		if err := tx.Create(&a).Error; err != nil {
			if database.IsUniqueViolation(err) {
				return pendingConflict()
			}
			return fmt.Errorf("create application: %w", err)
		}
		out.Application = &a
		if a.Status == AppApproved {
			out.Distributor, err = s.join(ctx, tx, shopperID)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func pendingConflict() error {
	return apperr.Conflict("you already have an application waiting for review").WithReason("application_pending")
}

// join makes the shopper a distributor under the distributor it is bound
// to, and notifies it (and its parent) in the same transaction.
func (s *Service) join(ctx context.Context, tx *gorm.DB, shopperID int64) (*Distributor, error) {
	parent, err := parentFromBinding(tx, shopperID)
	if err != nil {
		return nil, err
	}
	d, err := createDistributor(tx, shopperID, parent, s.now())
	if err != nil {
		return nil, err
	}
	return d, s.joined(ctx, tx, d)
}

// MyApplication is the shopper's latest application. Errors: not_found.
func (s *Service) MyApplication(ctx context.Context, shopperID int64) (*Application, error) {
	var a Application
	err := s.db.WithContext(ctx).Where("shopper_id = ?", shopperID).Order("id DESC").Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFound("you have not applied to become a distributor")
	}
	if err != nil {
		return nil, fmt.Errorf("load application: %w", err)
	}
	return &a, nil
}

// AdminApplication is an application in the admin queue (phone masked).
type AdminApplication struct {
	Application
	Nickname string `json:"nickname"`
}

// Applications lists applications newest first, optionally by status.
// Errors: invalid (status).
func (s *Service) Applications(ctx context.Context, status ApplicationStatus, p page.Request) (page.Result[AdminApplication], error) {
	q := s.db.WithContext(ctx).Table("distributor_applications a").Joins("JOIN shoppers ON shoppers.id = a.shopper_id")
	switch status {
	case "":
	case AppPending, AppApproved, AppRejected:
		q = q.Where("a.status = ?", status)
	default:
		return page.Result[AdminApplication]{}, apperr.InvalidField("status", "must be pending, approved or rejected")
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return page.Result[AdminApplication]{}, fmt.Errorf("count applications: %w", err)
	}
	var items []AdminApplication
	if err := q.Select("a.*, shoppers.nickname").Order("a.id DESC").Offset(p.Offset()).Limit(p.Limit()).Scan(&items).Error; err != nil {
		return page.Result[AdminApplication]{}, fmt.Errorf("list applications: %w", err)
	}
	for i := range items {
		items[i].Phone = member.MaskPhone(items[i].Phone)
	}
	return page.NewResult(p, items, total), nil
}

// Approve accepts a pending application: the shopper becomes a distributor
// whose parent is the active distributor it is bound to right now. Audited.
// Errors: not_found, conflict (wrong_status, already_distributor).
func (s *Service) Approve(ctx context.Context, by audit.Actor, id int64) (*ApplyResult, error) {
	var out ApplyResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := s.review(tx, by, id, AppApproved, "")
		if err != nil {
			return err
		}
		out.Application = a
		if out.Distributor, err = s.join(ctx, tx, a.ShopperID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "distributor.approve", TargetType: "distributor_application", TargetID: id,
			Before: map[string]any{"status": AppPending}, After: map[string]any{"status": AppApproved, "distributor_id": out.Distributor.ID, "parent_id": out.Distributor.ParentID}})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Reject turns down a pending application with a reason the shopper sees.
// Audited. Errors: invalid (reason), not_found, conflict (wrong_status).
func (s *Service) Reject(ctx context.Context, by audit.Actor, id int64, reason string) (*Application, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 200 {
		return nil, apperr.InvalidField("reason", "is required (at most 200 characters): the applicant sees it")
	}
	var out *Application
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if out, err = s.review(tx, by, id, AppRejected, reason); err != nil {
			return err
		}
		if err := s.rejected(ctx, tx, out); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "distributor.reject", TargetType: "distributor_application", TargetID: id,
			Before: map[string]any{"status": AppPending}, After: map[string]any{"status": AppRejected}, Note: reason})
	})
	return out, err
}

// review moves a pending application to status with a guarded update.
func (s *Service) review(tx *gorm.DB, by audit.Actor, id int64, status ApplicationStatus, reason string) (*Application, error) {
	var a Application
	if err := tx.Where("id = ?", id).Take(&a).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFound("no such application")
	} else if err != nil {
		return nil, fmt.Errorf("load application %d: %w", id, err)
	}
	now := s.now()
	res := tx.Model(&Application{}).Where("id = ? AND status = ?", id, AppPending).
		Updates(map[string]any{"status": status, "reject_reason": reason, "reviewed_by": by.ID, "reviewed_at": now, "updated_at": now})
	if res.Error != nil {
		return nil, fmt.Errorf("review application: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, apperr.Conflict("the application is already %s", a.Status).WithReason("wrong_status")
	}
	a.Status, a.RejectReason, a.ReviewedAt, a.UpdatedAt = status, reason, &now, now
	return &a, nil
}
