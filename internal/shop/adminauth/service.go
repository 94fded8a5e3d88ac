package adminauth

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/platform/ratelimit"
)

// Login protection. The rate limits slow down guessing across accounts and
// from one address; the lockout protects each account even when the
// attacker spreads attempts over many addresses.
const (
	maxFailedLogins  = 5
	lockoutFor       = 15 * time.Minute
	loginsPerIP      = 10
	loginsPerUser    = 10
	loginWindow      = time.Minute
	passwordChecks   = 10 // current-password checks per admin per window
	maxUsernameBytes = 64
)

// Service manages admin accounts.
type Service struct {
	db      *gorm.DB
	limiter ratelimit.Limiter
	cost    HashCost
	clock   atomic.Pointer[func() time.Time]
}

// NewService returns a Service that throttles logins with limiter and
// hashes new passwords at cost (DefaultHashCost outside tests).
func NewService(db *gorm.DB, limiter ratelimit.Limiter, cost HashCost) *Service {
	return &Service{db: db, limiter: limiter, cost: cost}
}

// SetClock replaces the clock lockouts and timestamps are measured on, so
// tests can step past a lockout without sleeping. It must return UTC with
// microsecond precision, like database.Now.
func (s *Service) SetClock(now func() time.Time) { s.clock.Store(&now) }

func (s *Service) now() time.Time {
	if f := s.clock.Load(); f != nil {
		return (*f)()
	}
	return database.Now()
}

// ActiveAdmin returns the admin behind a session, refusing disabled accounts.
// Errors: unauthenticated.
func (s *Service) ActiveAdmin(ctx context.Context, id int64) (*Admin, error) {
	a, err := findByID(ctx, s.db, id, false)
	if apperr.Is(err, apperr.CodeNotFound) {
		return nil, apperr.Unauthenticated("this admin account no longer exists")
	}
	if err != nil {
		return nil, err
	}
	if a.Disabled {
		return nil, apperr.Unauthenticated("this admin account is disabled")
	}
	return a, nil
}

// Get returns one admin. Errors: not_found.
func (s *Service) Get(ctx context.Context, id int64) (*Admin, error) {
	return findByID(ctx, s.db, id, false)
}

// ByUsername returns the admin with that username (case-insensitive).
// Errors: not_found.
func (s *Service) ByUsername(ctx context.Context, username string) (*Admin, error) {
	a, err := findByUsername(ctx, s.db, NormalizeUsername(username))
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, apperr.NotFound("no admin is called %q", NormalizeUsername(username))
	}
	return a, nil
}

// List returns admins in creation order.
func (s *Service) List(ctx context.Context, p page.Request) (page.Result[Admin], error) {
	return listAdmins(ctx, s.db, p)
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// NormalizeUsername trims and lower-cases a username, so "Alice" and
// "alice" are one account.
func NormalizeUsername(u string) string { return strings.ToLower(strings.TrimSpace(u)) }

func checkUsername(u string) error {
	if !usernamePattern.MatchString(u) {
		return apperr.InvalidField("username", "must be 3-32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
	return nil
}

func checkRole(r Role) error {
	if !r.Valid() {
		return apperr.InvalidField("role", "must be one of: super, operator")
	}
	return nil
}

// hashNew checks the policy for a new password and hashes it. Hashing is
// slow on purpose, so callers do it before opening a transaction.
func (s *Service) hashNew(field, pw string) (string, error) {
	if err := CheckPasswordPolicy(field, pw); err != nil {
		return "", err
	}
	return s.cost.Hash(pw)
}

// throttle counts one attempt against key and refuses it when over limit.
func (s *Service) throttle(ctx context.Context, key string, limit int, what string) error {
	ok, retry, err := s.limiter.Allow(ctx, key, limit, loginWindow)
	if err != nil {
		return fmt.Errorf("throttle %s: %w", what, err)
	}
	if !ok {
		secs := int((retry + time.Second - 1) / time.Second)
		return apperr.RateLimited(max(secs, 1), "too many %s attempts; try again in %d seconds", what, max(secs, 1))
	}
	return nil
}
