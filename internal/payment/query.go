package payment

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// Querier is a provider that can be asked about its trades (WeChat Pay,
// Alipay): notifications can be late or lost, so before giving up on an
// order we ask.
type Querier interface {
	// QueryPayment returns the provider's confirmation when the trade is
	// paid, nil when it is not (or the provider never saw it).
	QueryPayment(ctx context.Context, outTradeNo string) (*Confirmation, error)
	// ClosePayment closes an unpaid trade so it can no longer be paid; a
	// trade the provider never saw is closed already.
	ClosePayment(ctx context.Context, outTradeNo string) error
	// Identity is the app and merchant its confirmations must name.
	Identity() Identity
}

// CheckBeforeCancel asks the providers about every pending attempt of the
// order and applies any payment they report, so an order the shopper paid
// is never cancelled because its notification was late (order.Hooks).
// An error means a provider could not be asked; the caller must not
// cancel yet.
func (s *Service) CheckBeforeCancel(ctx context.Context, orderID int64) error {
	pending, err := s.queryable(s.db.WithContext(ctx), orderID)
	if err != nil {
		return err
	}
	for _, pay := range pending {
		if _, err := s.applyQuery(ctx, pay); err != nil {
			return err
		}
	}
	return nil
}

// queryable are the order's pending attempts whose provider can be asked.
func (s *Service) queryable(db *gorm.DB, orderID int64) ([]Payment, error) {
	var pending []Payment
	if err := db.Where("order_id = ? AND status = ?", orderID, StatusPending).Order("id").Find(&pending).Error; err != nil {
		return nil, fmt.Errorf("load pending payments of order %d: %w", orderID, err)
	}
	out := pending[:0]
	for _, p := range pending {
		if _, ok := s.byName[p.Provider].(Querier); ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// applyQuery asks the attempt's provider and confirms a reported payment;
// paid says whether it was paid.
func (s *Service) applyQuery(ctx context.Context, pay Payment) (paid bool, err error) {
	q := s.byName[pay.Provider].(Querier)
	c, err := q.QueryPayment(ctx, pay.OutTradeNo)
	if err != nil {
		return false, fmt.Errorf("ask %s about %s: %w", pay.Provider, pay.OutTradeNo, err)
	}
	if c == nil {
		return false, nil
	}
	c.Source = SourceQuery
	_, err = s.Confirm(ctx, *c, q.Identity())
	return err == nil, err
}

// OnCancelled enqueues the closing of the cancelled order's open trades,
// in the cancelling transaction (order.Hooks).
func (s *Service) OnCancelled(ctx context.Context, tx *gorm.DB, orderID int64) error {
	if s.jobs == nil {
		return nil
	}
	open, err := s.queryable(tx.WithContext(ctx), orderID)
	if err != nil || len(open) == 0 {
		return err
	}
	return s.jobs.EnqueueTx(ctx, tx, CloseArgs{OrderID: orderID}, nil)
}

// CloseOpen closes a cancelled order's open trades. A trade found paid is
// confirmed instead (the money is then recorded and alerted, never lost);
// the next attempt of the job retries anything that failed.
func (s *Service) CloseOpen(ctx context.Context, orderID int64) error {
	open, err := s.queryable(s.db.WithContext(ctx), orderID)
	if err != nil {
		return err
	}
	for _, pay := range open {
		paid, err := s.applyQuery(ctx, pay)
		if err != nil || paid {
			if err != nil {
				return err
			}
			continue
		}
		if err := s.byName[pay.Provider].(Querier).ClosePayment(ctx, pay.OutTradeNo); err != nil {
			return fmt.Errorf("close %s trade %s: %w", pay.Provider, pay.OutTradeNo, err)
		}
		err = s.db.WithContext(ctx).Model(&Payment{}).Where("id = ? AND status = ?", pay.ID, StatusPending).
			Updates(map[string]any{"status": StatusClosed, "updated_at": database.Now()}).Error
		if err != nil {
			return fmt.Errorf("mark payment %d closed: %w", pay.ID, err)
		}
	}
	return nil
}
