package adminauth

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/session"
)

// Credentials is a login attempt; IP is the client address the rate limit
// counts against.
type Credentials struct {
	Username string
	Password string
	IP       string
}

// errBadCredentials is the one answer for an unknown username and a wrong
// password, so the login form does not reveal which accounts exist.
func errBadCredentials() error {
	return apperr.Unauthenticated("wrong username or password").WithReason("invalid_credentials")
}

func ipKey(ip string) string { return "admin-login:ip:" + ip }

func userKey(username string) string {
	if len(username) > maxUsernameBytes {
		username = username[:maxUsernameBytes]
	}
	return "admin-login:user:" + username
}

// Login checks credentials and records the outcome: a success resets the
// failure count and stamps last_login_at; the fifth consecutive wrong
// password locks the account for 15 minutes, during which even the right
// password is refused.
// Errors: rate_limited (too many attempts from the IP or for the username),
// rate_limited with reason "locked" (account locked, retry_after set),
// unauthenticated with reason "invalid_credentials", forbidden with reason
// "disabled" (right password, disabled account).
func (s *Service) Login(ctx context.Context, cr Credentials) (*Admin, error) {
	username := NormalizeUsername(cr.Username)
	if err := s.throttle(ctx, ipKey(cr.IP), loginsPerIP, "login"); err != nil {
		return nil, err
	}
	if err := s.throttle(ctx, userKey(username), loginsPerUser, "login"); err != nil {
		return nil, err
	}
	a, err := findByUsername(ctx, s.db, username)
	if err != nil {
		return nil, err
	}
	if a == nil {
		VerifyPassword(dummyHash(), cr.Password) // same cost as a real check
		return nil, errBadCredentials()
	}
	now := s.now()
	if a.LockedUntil != nil && a.LockedUntil.After(now) {
		return nil, errLocked(a.LockedUntil.Sub(now))
	}
	if !VerifyPassword(a.PasswordHash, cr.Password) {
		if err := recordFailedLogin(ctx, s.db, a.ID, maxFailedLogins, now, now.Add(lockoutFor)); err != nil {
			return nil, err
		}
		return nil, errBadCredentials()
	}
	if a.Disabled {
		return nil, apperr.Forbidden("this account is disabled; ask a super admin").WithReason("disabled")
	}
	if err := updateAdmin(ctx, s.db, a.ID, map[string]any{"failed_logins": 0, "locked_until": nil,
		"last_login_at": now, "updated_at": now}); err != nil {
		return nil, err
	}
	// A success proves the password: forget this username's attempts. A
	// failure here only means the counter expires on its own.
	_ = s.limiter.Reset(ctx, userKey(username))
	a.FailedLogins, a.LockedUntil, a.LastLoginAt, a.UpdatedAt = 0, nil, &now, now
	return a, nil
}

func errLocked(left time.Duration) error {
	mins := int((left + time.Minute - 1) / time.Minute)
	secs := int((left + time.Second - 1) / time.Second)
	return apperr.RateLimited(secs, "too many wrong passwords: this account is locked for %d more minute(s)", mins).WithReason("locked")
}

// ResetLoginThrottle forgets the login attempts counted for ip and
// username (the CLI's reset-password uses it; tests use it to log many
// admins in from one address). It does not lift a lockout.
func (s *Service) ResetLoginThrottle(ctx context.Context, ip, username string) error {
	if ip != "" {
		if err := s.limiter.Reset(ctx, ipKey(ip)); err != nil {
			return err
		}
	}
	return s.limiter.Reset(ctx, userKey(NormalizeUsername(username)))
}

// ChangePassword lets the signed-in admin (actor) replace their password.
// It clears must_change_password and ends all of the admin's sessions; the
// caller starts a fresh one for the current client.
// Errors: invalid (current_password wrong, new_password too weak or the
// same as before), rate_limited, conflict (changed concurrently),
// not_found.
func (s *Service) ChangePassword(ctx context.Context, actor audit.Actor, current, next string) (*Admin, error) {
	if err := s.throttle(ctx, "admin-password:"+strconv.FormatInt(actor.ID, 10), passwordChecks, "password"); err != nil {
		return nil, err
	}
	a, err := findByID(ctx, s.db, actor.ID, false)
	if err != nil {
		return nil, err
	}
	if !VerifyPassword(a.PasswordHash, current) {
		return nil, apperr.InvalidField("current_password", "is not correct")
	}
	if current == next {
		return nil, apperr.InvalidField("new_password", "must differ from the current password")
	}
	hash, err := s.hashNew("new_password", next)
	if err != nil {
		return nil, err
	}
	before := a.snapshot()
	now := s.now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Guarded on the old hash: a concurrent reset must not be overwritten.
		res := tx.Model(&Admin{}).Where("id = ? AND password_hash = ?", a.ID, a.PasswordHash).
			Updates(map[string]any{"password_hash": hash, "must_change_password": false, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("change password: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return apperr.Conflict("the password was changed meanwhile; log in again")
		}
		if err := session.RevokeSubject(ctx, tx, session.KindAdmin, a.ID); err != nil {
			return fmt.Errorf("revoke sessions: %w", err)
		}
		a.PasswordHash, a.MustChangePassword, a.UpdatedAt = hash, false, now
		return audit.Record(ctx, tx, actor, audit.Change{Action: "admin.change_password", TargetType: "admin",
			TargetID: a.ID, Before: before, After: a.snapshot()})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}
