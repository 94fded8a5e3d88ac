// Package settings stores merchant settings as JSON values by key, with
// typed defaults declared by the domain that owns each setting.
//
// Tables: settings.
package settings

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

type row struct {
	Key       string `gorm:"primaryKey"`
	ValueJSON string `gorm:"column:value_json"`
	UpdatedAt time.Time
}

func (row) TableName() string { return "settings" }

// Store reads and writes settings.
type Store struct{ db *gorm.DB }

// NewStore returns a Store.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// Load fills dst (a pointer to a struct holding defaults) from the stored
// JSON under key; a missing key leaves the defaults untouched.
func (s *Store) Load(ctx context.Context, key string, dst any) error {
	return Load(ctx, s.db, key, dst)
}

// Load is Store.Load on an explicit handle (a transaction, for example).
func Load(ctx context.Context, db *gorm.DB, key string, dst any) error {
	r, err := database.TakeOrNil[row](db.WithContext(ctx).Where("key = ?", key), "load setting %s", key)
	if r == nil {
		return err // nil when never saved: dst keeps its defaults
	}
	if err := json.Unmarshal([]byte(r.ValueJSON), dst); err != nil {
		return fmt.Errorf("decode setting %s: %w", key, err)
	}
	return nil
}

// Replace stores next under key in a transaction of its own with an audit
// entry (action, target type "settings") holding the value it replaces, as
// load reads it (the defaults when never saved).
func Replace[T any](ctx context.Context, db *gorm.DB, by audit.Actor, action, key string, next T,
	load func(context.Context, *gorm.DB) (T, error)) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := load(ctx, tx)
		if err != nil {
			return err
		}
		if err := Save(ctx, tx, key, next); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: action, TargetType: "settings", Before: before, After: next})
	})
}

// Save stores v under key in tx (insert or replace).
func Save(ctx context.Context, tx *gorm.DB, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode setting %s: %w", key, err)
	}
	r := row{Key: key, ValueJSON: string(b), UpdatedAt: database.Now()}
	err = tx.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value_json", "updated_at"}),
	}).Create(&r).Error
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}
