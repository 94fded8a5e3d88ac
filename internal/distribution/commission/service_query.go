package commission

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
)

// Filter narrows the admin list; zero values mean "any". From/To bound
// created_at (From inclusive, To exclusive).
type Filter struct {
	DistributorID int64
	OrderID       int64
	Status        Status
	From          time.Time
	To            time.Time
}

// DayRange turns a Asia/Shanghai calendar day range "2026-11-01".."2026-11-30"
// (both inclusive, either may be empty) into created_at bounds.
// Errors: invalid (field from/to).
func DayRange(from, to string) (time.Time, time.Time, error) {
	var lo, hi time.Time
	if from != "" {
		d, err := time.ParseInLocation(time.DateOnly, from, shanghai)
		if err != nil {
			return lo, hi, apperr.InvalidField("from", "must be a date like 2026-11-01")
		}
		lo = d.UTC()
	}
	if to != "" {
		d, err := time.ParseInLocation(time.DateOnly, to, shanghai)
		if err != nil {
			return lo, hi, apperr.InvalidField("to", "must be a date like 2026-11-30")
		}
		hi = d.AddDate(0, 0, 1).UTC()
	}
	return lo, hi, nil
}

// List returns commission records for admins, newest first.
// Errors: invalid (unknown status).
func (s *Service) List(ctx context.Context, f Filter, p page.Request) (page.Result[Record], error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return page.Result[Record]{}, err
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return page.Result[Record]{}, fmt.Errorf("count commission records: %w", err)
	}
	items := []Record{}
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[Record]{}, fmt.Errorf("list commission records: %w", err)
	}
	return page.NewResult(p, items, total), nil
}

// Count is how many records match f. Errors: invalid.
func (s *Service) Count(ctx context.Context, f Filter) (int64, error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count commission records: %w", err)
	}
	return n, nil
}

// Walk is one cursor window of the records matching f, newest first (for
// exports). Errors: invalid.
func (s *Service) Walk(ctx context.Context, f Filter, c page.Cursor) ([]Record, error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return nil, err
	}
	cond, args, limit := c.Window("id")
	items := []Record{}
	if err := q.Where(cond, args...).Order("id DESC").Limit(limit).Find(&items).Error; err != nil {
		return nil, fmt.Errorf("walk commission records: %w", err)
	}
	return items, nil
}

// filtered is the record query narrowed by f, shared by the list, the count
// and the export walk.
func (s *Service) filtered(ctx context.Context, f Filter) (*gorm.DB, error) {
	switch f.Status {
	case "", StatusPending, StatusSettled, StatusReversed:
	default:
		return nil, apperr.InvalidField("status", "must be pending, settled or reversed")
	}
	q := s.db.WithContext(ctx).Model(&Record{})
	if f.DistributorID > 0 {
		q = q.Where("distributor_id = ?", f.DistributorID)
	}
	if f.OrderID > 0 {
		q = q.Where("order_id = ?", f.OrderID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("created_at < ?", f.To)
	}
	return q, nil
}

// CountByStatus counts records per status, for metrics.
func (s *Service) CountByStatus(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.db.WithContext(ctx).Model(&Record{}).Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count commission records: %w", err)
	}
	out := map[string]int64{string(StatusPending): 0, string(StatusSettled): 0, string(StatusReversed): 0}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}
