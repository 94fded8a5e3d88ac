package commission

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/order"
)

// settleBatch bounds one run of the settle job; the next run continues.
const settleBatch = 500

// errRaced rolls back a settlement another transaction got to first.
var errRaced = errors.New("commission record changed meanwhile")

// OnCompleted starts the after-sales window of the order's pending
// commissions (order.Lifecycle): they unlock settle_after_days after
// completion.
func (s *Service) OnCompleted(ctx context.Context, tx *gorm.DB, o *order.Order) error {
	cfg, err := loadSettings(ctx, tx)
	if err != nil {
		return err
	}
	at := database.Now()
	if o.CompletedAt != nil {
		at = *o.CompletedAt
	}
	unlock := at.Add(time.Duration(cfg.SettleAfterDays) * 24 * time.Hour)
	err = tx.WithContext(ctx).Model(&Record{}).Where("order_id = ? AND status = ?", o.ID, StatusPending).
		Update("unlock_at", unlock).Error
	if err != nil {
		return fmt.Errorf("set commission unlock time: %w", err)
	}
	return nil
}

// SettleDue settles every pending record whose window has passed and
// whose order has no open (pending or processing) refund request, one transaction per record so
// one bad row never blocks the others. It returns how many it settled and
// the first error met (after trying all).
func (s *Service) SettleDue(ctx context.Context) (int, error) {
	ids, err := s.dueRecords(s.db.WithContext(ctx), database.Now(), settleBatch)
	if err != nil {
		return 0, err
	}
	var n int
	var first error
	for _, id := range ids {
		ok, err := s.settleOne(ctx, id)
		switch {
		case err != nil:
			s.deps.Log.Error("settle commission", "record_id", id, "err", err)
			if first == nil {
				first = err
			}
		case ok:
			n++
		}
	}
	return n, first
}

// settleOne moves one record's net commission from pending to available.
// The status update is guarded (still pending, nothing reversed since the
// read), so racing a refund or another run never moves money twice.
func (s *Service) settleOne(ctx context.Context, id int64) (bool, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r Record
		if err := tx.Where("id = ? AND status = ?", id, StatusPending).Take(&r).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return errRaced
			}
			return fmt.Errorf("load commission record %d: %w", id, err)
		}
		open, err := s.deps.Orders.HasOpenRefund(ctx, tx, r.OrderID)
		if err != nil {
			return err
		}
		if open {
			return errRaced
		}
		// The distributor's row first, as payments and refunds take it
		// before anything else they lock, or they deadlock on PostgreSQL.
		if err := s.deps.Referral.LockDistributors(ctx, tx, []int64{r.DistributorID}); err != nil {
			return err
		}
		now := database.Now()
		res := tx.Model(&Record{}).Where("id = ? AND status = ? AND reversed_amount = ?", r.ID, StatusPending, r.ReversedAmount).
			Updates(map[string]any{"status": StatusSettled, "settled_at": now})
		if res.Error != nil {
			return fmt.Errorf("settle commission record %d: %w", r.ID, res.Error)
		}
		if res.RowsAffected != 1 {
			return errRaced
		}
		return s.postSettle(ctx, tx, r)
	})
	if errors.Is(err, errRaced) {
		return false, nil
	}
	return err == nil, err
}

func (s *Service) postSettle(ctx context.Context, tx *gorm.DB, r Record) error {
	net := r.Net()
	if net <= 0 {
		return nil // nothing earned (frozen, capped) or everything reversed
	}
	_, err := ledger.Post(ctx, tx, ledger.Entry{Key: r.key("settle"), Type: ledger.TypeCommissionSettle, RefType: "order", RefID: r.OrderID,
		Memo: fmt.Sprintf("tier %d commission on order line %d settled", r.Tier, r.OrderLineID),
		Lines: []ledger.Line{
			{Account: ledger.Distributor(r.DistributorID, ledger.KindPending), Amount: -net, RequireNonNegative: true},
			{Account: ledger.Distributor(r.DistributorID, ledger.KindAvailable), Amount: net},
		}})
	if err != nil {
		return err
	}
	if err := s.progress().AddSettled(ctx, tx, r.DistributorID, net); err != nil {
		return err
	}
	shopperID, err := s.shopperOf(ctx, tx, r.DistributorID)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("commission_settled:%d", r.ID)
	return s.deps.Notify.Notify(ctx, tx, notify.Notification{RecipientShopperID: shopperID, Kind: notify.KindCommissionSettled,
		Title: "佣金已结算", Body: fmt.Sprintf("¥%s 佣金已转为可提现", net.Yuan()),
		Data:      map[string]any{"order_id": r.OrderID, "record_id": r.ID, "tier": r.Tier, "amount": int64(net)},
		DedupeKey: &key})
}

func (s *Service) shopperOf(ctx context.Context, tx *gorm.DB, distributorID int64) (int64, error) {
	e, err := s.deps.Referral.Earner(ctx, tx, distributorID)
	if err != nil {
		return 0, err
	}
	if e == nil {
		return 0, fmt.Errorf("distributor %d is gone", distributorID)
	}
	return e.ShopperID, nil
}
