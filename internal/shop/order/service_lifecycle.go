package order

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/catalog"
)

// CancelByShopper cancels one of the shopper's unpaid orders and returns
// its stock. Errors: not_found (also someone else's order), conflict
// reason illegal_transition (not pending payment).
func (s *Service) CancelByShopper(ctx context.Context, shopperID, orderID int64) (*Order, error) {
	var o *Order
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		if o, err = loadShopperOrder(ctx, tx, shopperID, orderID); err != nil {
			return err
		}
		return s.cancel(ctx, tx, o, Actor{Type: ActorShopper, ID: shopperID}, "cancelled by the shopper")
	})
	return o, err
}

// CancelByAdmin cancels an unpaid order with a note (1..255 characters),
// audited. Errors: invalid, not_found, conflict reason illegal_transition.
func (s *Service) CancelByAdmin(ctx context.Context, by audit.Actor, orderID int64, note string) (*Order, error) {
	note = strings.TrimSpace(note)
	if note == "" || utf8.RuneCountInString(note) > 255 {
		return nil, apperr.InvalidField("note", "say why the order is cancelled (1 to 255 characters)")
	}
	var o *Order
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		if o, err = loadOrder(ctx, tx, orderID); err != nil {
			return err
		}
		before := o.Status
		if err := s.cancel(ctx, tx, o, Actor{Type: ActorAdmin, ID: by.ID}, note); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "order.cancel", TargetType: "order", TargetID: o.ID,
			Before: map[string]any{"status": before}, After: map[string]any{"status": o.Status}, Note: note})
	})
	return o, err
}

// AutoCancel cancels an order that is still unpaid after its expiry and
// returns its stock, after asking the payment providers whether it was
// paid after all (Hooks.Payments). It reports false (and no error) when the order was
// paid, cancelled already or is not due yet: racing the shopper's own
// cancel or a sweep, exactly one of them wins.
func (s *Service) AutoCancel(ctx context.Context, orderID int64) (bool, error) {
	if s.hooks.Payments != nil {
		if err := s.hooks.Payments.CheckBeforeCancel(ctx, orderID); err != nil {
			return false, fmt.Errorf("check payments before cancelling order %d: %w", orderID, err)
		}
	}
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		o, err := loadOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		due := guard{sql: "expires_at <= ?", args: []any{database.Now()}}
		return s.cancel(ctx, tx, o, Actor{Type: ActorSystem}, "not paid in time", due)
	})
	return settled(err)
}

// settled turns "someone else already moved it / not due / gone" into a
// quiet false for background jobs.
func settled(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if apperr.Is(err, apperr.CodeConflict) || apperr.Is(err, apperr.CodeNotFound) {
		return false, nil
	}
	return false, err
}

func (s *Service) cancel(ctx context.Context, tx *gorm.DB, o *Order, by Actor, reason string, extra ...guard) error {
	now := database.Now()
	set := map[string]any{"cancelled_at": now, "cancel_reason": reason}
	ev := Event{Event: EventCancelled, ActorType: by.Type, ActorID: by.ID, Note: reason}
	if err := s.transition(ctx, tx, o, actCancel, StatusCancelled, set, ev, extra...); err != nil {
		return err
	}
	lines, err := linesOf(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	units := map[int64]int64{}
	for _, l := range lines {
		units[l.SKUID] += l.Quantity
	}
	if err := returnUnits(ctx, tx, units); err != nil {
		return err
	}
	if s.hooks.Payments == nil {
		return nil
	}
	return s.hooks.Payments.OnCancelled(ctx, tx, o.ID)
}

// returnUnits puts stock back in SKU id order (a consistent lock order).
func returnUnits(ctx context.Context, tx *gorm.DB, units map[int64]int64) error {
	ids := make([]int64, 0, len(units))
	for id := range units {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		if units[id] == 0 {
			continue
		}
		if err := catalog.ReturnStock(ctx, tx, id, units[id]); err != nil {
			return err
		}
	}
	return nil
}

// Ship records the parcel of a paid order and schedules its automatic
// completion. carrier and trackingNo are required (at most 64 characters).
// Errors: invalid, not_found, conflict reason illegal_transition.
func (s *Service) Ship(ctx context.Context, by audit.Actor, orderID int64, carrier, trackingNo string) (*Order, error) {
	carrier, trackingNo = strings.TrimSpace(carrier), strings.TrimSpace(trackingNo)
	if carrier == "" || utf8.RuneCountInString(carrier) > 64 {
		return nil, apperr.InvalidField("carrier", "is required (at most 64 characters)")
	}
	if trackingNo == "" || utf8.RuneCountInString(trackingNo) > 64 {
		return nil, apperr.InvalidField("tracking_no", "is required (at most 64 characters)")
	}
	cfg, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	var o *Order
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		if o, err = loadOrder(ctx, tx, orderID); err != nil {
			return err
		}
		now := database.Now()
		set := map[string]any{"carrier": carrier, "tracking_no": trackingNo, "shipped_at": now}
		ev := Event{Event: EventShipped, ActorType: ActorAdmin, ActorID: by.ID, Note: carrier + " " + trackingNo}
		if err := s.transition(ctx, tx, o, actShip, StatusShipped, set, ev); err != nil {
			return err
		}
		opts := &river.InsertOpts{ScheduledAt: now.Add(cfg.AutoConfirmAfter())}
		if err := s.deps.Jobs.EnqueueTx(ctx, tx, AutoConfirmArgs{OrderID: o.ID}, opts); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "order.ship", TargetType: "order", TargetID: o.ID,
			Before: map[string]any{"status": StatusPaid}, After: map[string]any{"status": o.Status, "carrier": carrier, "tracking_no": trackingNo}})
	})
	return o, err
}

// ConfirmReceipt completes one of the shopper's shipped orders.
// Errors: not_found, conflict reason illegal_transition.
func (s *Service) ConfirmReceipt(ctx context.Context, shopperID, orderID int64) (*Order, error) {
	var o *Order
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		if o, err = loadShopperOrder(ctx, tx, shopperID, orderID); err != nil {
			return err
		}
		return s.complete(ctx, tx, o, Actor{Type: ActorShopper, ID: shopperID}, "received")
	})
	return o, err
}

// AutoConfirm completes an order still shipped auto_confirm_days after
// shipping. It reports false (no error) when the order is not shipped any
// more or not due under the current setting.
func (s *Service) AutoConfirm(ctx context.Context, orderID int64) (bool, error) {
	cfg, err := s.Settings(ctx)
	if err != nil {
		return false, err
	}
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		o, err := loadOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		due := guard{sql: "shipped_at <= ?", args: []any{database.Now().Add(-cfg.AutoConfirmAfter())}}
		return s.complete(ctx, tx, o, Actor{Type: ActorSystem}, "confirmed automatically", due)
	})
	return settled(err)
}

func (s *Service) complete(ctx context.Context, tx *gorm.DB, o *Order, by Actor, note string, extra ...guard) error {
	set := map[string]any{"completed_at": database.Now()}
	ev := Event{Event: EventCompleted, ActorType: by.Type, ActorID: by.ID, Note: note}
	if err := s.transition(ctx, tx, o, actConfirm, StatusCompleted, set, ev, extra...); err != nil {
		return err
	}
	if s.hooks.Lifecycle == nil {
		return nil
	}
	return s.hooks.Lifecycle.OnCompleted(ctx, tx, o)
}
