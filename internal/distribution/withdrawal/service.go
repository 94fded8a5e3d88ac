package withdrawal

import (
	"context"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/sealed"
	"fenxiao/internal/shop/member"
)

// Distributors finds the distributor account of a shopper.
type Distributors interface {
	Mine(ctx context.Context, shopperID int64) (*referral.Distributor, error)
}

// Shoppers is what withdrawal reads of shoppers (member.Service), on tx:
// the nickname and whether a WeChat is linked, for a WeChat payout card.
type Shoppers interface {
	Shopper(ctx context.Context, tx *gorm.DB, id int64) (*member.Shopper, error)
	HasWeChat(ctx context.Context, tx *gorm.DB, shopperID int64) (bool, error)
}

// Notifier writes an in-app notification in the caller's transaction.
type Notifier interface {
	Notify(ctx context.Context, tx *gorm.DB, ns ...notify.Notification) error
}

// Passwords re-checks an admin's own password (throttled).
type Passwords interface {
	VerifyPassword(ctx context.Context, adminID int64, password string) error
}

// Enqueuer inserts a background job in the caller's transaction.
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// Service runs payout accounts and withdrawals.
type Service struct {
	db           *gorm.DB
	distributors Distributors
	shoppers     Shoppers
	notifier     Notifier
	passwords    Passwords
	box          *sealed.Box
	payouts      map[Kind]Payout // configured providers
	jobs         Enqueuer        // without it every payout is manual
}

// Deps is what withdrawals use. Payouts names the configured provider for
// each kind of payout account paid automatically; other kinds are paid
// manually, and so is every kind without Jobs.
type Deps struct {
	Distributors Distributors
	Shoppers     Shoppers
	Notifier     Notifier
	Passwords    Passwords
	Jobs         Enqueuer
	Payouts      map[Kind]Payout
}

// NewService returns a Service; box seals payout account numbers and real
// names at rest.
func NewService(db *gorm.DB, d Deps, box *sealed.Box) *Service {
	payouts := map[Kind]Payout{}
	for kind, p := range d.Payouts {
		payouts[kind] = p
	}
	return &Service{db: db, distributors: d.Distributors, shoppers: d.Shoppers, notifier: d.Notifier, passwords: d.Passwords,
		box: box, payouts: payouts, jobs: d.Jobs}
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
