package payment

import (
	"context"
	"fmt"

	"fenxiao/internal/platform/apperr"
)

// foreignRefund handles a refund notification for a refund we did not
// send: the merchant is alerted (the refund was made in the provider's
// portal and the order must be adjusted by hand), after the trade's
// payment is confirmed if it was still pending here.
func (s *Service) foreignRefund(ctx context.Context, provider, outTradeNo string, res RefundResult) error {
	if err := s.confirmPendingTrade(ctx, provider, outTradeNo); err != nil {
		return err
	}
	a := Alert{Kind: AlertForeignRefund, Provider: provider, OutTradeNo: outTradeNo, Amount: res.Amount,
		DedupeKey: fmt.Sprintf("%s:%s:%s", AlertForeignRefund, provider, res.OutRefundNo),
		Detail:    fmt.Sprintf("refund %s (%s, %s) was not made through Fenxiao", res.OutRefundNo, res.Amount.Yuan(), res.Status)}
	if pay, err := loadByTradeNo(ctx, s.db, outTradeNo); err == nil {
		a.OrderID, a.PaymentID = &pay.OrderID, &pay.ID
	}
	return raiseAlert(ctx, s.db, a)
}

// confirmPendingTrade asks the provider about a trade whose attempt is
// still pending here and applies the payment it reports: a refund can
// only follow a payment, so the payment must be on our books first.
func (s *Service) confirmPendingTrade(ctx context.Context, provider, outTradeNo string) error {
	if outTradeNo == "" {
		return nil
	}
	pay, err := loadByTradeNo(ctx, s.db, outTradeNo)
	if apperr.Is(err, apperr.CodeNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if pay.Status != StatusPending || pay.Provider != provider {
		return nil
	}
	if _, ok := s.byName[provider].(Querier); !ok {
		return nil
	}
	_, err = s.applyQuery(ctx, *pay)
	return err
}
