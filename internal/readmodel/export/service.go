package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/platform/page"
)

// Retention is how long a finished export can be downloaded.
const Retention = 7 * 24 * time.Hour

// Service requests, builds and serves exports.
type Service struct {
	db      *gorm.DB
	q       *jobs.Queue
	dir     string
	log     *slog.Logger
	sources map[Kind]Source
}

// NewService stores export files under dir (created when needed).
func NewService(db *gorm.DB, q *jobs.Queue, dir string, log *slog.Logger, sources map[Kind]Source) *Service {
	return &Service{db: db, q: q, dir: dir, log: log, sources: sources}
}

// Request validates kind and filters, records the export and enqueues its
// build in the same transaction, audited. Errors: invalid (kind, filters).
func (s *Service) Request(ctx context.Context, actor audit.Actor, kind Kind, filters json.RawMessage) (*Export, error) {
	src, ok := s.sources[kind]
	if !ok {
		return nil, apperr.InvalidField("kind", "must be distributors, commissions or withdrawals")
	}
	walk, err := src.Open(ctx, filters)
	if err != nil {
		return nil, err
	}
	total, err := walk.Count(ctx) // also checks the filters' values
	if err != nil {
		return nil, err
	}
	if len(filters) == 0 {
		filters = json.RawMessage("{}")
	}
	now := database.Now()
	e := &Export{Kind: kind, Filters: string(filters), Status: StatusQueued, RowsTotal: total,
		RequestedBy: actor.ID, RequestedByName: actor.Username, CreatedAt: now, ExpiresAt: now.Add(Retention)}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(e).Error; err != nil {
			return fmt.Errorf("insert export: %w", err)
		}
		if err := s.q.EnqueueTx(ctx, tx, BuildArgs{ExportID: e.ID}, &river.InsertOpts{MaxAttempts: 3}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Change{Action: "export.request", TargetType: "export", TargetID: e.ID,
			After: map[string]any{"kind": kind, "filters": json.RawMessage(e.Filters), "rows": total}})
	})
	if err != nil {
		return nil, err
	}
	e.fill()
	return e, nil
}

// Get returns one export with its progress. Errors: not_found.
func (s *Service) Get(ctx context.Context, id int64) (*Export, error) {
	e, err := database.TakeOrNil[Export](s.db.WithContext(ctx).Where("id = ?", id), "load export %d", id)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, apperr.NotFound("no such export")
	}
	e.fill()
	return e, nil
}

// List returns exports, newest first.
func (s *Service) List(ctx context.Context, p page.Request) (page.Result[Export], error) {
	q := s.db.WithContext(ctx).Model(&Export{})
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[Export]{}, fmt.Errorf("count exports: %w", err)
	}
	items := []Export{}
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[Export]{}, fmt.Errorf("list exports: %w", err)
	}
	for i := range items {
		items[i].fill()
	}
	return page.NewResult(p, items, total), nil
}

// Download returns the file path of a finished export, audited.
// Errors: not_found; conflict (export_not_ready, export_expired).
func (s *Service) Download(ctx context.Context, actor audit.Actor, id int64) (*Export, string, error) {
	e, err := s.Get(ctx, id)
	if err != nil {
		return nil, "", err
	}
	switch e.Status {
	case StatusDone:
	case StatusExpired:
		return nil, "", apperr.Conflict("this export has expired; request a new one").WithReason("export_expired")
	case StatusFailed:
		return nil, "", apperr.Conflict("this export failed: %s", e.Error).WithReason("export_failed")
	default:
		return nil, "", apperr.Conflict("this export is not ready yet (%d%%)", e.Percent).WithReason("export_not_ready")
	}
	err = audit.Record(ctx, s.db, actor, audit.Change{Action: "export.download", TargetType: "export", TargetID: e.ID,
		After: map[string]any{"kind": e.Kind, "rows": e.RowsDone}})
	if err != nil {
		return nil, "", err
	}
	return e, filepath.Join(s.dir, e.FileName), nil
}

