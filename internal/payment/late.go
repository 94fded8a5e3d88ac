package payment

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/order"
)

// latePayment takes money the order could not take when it arrived. A
// cancelled order whose stock is still there is restored and becomes paid;
// otherwise (and for a second payment of a paid order) the attempt is
// recorded as paid, the money is refunded through the provider when the
// merchant's order settings allow it, and the merchant is alerted either
// way. Nothing is ever silently lost.
func (s *Service) latePayment(ctx context.Context, pay *Payment, c Confirmation, why *order.NotPayableError) (Outcome, error) {
	if !why.PaidByOther && why.Status == order.StatusCancelled {
		outcome, err := s.restore(ctx, pay, c)
		if err == nil {
			return outcome, nil
		}
		if !apperr.Is(err, apperr.CodeConflict) {
			return "", err
		}
		// Out of stock (or no longer restorable): the money goes back.
	}
	return s.orphan(ctx, pay, c, why)
}

// restore marks the attempt paid and the cancelled order paid again, in
// one transaction; a conflict (out of stock) rolls both back.
func (s *Service) restore(ctx context.Context, pay *Payment, c Confirmation) (Outcome, error) {
	outcome := OutcomeRestored
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		fresh, err := s.markAttemptPaid(tx, pay, c)
		if err != nil || !fresh {
			outcome = OutcomeDuplicate
			return err
		}
		info := order.PaymentInfo{Provider: pay.Provider, Method: pay.Method, TransactionID: c.TransactionID, Amount: c.Amount, PaidAt: c.PaidAt}
		if err := s.orders.RestorePaid(ctx, tx, pay.OrderID, info); err != nil {
			return err
		}
		detail := fmt.Sprintf("order %d was cancelled before its payment of %s arrived; it had stock and is paid again", pay.OrderID, c.Amount.Yuan())
		if err := record(ctx, tx, c, &pay.ID, OutcomeRestored, detail); err != nil {
			return err
		}
		return raiseAlert(ctx, tx, Alert{Kind: AlertRestored, Provider: c.Provider, OutTradeNo: c.OutTradeNo, OrderID: &pay.OrderID,
			PaymentID: &pay.ID, Amount: c.Amount, Detail: detail, DedupeKey: string(AlertRestored) + ":" + c.OutTradeNo})
	})
	return outcome, err
}

// orphan records money the order could not take: the attempt becomes
// paid (it was); with automatic refunds on, a full refund is queued in
// the same transaction; the merchant is alerted.
func (s *Service) orphan(ctx context.Context, pay *Payment, c Confirmation, why *order.NotPayableError) (Outcome, error) {
	st, err := s.orders.Settings(ctx)
	if err != nil {
		return "", err
	}
	_, refundable := s.byName[pay.Provider].(Refunder)
	auto := st.AutoRefundLatePayments && refundable
	kind, detail := AlertPaidAfterCancel, fmt.Sprintf("paid %s for order %d in state %s", c.Amount.Yuan(), pay.OrderID, why.Status)
	if why.PaidByOther {
		kind, detail = AlertPaidTwice, fmt.Sprintf("paid %s for order %d, which another payment had paid already", c.Amount.Yuan(), pay.OrderID)
	}
	if auto {
		kind, detail = AlertLatePaymentRefunded, detail+"; refunding it automatically as "+lateRefundNo(pay)
	} else {
		detail += "; refund it by hand"
	}
	outcome := OutcomeOrphaned
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		fresh, err := s.markAttemptPaid(tx, pay, c)
		if err != nil || !fresh {
			outcome = OutcomeDuplicate
			return err
		}
		if err := record(ctx, tx, c, &pay.ID, OutcomeOrphaned, detail); err != nil {
			return err
		}
		if auto {
			paid := *pay
			paid.Status, paid.TransactionID = StatusPaid, c.TransactionID
			if _, err := s.queueRefund(ctx, tx, &paid, nil, lateRefundNo(pay), c.Amount, "订单已取消，自动退款"); err != nil {
				return err
			}
		}
		return raiseAlert(ctx, tx, Alert{Kind: kind, Provider: c.Provider, OutTradeNo: c.OutTradeNo, OrderID: &pay.OrderID,
			PaymentID: &pay.ID, Amount: c.Amount, Detail: detail, DedupeKey: string(kind) + ":" + c.OutTradeNo})
	})
	if errors.Is(err, errOtherTransaction) {
		return "", err
	}
	return outcome, err
}

// lateRefundNo is the out_refund_no of the automatic refund of an attempt:
// derived from the attempt, so it can never be sent twice under two numbers.
func lateRefundNo(pay *Payment) string { return "RF" + pay.OutTradeNo }
