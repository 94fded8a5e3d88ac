package adminauth

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// InitialUsername is the username of the super admin made on first start.
const InitialUsername = "admin"

// systemActor signs audit entries Fenxiao writes by itself.
var systemActor = audit.Actor{Username: "system", Role: "system"}

// EnsureInitialAdmin creates the first super admin with a random password
// when there is no admin at all, and returns that password (created is
// false, and the password empty, when admins already exist). Two instances
// starting at once cannot both create it: the unique username index lets
// exactly one insert win.
func (s *Service) EnsureInitialAdmin(ctx context.Context) (password string, created bool, err error) {
	n, err := countAdmins(ctx, s.db)
	if err != nil || n > 0 {
		return "", false, err
	}
	password, err = GeneratePassword()
	if err != nil {
		return "", false, err
	}
	hash, err := s.cost.Hash(password)
	if err != nil {
		return "", false, err
	}
	now := s.now()
	a := &Admin{Username: InitialUsername, PasswordHash: hash, Role: RoleSuper, MustChangePassword: true,
		CreatedAt: now, UpdatedAt: now}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(a).Error; err != nil {
			return err
		}
		return audit.Record(ctx, tx, systemActor, audit.Change{Action: "admin.bootstrap", TargetType: "admin",
			TargetID: a.ID, After: a.snapshot(), Note: "initial super admin created on first start"})
	})
	if database.IsUniqueViolation(err) {
		return "", false, nil // another instance created it first
	}
	if err != nil {
		return "", false, fmt.Errorf("create initial admin: %w", err)
	}
	return password, true, nil
}
