package withdrawal

import (
	"context"

	"gorm.io/gorm"

	"fenxiao/internal/notify"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/sealed"
	"fenxiao/internal/referral"
)

// Distributors finds the distributor account of a shopper.
type Distributors interface {
	Mine(ctx context.Context, shopperID int64) (*referral.Distributor, error)
}

// Notifier writes an in-app notification in the caller's transaction.
type Notifier interface {
	Notify(ctx context.Context, tx *gorm.DB, n notify.Notification) error
}

// Passwords re-checks an admin's own password (throttled).
type Passwords interface {
	VerifyPassword(ctx context.Context, adminID int64, password string) error
}

// Service runs payout accounts and withdrawals.
type Service struct {
	db           *gorm.DB
	distributors Distributors
	notifier     Notifier
	passwords    Passwords
	payout       Payout
	box          *sealed.Box
}

// NewService returns a Service paying through payout (Manual when nil).
// box seals payout account numbers and real names at rest.
func NewService(db *gorm.DB, d Distributors, n Notifier, p Passwords, payout Payout, box *sealed.Box) *Service {
	if payout == nil {
		payout = Manual{}
	}
	return &Service{db: db, distributors: d, notifier: n, passwords: p, payout: payout, box: box}
}

// active returns the shopper's distributor when it is active.
// Errors: forbidden (not_a_distributor).
func (s *Service) active(ctx context.Context, shopperID int64) (*referral.Distributor, error) {
	d, err := s.distributors.Mine(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	if d.Status != referral.StatusActive {
		return nil, apperr.Forbidden("only active distributors can do this").WithReason("not_a_distributor")
	}
	return d, nil
}
