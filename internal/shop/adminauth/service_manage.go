package adminauth

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/session"
)

// Create adds an admin account on behalf of actor and audits it.
// Errors: invalid (username, password, role), conflict with reason
// "username_taken".
func (s *Service) Create(ctx context.Context, actor audit.Actor, in NewAdmin) (*Admin, error) {
	a := &Admin{Username: NormalizeUsername(in.Username), Role: in.Role, MustChangePassword: in.MustChangePassword}
	if err := checkUsername(a.Username); err != nil {
		return nil, err
	}
	if err := checkRole(a.Role); err != nil {
		return nil, err
	}
	hash, err := s.hashNew("password", in.Password)
	if err != nil {
		return nil, err
	}
	a.PasswordHash = hash
	now := s.now()
	a.CreatedAt, a.UpdatedAt = now, now
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(a).Error; err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "admin.create", TargetType: "admin",
			TargetID: a.ID, After: a.snapshot()})
	})
	if database.IsUniqueViolation(err) {
		return nil, apperr.Conflict("an admin called %q already exists", a.Username).
			WithReason("username_taken").WithField("username", "is already taken")
	}
	if err != nil {
		return nil, fmt.Errorf("create admin: %w", err)
	}
	return a, nil
}

// Update changes an admin's role and/or disabled flag and audits it.
// Disabling or changing the role ends the admin's sessions in the same
// transaction. The last active super admin can never be disabled or
// demoted. Errors: invalid (nothing to change, unknown role), not_found,
// conflict with reason "last_super".
func (s *Service) Update(ctx context.Context, actor audit.Actor, id int64, u Update) (*Admin, error) {
	if u.Role == nil && u.Disabled == nil {
		return nil, apperr.Invalid("nothing to change: send role and/or disabled")
	}
	if u.Role != nil {
		if err := checkRole(*u.Role); err != nil {
			return nil, err
		}
	}
	return s.change(ctx, actor, id, "admin.update", u)
}

// Delete removes an admin the soft way: the account is disabled (its audit
// history keeps pointing at it) and its sessions end. Deleting a disabled
// admin changes nothing. Errors: not_found, conflict with reason
// "last_super".
func (s *Service) Delete(ctx context.Context, actor audit.Actor, id int64) (*Admin, error) {
	disabled := true
	return s.change(ctx, actor, id, "admin.delete", Update{Disabled: &disabled})
}

// change applies u to one admin in a transaction: the last-super rule,
// session revocation and the audit entry (under action) go with it.
func (s *Service) change(ctx context.Context, actor audit.Actor, id int64, action string, u Update) (*Admin, error) {
	var out *Admin
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		supers, err := lockActiveSupers(ctx, tx) // before the target row: one lock order for all changes
		if err != nil {
			return err
		}
		a, err := findByID(ctx, tx, id, true)
		if err != nil {
			return err
		}
		before := a.snapshot()
		wasActiveSuper := a.activeSuper()
		if u.Role != nil {
			a.Role = *u.Role
		}
		if u.Disabled != nil {
			a.Disabled = *u.Disabled
		}
		out = a
		if a.snapshot() == before {
			return nil // nothing changed, nothing to audit
		}
		if wasActiveSuper && !a.activeSuper() && !slices.ContainsFunc(supers, func(other int64) bool { return other != a.ID }) {
			return apperr.Conflict("this is the last active super admin; make another admin super first").WithReason("last_super")
		}
		a.UpdatedAt = s.now()
		if err := updateAdmin(ctx, tx, a.ID, map[string]any{"role": a.Role, "disabled": a.Disabled, "updated_at": a.UpdatedAt}); err != nil {
			return err
		}
		if a.Disabled || a.Role != before.Role {
			if err := session.RevokeSubject(ctx, tx, session.KindAdmin, a.ID); err != nil {
				return fmt.Errorf("revoke sessions: %w", err)
			}
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: action, TargetType: "admin", TargetID: a.ID,
			Before: before, After: a.snapshot()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResetPassword gives another admin a new password on behalf of actor; an
// empty password generates one, which is returned (it is shown once and
// never stored in clear). The admin must change it at next login; the
// lockout is lifted and their sessions end. Errors: invalid (weak
// password), not_found.
func (s *Service) ResetPassword(ctx context.Context, actor audit.Actor, id int64, password string) (*Admin, string, error) {
	generated := ""
	if password == "" {
		var err error
		if generated, err = GeneratePassword(); err != nil {
			return nil, "", err
		}
		password = generated
	}
	hash, err := s.hashNew("password", password)
	if err != nil {
		return nil, "", err
	}
	var a *Admin
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if a, err = findByID(ctx, tx, id, true); err != nil {
			return err
		}
		before := a.snapshot()
		a.PasswordHash, a.MustChangePassword, a.FailedLogins, a.LockedUntil, a.UpdatedAt = hash, true, 0, nil, s.now()
		if err := updateAdmin(ctx, tx, a.ID, map[string]any{"password_hash": hash, "must_change_password": true,
			"failed_logins": 0, "locked_until": nil, "updated_at": a.UpdatedAt}); err != nil {
			return err
		}
		if err := session.RevokeSubject(ctx, tx, session.KindAdmin, a.ID); err != nil {
			return fmt.Errorf("revoke sessions: %w", err)
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "admin.reset_password", TargetType: "admin",
			TargetID: a.ID, Before: before, After: a.snapshot()})
	})
	if err != nil {
		return nil, "", err
	}
	_ = s.limiter.Reset(ctx, userKey(a.Username)) // best effort: the counter also expires
	return a, generated, nil
}
