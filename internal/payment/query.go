package payment

import (
	"context"
	"fmt"
)

// Querier is a provider that can be asked about its trades (WeChat Pay,
// Alipay): notifications can be late or lost, so before giving up on an
// order we ask.
type Querier interface {
	// QueryPayment returns the provider's confirmation when the trade is
	// paid, nil when it is not (or the provider never saw it).
	QueryPayment(ctx context.Context, outTradeNo string) (*Confirmation, error)
	// Identity is the app and merchant its confirmations must name.
	Identity() Identity
}

// CheckBeforeCancel asks the providers about every pending attempt of the
// order and applies any payment they report, so an order the shopper paid
// is never cancelled because its notification was late (order.Hooks).
// An error means a provider could not be asked; the caller must not
// cancel yet.
func (s *Service) CheckBeforeCancel(ctx context.Context, orderID int64) error {
	var pending []Payment
	if err := s.db.WithContext(ctx).Where("order_id = ? AND status = ?", orderID, StatusPending).Order("id").Find(&pending).Error; err != nil {
		return fmt.Errorf("load pending payments of order %d: %w", orderID, err)
	}
	for _, pay := range pending {
		q, ok := s.byName[pay.Provider].(Querier)
		if !ok {
			continue
		}
		c, err := q.QueryPayment(ctx, pay.OutTradeNo)
		if err != nil {
			return fmt.Errorf("ask %s about %s: %w", pay.Provider, pay.OutTradeNo, err)
		}
		if c == nil {
			continue
		}
		c.Source = SourceQuery
		if _, err := s.Confirm(ctx, *c, q.Identity()); err != nil {
			return err
		}
	}
	return nil
}
