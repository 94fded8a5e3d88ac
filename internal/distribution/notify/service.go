package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
)

// Enqueuer inserts a job in the caller's transaction (jobs.Queue).
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// Service writes and reads notifications.
type Service struct {
	db       *gorm.DB
	jobs     Enqueuer
	log      *slog.Logger
	channels []Channel
}

// Option configures the service.
type Option func(*Service)

// WithChannel adds a delivery channel beyond the in-app inbox.
func WithChannel(ch Channel) Option { return func(s *Service) { s.channels = append(s.channels, ch) } }

// WithLogger sets the logger for delivery outcomes.
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// NewService returns the notification service on db; jobs enqueues the
// after-commit deliveries of extra channels.
func NewService(db *gorm.DB, jobs Enqueuer, opts ...Option) *Service {
	s := &Service{db: db, jobs: jobs, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Notify stores ns in the caller's transaction tx, in one statement, and,
// for every extra channel, enqueues a "notify.deliver" job per new
// notification in the same transaction. A notification whose DedupeKey
// was already used is a no-op (ON CONFLICT DO NOTHING, so a PostgreSQL
// transaction is never aborted by the duplicate).
// Errors: invalid (unknown kind, missing recipient or title, oversized
// fields, personal-data keys in Data).
//
// Lock order: step 6 (see package distribution): inserts under unique keys, no
// existing row locked.
func (s *Service) Notify(ctx context.Context, tx *gorm.DB, ns ...Notification) error {
	data := make([]string, len(ns))
	for i, n := range ns {
		var err error
		if data[i], err = checkNotification(n); err != nil {
			return err
		}
	}
	if len(ns) == 0 {
		return nil
	}
	ids, err := insertNotifications(ctx, tx, ns, data, database.Now())
	if err != nil {
		return err
	}
	for _, id := range ids {
		for _, ch := range s.channels {
			if err := s.jobs.EnqueueTx(ctx, tx, DeliverArgs{NotificationID: id, Channel: ch.Name()}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkNotification(n Notification) (string, error) {
	switch {
	case n.RecipientShopperID <= 0:
		return "", apperr.InvalidField("recipient_shopper_id", "must be positive")
	case !validKind(n.Kind):
		return "", apperr.InvalidField("kind", "is not a known notification kind")
	case n.Title == "" || utf8.RuneCountInString(n.Title) > MaxTitle:
		return "", apperr.InvalidField("title", fmt.Sprintf("must be 1-%d characters", MaxTitle))
	case utf8.RuneCountInString(n.Body) > MaxBody:
		return "", apperr.InvalidField("body", fmt.Sprintf("must be at most %d characters", MaxBody))
	case n.DedupeKey != nil && (*n.DedupeKey == "" || len(*n.DedupeKey) > MaxDedupe):
		return "", apperr.InvalidField("dedupe_key", fmt.Sprintf("must be 1-%d bytes when set", MaxDedupe))
	}
	for k := range n.Data {
		if forbiddenKey(k) {
			return "", apperr.InvalidField("data."+k, "personal data (phone, openid, accounts) must not be put in notifications")
		}
	}
	if n.Data == nil {
		return "{}", nil
	}
	raw, err := json.Marshal(n.Data)
	if err != nil {
		return "", apperr.InvalidField("data", "must be JSON-encodable")
	}
	if len(raw) > MaxDataJSON {
		return "", apperr.InvalidField("data", fmt.Sprintf("must encode to at most %d bytes", MaxDataJSON))
	}
	return string(raw), nil
}

func validKind(k Kind) bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// List returns the shopper's notifications, newest first.
func (s *Service) List(ctx context.Context, shopperID int64, f ListFilter, req page.Request) (page.Result[Notification], error) {
	items, total, err := listNotifications(s.db.WithContext(ctx), shopperID, f, req)
	if err != nil {
		return page.Result[Notification]{}, err
	}
	return page.NewResult(req, items, total), nil
}

// UnreadCount counts the shopper's unread notifications.
func (s *Service) UnreadCount(ctx context.Context, shopperID int64) (int64, error) {
	return countUnread(s.db.WithContext(ctx), shopperID)
}

// MarkRead marks one of the shopper's notifications read (idempotent) and
// returns it. Errors: not_found (no such notification for this shopper).
func (s *Service) MarkRead(ctx context.Context, shopperID, id int64) (Notification, error) {
	var n Notification
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := markRead(tx, shopperID, id, database.Now()); err != nil {
			return err
		}
		var err error
		n, err = loadOwned(tx, shopperID, id)
		return err
	})
	return n, err
}

// MarkAllRead marks every unread notification of the shopper read and
// returns how many changed.
func (s *Service) MarkAllRead(ctx context.Context, shopperID int64) (int64, error) {
	return markAllRead(s.db.WithContext(ctx), shopperID, database.Now())
}
