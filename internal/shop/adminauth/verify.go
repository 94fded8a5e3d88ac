package adminauth

import (
	"context"
	"strconv"

	"fenxiao/internal/platform/apperr"
)

// VerifyPassword re-checks the password of a signed-in admin before a
// sensitive action (approving a withdrawal). It shares the per-admin
// password-check throttle with ChangePassword, so it cannot be used to
// guess a password faster than the change form allows.
// Errors: rate_limited, forbidden (password_mismatch), not_found.
func (s *Service) VerifyPassword(ctx context.Context, adminID int64, password string) error {
	if err := s.throttle(ctx, "admin-password:"+strconv.FormatInt(adminID, 10), passwordChecks, "password"); err != nil {
		return err
	}
	a, err := findByID(ctx, s.db, adminID, false)
	if err != nil {
		return err
	}
	if a.Disabled || !VerifyPassword(a.PasswordHash, password) {
		return apperr.Forbidden("the password is not correct").WithReason("password_mismatch")
	}
	return nil
}
