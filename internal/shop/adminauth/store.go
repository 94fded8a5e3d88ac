package adminauth

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
)

// The store functions run on whatever handle they are given: the service's
// db or, inside a use case, its transaction.

func errNoSuchAdmin() error { return apperr.NotFound("no such admin") }

// findByID loads an admin, locking the row (on PostgreSQL) when lock is set.
// Errors: not_found.
func findByID(ctx context.Context, db *gorm.DB, id int64, lock bool) (*Admin, error) {
	q := db.WithContext(ctx)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return database.Take[Admin](q.Where("id = ?", id), errNoSuchAdmin(), "load admin %d", id)
}

// findByUsername loads an admin by normalised username; nil when absent.
func findByUsername(ctx context.Context, db *gorm.DB, username string) (*Admin, error) {
	return database.TakeOrNil[Admin](db.WithContext(ctx).Where("username = ?", username), "load admin by username")
}

// lockActiveSupers returns the ids of active super admins, locking their
// rows in id order (on PostgreSQL; SQLite serialises writers anyway). Every
// role or disabled change takes these locks first, so two concurrent
// demotions of the last two supers queue up (the second then sees only
// one left) instead of both succeeding or deadlocking.
func lockActiveSupers(ctx context.Context, tx *gorm.DB) ([]int64, error) {
	var ids []int64
	err := tx.WithContext(ctx).Model(&Admin{}).Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("role = ? AND disabled = ?", RoleSuper, false).Order("id").Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("lock active super admins: %w", err)
	}
	return ids, nil
}

func countAdmins(ctx context.Context, db *gorm.DB) (int64, error) {
	var n int64
	if err := db.WithContext(ctx).Model(&Admin{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count admins: %w", err)
	}
	return n, nil
}

func listAdmins(ctx context.Context, db *gorm.DB, p page.Request) (page.Result[Admin], error) {
	total, err := countAdmins(ctx, db)
	if err != nil {
		return page.Result[Admin]{}, err
	}
	var items []Admin
	if err := db.WithContext(ctx).Order("id").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[Admin]{}, fmt.Errorf("list admins: %w", err)
	}
	return page.NewResult(p, items, total), nil
}

func updateAdmin(ctx context.Context, tx *gorm.DB, id int64, fields map[string]any) error {
	if err := tx.WithContext(ctx).Model(&Admin{}).Where("id = ?", id).Updates(fields).Error; err != nil {
		return fmt.Errorf("update admin %d: %w", id, err)
	}
	return nil
}

// recordFailedLogin counts one wrong password in a single statement, so
// concurrent attempts cannot lose counts. Reaching maxFailures locks the
// account until lockUntil and starts the count afresh for after the lock.
func recordFailedLogin(ctx context.Context, db *gorm.DB, id int64, maxFailures int, now, lockUntil time.Time) error {
	err := db.WithContext(ctx).Exec(`UPDATE admin_users SET
		locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
		failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,
		updated_at = ?
		WHERE id = ?`, maxFailures, lockUntil, maxFailures, now, id).Error
	if err != nil {
		return fmt.Errorf("record failed login: %w", err)
	}
	return nil
}
