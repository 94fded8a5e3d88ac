// Package audit records what admins did: who, what, before/after, when and
// from where. Entries are written in the same transaction as the change they
// describe, so an audited change and its entry commit or fail together.
//
// Tables: audit_log.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
)

// Actor is the admin performing an action, as the HTTP layer saw it.
type Actor struct {
	ID       int64
	Username string
	Role     string
	IP       string
}

// Entry is one audit log row.
type Entry struct {
	ID         int64     `json:"id"`
	ActorID    int64     `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	Action     string    `json:"action"`
	TargetType string    `json:"target_type"`
	TargetID   string    `json:"target_id"`
	BeforeJSON string    `json:"before" gorm:"column:before_json"`
	AfterJSON  string    `json:"after" gorm:"column:after_json"`
	Note       string    `json:"note"`
	IP         string    `json:"ip"`
	CreatedAt  time.Time `json:"created_at"`
}

// TableName binds Entry to its table.
func (Entry) TableName() string { return "audit_log" }

// Change describes one audited action. Before and After are marshalled to
// JSON; callers pass values that hold no secrets (no password hashes).
type Change struct {
	Action     string
	TargetType string
	TargetID   int64
	Before     any
	After      any
	Note       string
}

// Record writes an entry in tx.
func Record(ctx context.Context, tx *gorm.DB, actor Actor, c Change) error {
	e := Entry{ActorID: actor.ID, ActorName: actor.Username, Action: c.Action, TargetType: c.TargetType,
		Note: c.Note, IP: actor.IP, CreatedAt: database.Now(), BeforeJSON: toJSON(c.Before), AfterJSON: toJSON(c.After)}
	if c.TargetID != 0 {
		e.TargetID = strconv.FormatInt(c.TargetID, 10)
	}
	if err := tx.WithContext(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("record audit %s: %w", c.Action, err)
	}
	return nil
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// Filter narrows a listing. Zero values mean "any".
type Filter struct {
	ActorID    int64     `form:"actor_id"`
	Action     string    `form:"action"`
	TargetType string    `form:"target_type"`
	TargetID   string    `form:"target_id"`
	From       time.Time `form:"from" time_format:"2006-01-02T15:04:05Z07:00"`
	To         time.Time `form:"to" time_format:"2006-01-02T15:04:05Z07:00"`
}

// Log lists audit entries.
type Log struct{ db *gorm.DB }

// NewLog returns a Log reader.
func NewLog(db *gorm.DB) *Log { return &Log{db: db} }

// List returns entries newest first.
func (l *Log) List(ctx context.Context, f Filter, p page.Request) (page.Result[Entry], error) {
	q := l.db.WithContext(ctx).Model(&Entry{})
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.TargetType != "" {
		q = q.Where("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		q = q.Where("target_id = ?", f.TargetID)
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("created_at < ?", f.To.UTC())
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[Entry]{}, fmt.Errorf("count audit log: %w", err)
	}
	var items []Entry
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[Entry]{}, fmt.Errorf("list audit log: %w", err)
	}
	return page.NewResult(p, items, total), nil
}
