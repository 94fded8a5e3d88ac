package member

import (
	"context"
	"crypto/rand"
	"log/slog"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/ratelimit"
	"fenxiao/internal/platform/wechat"
)

// Service manages shoppers: logins, profiles, addresses and moderation.
type Service struct {
	db      *gorm.DB
	log     *slog.Logger
	limiter ratelimit.Limiter
	sms     SMSSender      // nil: SMS login is unavailable
	wechat  *wechat.Client // nil: WeChat login is unavailable
	baseURL string
	// key signs code hashes and WeChat state; see WithSecret.
	key      []byte
	stateKey []byte
	clock    atomic.Pointer[func() time.Time]
	policy   atomic.Pointer[SMSPolicy]
}

// Option configures a Service.
type Option func(*Service)

// WithLogger sets the logger (for upstream failures; never personal data).
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// WithLimiter sets the rate limiter for SMS sending.
func WithLimiter(l ratelimit.Limiter) Option { return func(s *Service) { s.limiter = l } }

// WithSMS sets the SMS sender; without one, SMS login answers unavailable.
func WithSMS(sender SMSSender) Option { return func(s *Service) { s.sms = sender } }

// WithWeChat enables WeChat web authorization.
func WithWeChat(c *wechat.Client) Option { return func(s *Service) { s.wechat = c } }

// WithBaseURL is the public shop URL WeChat redirects back to.
func WithBaseURL(u string) Option { return func(s *Service) { s.baseURL = u } }

// WithSecret keys the SMS code hashes (HMAC-SHA256) and the WeChat state
// signature with the server secret. Without it codes are hashed with plain
// SHA-256 and state is signed with a key that lives as long as the process.
func WithSecret(secret string) Option {
	return func(s *Service) {
		if secret != "" {
			s.key = []byte(secret)
		}
	}
}

// NewService returns a Service. With no options it can read and manage
// accounts but SMS and WeChat login answer unavailable.
func NewService(db *gorm.DB, opts ...Option) *Service {
	s := &Service{db: db, log: slog.New(slog.DiscardHandler), limiter: ratelimit.NewMemory()}
	for _, o := range opts {
		o(s)
	}
	if s.key == nil {
		// Without a server secret, state is signed with a key that lives as
		// long as the process (a restart voids authorizations under way).
		s.stateKey = make([]byte, 32)
		rand.Read(s.stateKey)
	}
	s.SetClock(database.Now)
	s.SetSMSPolicy(DefaultSMSPolicy())
	return s
}

func (s *Service) signingKey() []byte {
	if s.key != nil {
		return s.key
	}
	return s.stateKey
}

// SetClock replaces the clock used for code expiry and stored timestamps
// (tests move time forward with it).
func (s *Service) SetClock(now func() time.Time) { s.clock.Store(&now) }

// now is the service clock in the form database.Now guarantees: UTC, microseconds.
func (s *Service) now() time.Time { return (*s.clock.Load())().UTC().Truncate(time.Microsecond) }

// ActiveShopper returns the shopper behind a session, refusing banned and
// deleted accounts. Errors: unauthenticated, forbidden.
func (s *Service) ActiveShopper(ctx context.Context, id int64) (*Shopper, error) {
	sh, err := database.Take[Shopper](s.db.WithContext(ctx).Where("id = ?", id),
		apperr.Unauthenticated("this account no longer exists"), "load shopper %d", id)
	if err != nil {
		return nil, err
	}
	switch sh.Status {
	case StatusBanned:
		return nil, apperr.Forbidden("this account has been suspended").WithReason("account_banned")
	case StatusDeleted:
		return nil, apperr.Unauthenticated("this account has been deleted")
	}
	return sh, nil
}

// AddressForOrder returns one of the shopper's live addresses, for an order
// snapshot. Errors: not_found (also for another shopper's address).
func (s *Service) AddressForOrder(ctx context.Context, shopperID, addressID int64) (*Address, error) {
	q := s.db.WithContext(ctx).Where("id = ? AND shopper_id = ? AND deleted_at IS NULL", addressID, shopperID)
	return database.Take[Address](q, apperr.NotFound("no such address").WithField("address_id", "no such address"), "load address %d", addressID)
}

// loginAllowed refuses banned and deleted accounts at login.
// Errors: forbidden (account_banned, account_deleted).
func loginAllowed(sh *Shopper) error {
	switch sh.Status {
	case StatusBanned:
		return apperr.Forbidden("this account has been suspended").WithReason("account_banned")
	case StatusDeleted:
		return apperr.Forbidden("this account has been deleted").WithReason("account_deleted")
	}
	return nil
}
