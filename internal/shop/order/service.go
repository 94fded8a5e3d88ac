package order

import (
	"context"
	"strings"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/member"
)

// AddressBook finds a shopper's address for the order snapshot.
type AddressBook interface {
	AddressForOrder(ctx context.Context, shopperID, addressID int64) (*member.Address, error)
}

// Enqueuer inserts background jobs inside the caller's transaction.
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// CartRemover drops bought SKUs from a shopper's cart inside the checkout
// transaction.
type CartRemover interface {
	RemoveSKUsTx(ctx context.Context, tx *gorm.DB, shopperID int64, skuIDs []int64) error
}

// Deps are the collaborators the order service uses.
type Deps struct {
	Addresses AddressBook
	Jobs      Enqueuer
	Cart      CartRemover
}

// Service manages orders.
type Service struct {
	db    *gorm.DB
	deps  Deps
	hooks Hooks
}

// NewService returns a Service.
func NewService(db *gorm.DB, deps Deps) *Service { return &Service{db: db, deps: deps} }

// action describes one lifecycle move for guarded updates and for the
// message a client sees when the move is not allowed.
type action struct {
	verb   string   // "shipped"
	from   []Status // statuses the move starts from
	phrase string   // how those statuses read in a sentence: "paid"
}

var (
	actCancel  = action{verb: "cancelled", from: []Status{StatusPendingPayment}, phrase: "unpaid"}
	actPay     = action{verb: "paid", from: []Status{StatusPendingPayment}, phrase: "unpaid"}
	actShip    = action{verb: "shipped", from: []Status{StatusPaid}, phrase: "paid"}
	actConfirm = action{verb: "confirmed as received", from: []Status{StatusShipped}, phrase: "shipped"}
	actRefund  = action{verb: "refunded", from: []Status{StatusPaid, StatusShipped, StatusCompleted}, phrase: "paid, shipped or completed"}
)

// illegal is the conflict for a move the order's status does not allow,
// e.g. "order is shipped; only paid orders can be shipped".
func illegal(st Status, a action) *apperr.Error {
	return apperr.Conflict("order is %s; only %s orders can be %s", humanStatus(st), a.phrase, a.verb).
		WithReason("illegal_transition")
}

func humanStatus(s Status) string { return strings.ReplaceAll(string(s), "_", " ") }

func (a action) allows(s Status) bool {
	for _, f := range a.from {
		if f == s {
			return true
		}
	}
	return false
}

// transition moves o to `to` with a guarded update (status must still be one
// of a.from, plus any extra guard) and writes the event. When the guard
// fails it reloads the status and returns the illegal-transition conflict,
// leaving nothing changed.
func (s *Service) transition(ctx context.Context, tx *gorm.DB, o *Order, a action, to Status, set map[string]any, ev Event, extra ...guard) error {
	now := database.Now()
	set["status"] = to
	set["updated_at"] = now
	ok, err := moveStatus(ctx, tx, o.ID, a.from, set, extra...)
	if err != nil {
		return err
	}
	if !ok {
		cur, err := loadOrder(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		*o = *cur
		return illegal(cur.Status, a)
	}
	ev.OrderID, ev.FromStatus, ev.ToStatus, ev.CreatedAt = o.ID, o.Status, to, now
	if err := insertEvent(ctx, tx, &ev); err != nil {
		return err
	}
	fresh, err := loadOrder(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	*o = *fresh
	return nil
}

// note records a timeline entry that does not change the status.
func (s *Service) note(ctx context.Context, tx *gorm.DB, o *Order, event string, by Actor, text string) error {
	ev := Event{OrderID: o.ID, FromStatus: o.Status, ToStatus: o.Status, Event: event,
		ActorType: by.Type, ActorID: by.ID, Note: text, CreatedAt: database.Now()}
	return insertEvent(ctx, tx, &ev)
}

func (s *Service) inTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}