// Build writes the export's file (the job's work; also callable directly).
// A finished export is left alone, so a repeated job changes nothing. The
// file is written under a temporary name and renamed when complete, so a
// download never sees half a file.
func (s *Service) Build(ctx context.Context, id int64) error {
	e, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.Status != StatusQueued && e.Status != StatusRunning {
		return nil
	}
	src, ok := s.sources[e.Kind]
	if !ok {
		return s.fail(ctx, e.ID, fmt.Errorf("unknown export kind %q", e.Kind))
	}
	walk, err := src.Open(ctx, json.RawMessage(e.Filters))
	if err != nil {
		return s.fail(ctx, e.ID, err)
	}
	total, err := walk.Count(ctx)
	if err != nil {
		return err
	}
	if err := s.update(ctx, e.ID, map[string]any{"status": StatusRunning, "started_at": database.Now(), "rows_total": total, "rows_done": 0}); err != nil {
		return err
	}
	if err := os.MkdirAll(s.dir, 0o750); err != nil {
		return fmt.Errorf("create export directory: %w", err)
	}
	name := string(e.Kind) + "-" + strconv.FormatInt(e.ID, 10) + ".xlsx"
	part := filepath.Join(s.dir, name+".part")
	done, err := writeSheet(ctx, part, src, walk, func(done int64) error {
		return s.update(ctx, e.ID, map[string]any{"rows_done": done, "rows_total": max(total, done)})
	})
	if err != nil {
		s.remove(part)
		return fmt.Errorf("build export %d: %w", e.ID, err)
	}
	if err := os.Rename(part, filepath.Join(s.dir, name)); err != nil {
		return fmt.Errorf("finish export %d: %w", e.ID, err)
	}
	info, err := os.Stat(filepath.Join(s.dir, name))
	if err != nil {
		return fmt.Errorf("stat export %d: %w", e.ID, err)
	}
	return s.update(ctx, e.ID, map[string]any{"status": StatusDone, "file_name": name, "size_bytes": info.Size(),
		"rows_done": done, "rows_total": done, "finished_at": database.Now()})
}

// Expire deletes the files of exports past their retention and marks them
// expired; it returns how many.
func (s *Service) Expire(ctx context.Context) (int, error) {
	var due []Export
	err := s.db.WithContext(ctx).Where("status <> ? AND expires_at < ?", StatusExpired, database.Now()).Find(&due).Error
	if err != nil {
		return 0, fmt.Errorf("find expired exports: %w", err)
	}
	for _, e := range due {
		if e.FileName != "" {
			s.remove(filepath.Join(s.dir, e.FileName))
		}
		if err := s.update(ctx, e.ID, map[string]any{"status": StatusExpired}); err != nil {
			return 0, err
		}
	}
	return len(due), nil
}

// fail marks an export failed for a reason retrying cannot fix and tells
// River not to retry.
func (s *Service) fail(ctx context.Context, id int64, cause error) error {
	msg := cause.Error()
	if ae, ok := apperr.As(cause); ok {
		msg = ae.Message
	}
	if err := s.update(ctx, id, map[string]any{"status": StatusFailed, "error": msg, "finished_at": database.Now()}); err != nil {
		return err
	}
	return river.JobCancel(cause)
}

// markFailed records the last attempt's error when River gives up.
func (s *Service) markFailed(ctx context.Context, id int64, cause error) {
	if err := s.update(ctx, id, map[string]any{"status": StatusFailed, "error": "could not build the file; request it again", "finished_at": database.Now()}); err != nil {
		s.log.Warn("mark export failed", "export_id", id, "err", errors.Join(cause, err))
	}
}

func (s *Service) update(ctx context.Context, id int64, fields map[string]any) error {
	if err := s.db.WithContext(ctx).Model(&Export{}).Where("id = ?", id).Updates(fields).Error; err != nil {
		return fmt.Errorf("update export %d: %w", id, err)
	}
	return nil
}

func (s *Service) remove(path string) {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		s.log.Warn("remove export file", "path", path, "err", err)
	}
}
