package commission

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/settings"
	"fenxiao/internal/shop/order"
)

// Referrals is the part of the referral domain commission uses
// (referral.Service), in the caller's transaction.
type Referrals interface {
	// Attribution and the buyers' bindings.
	Attribution(ctx context.Context, tx *gorm.DB, shopperID int64) (tier1, tier2 *referral.DistributorRef, err error)
	MarkPurchase(ctx context.Context, tx *gorm.DB, shopperIDs []int64, at time.Time) error
	LockOnPaid(ctx context.Context, tx *gorm.DB, shopperIDs []int64) error

	// The distributors and levels commission is worked out with; referral
	// owns their tables.
	Earner(ctx context.Context, tx *gorm.DB, id int64) (*referral.Earner, error)
	EarnerOfShopper(ctx context.Context, tx *gorm.DB, shopperID int64) (*referral.Earner, error)
	Earners(ctx context.Context, tx *gorm.DB, ids []int64) ([]referral.Earner, error)
	LevelsByRank(ctx context.Context, tx *gorm.DB) ([]referral.Level, error)
	LevelOf(ctx context.Context, tx *gorm.DB, id *int64) (*referral.Level, error)
	CountPaidOrders(ctx context.Context, tx *gorm.DB, counts map[int64]int64) error
	LockDistributors(ctx context.Context, tx *gorm.DB, ids []int64) error
}

// Orders is what commission reads of the order domain's tables
// (order.Service): an order line and whether an order has an open refund.
type Orders interface {
	Line(ctx context.Context, tx *gorm.DB, id int64) (*order.Line, error)
	HasOpenRefund(ctx context.Context, tx *gorm.DB, orderID int64) (bool, error)
	// NoOpenRefund is the condition that the order whose id is in column
	// orderIDColumn has no open refund, for a query of commission records.
	NoOpenRefund(orderIDColumn string) clause.Expr
}

// Notifier writes in-app notifications in the caller's transaction.
type Notifier interface {
	Notify(ctx context.Context, tx *gorm.DB, ns ...notify.Notification) error
}

// Progress counts settled commission towards distributor levels in the
// caller's transaction (referral.Service.AddSettled).
type Progress interface {
	AddSettled(ctx context.Context, tx *gorm.DB, distributorID int64, amount money.Fen) error
}

// noProgress is used when no Progress is wired.
type noProgress struct{}

func (noProgress) AddSettled(context.Context, *gorm.DB, int64, money.Fen) error { return nil }

// Deps are the collaborators of the commission service.
type Deps struct {
	Referral    Referrals
	Orders      Orders
	Notify      Notifier
	Leaderboard leaderboard.Board
	Log         *slog.Logger
	// Progress is optional.
	Progress Progress
}

func (s *Service) progress() Progress {
	if s.deps.Progress == nil {
		return noProgress{}
	}
	return s.deps.Progress
}

// Service accrues, settles and reverses two-tier commissions. It plugs into
// the order lifecycle (order.Attributor and order.Lifecycle) so every
// movement happens in the transaction of the order change that causes it.
type Service struct {
	db   *gorm.DB
	deps Deps
}

// NewService returns a Service.
func NewService(db *gorm.DB, deps Deps) *Service {
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	return &Service{db: db, deps: deps}
}

// Settings returns the commission settings (defaults when never saved).
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(ctx, s.db)
}

// SaveSettings validates and stores the commission settings, audited.
// Errors: invalid.
func (s *Service) SaveSettings(ctx context.Context, by audit.Actor, in Settings) (Settings, error) {
	if err := in.Validate(); err != nil {
		return Settings{}, err
	}
	return in, settings.Replace(ctx, s.db, by, "settings.commission", SettingsKey, in, loadSettings)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
