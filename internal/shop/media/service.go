package media

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// URLPrefix is where stored images are served.
const URLPrefix = "/uploads/"

// Upload records one stored image.
type Upload struct {
	ID          int64     `json:"-"`
	Name        string    `json:"name"`
	URL         string    `json:"url" gorm:"-"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	UploadedBy  int64     `json:"-"`
	CreatedAt   time.Time `json:"-"`
}

// TableName binds Upload to its table.
func (Upload) TableName() string { return "uploads" }

// URL is the public path of a stored name.
func URL(name string) string { return URLPrefix + name }

// Service stores images and records them. It is itself a Storage (the one
// it wraps), so callers needing raw access can use it directly.
type Service struct {
	Storage
	db *gorm.DB
}

// NewService returns a Service storing files in st and rows in db.
func NewService(db *gorm.DB, st Storage) *Service { return &Service{Storage: st, db: db} }

// SaveUpload stores an admin's upload after sniffing its content. Nothing
// is stored (no file, no row) unless it is an allowed image.
// Errors: invalid (reason not_an_image), too_large.
func (s *Service) SaveUpload(ctx context.Context, actor audit.Actor, data []byte) (*Upload, error) {
	if len(data) > MaxUploadSize {
		return nil, errTooLarge()
	}
	ct, ext, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	return s.save(ctx, &actor, ct, ext, data)
}

// SaveGenerated stores an image the server made itself (for example
// PlaceholderSVG output for demo products). ext is "svg", "png", ...
func (s *Service) SaveGenerated(ctx context.Context, ext string, data []byte) (*Upload, error) {
	ct, ok := typesByExt[ext]
	if !ok {
		return nil, fmt.Errorf("media: unknown extension %q", ext)
	}
	return s.save(ctx, nil, ct, ext, data)
}

// SavePlaceholder renders and stores a placeholder image for a product.
func (s *Service) SavePlaceholder(ctx context.Context, title string, hue int) (*Upload, error) {
	return s.SaveGenerated(ctx, "svg", PlaceholderSVG(title, hue))
}

// save writes the file, then its row (and audit entry for uploads) in one
// transaction; if the row fails the file is removed again.
func (s *Service) save(ctx context.Context, actor *audit.Actor, ct, ext string, data []byte) (*Upload, error) {
	name := NewName(ext)
	if err := s.Put(ctx, name, ct, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	u := Upload{Name: name, URL: URL(name), ContentType: ct, Size: int64(len(data)), CreatedAt: database.Now()}
	if actor != nil {
		u.UploadedBy = actor.ID
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&u).Error; err != nil {
			return fmt.Errorf("record upload: %w", err)
		}
		if actor == nil {
			return nil
		}
		return audit.Record(ctx, tx, *actor, audit.Change{Action: "upload.create", TargetType: "upload", TargetID: u.ID,
			After: map[string]any{"name": u.Name, "content_type": ct, "size": u.Size}})
	})
	if err != nil {
		s.Delete(context.WithoutCancel(ctx), name)
		return nil, err
	}
	return &u, nil
}
