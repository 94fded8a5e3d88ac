package payment

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// SendRefund asks the provider to return a processing refund (the
// payment.refund job) and applies its answer. An error means the outcome
// is unknown: the job retries, and the refund poll keeps asking.
func (s *Service) SendRefund(ctx context.Context, refundID int64) error {
	rf, err := s.loadRefund(ctx, "id = ?", refundID)
	if err != nil || rf == nil || rf.Status != RefundProcessing {
		return err
	}
	p, ok := s.byName[rf.Provider].(Refunder)
	if !ok {
		return fmt.Errorf("refund %s: provider %s is not configured", rf.OutRefundNo, rf.Provider)
	}
	res, err := p.Refund(ctx, RefundOrder{OutTradeNo: rf.OutTradeNo, OutRefundNo: rf.OutRefundNo, Amount: rf.Amount, Total: rf.Total, Reason: rf.Reason})
	if err != nil {
		s.noteRefundError(ctx, rf, err)
		return fmt.Errorf("refund %s through %s: %w", rf.OutRefundNo, rf.Provider, err)
	}
	return s.applyRefund(ctx, rf, res)
}

// RefundNotified applies a provider's verified refund notification. A
// refund we never asked for (made in the merchant portal) is alerted; if
// its payment was not recorded here yet (the refund notification overtook
// the payment's), the provider is asked about the payment first so the
// money is accounted for. Only infrastructure errors come back.
func (s *Service) RefundNotified(ctx context.Context, provider, outTradeNo string, res RefundResult) error {
	rf, err := s.loadRefund(ctx, "out_refund_no = ?", res.OutRefundNo)
	if err != nil {
		return err
	}
	if rf == nil || rf.Provider != provider {
		return s.foreignRefund(ctx, provider, outTradeNo, res)
	}
	return s.applyRefund(ctx, rf, res)
}

// CheckRefunds asks the provider about the processing refunds of one
// trade (Alipay's refund notifications name the trade, not the amount of
// each refund) and, when the trade's payment is still pending here, about
// the payment first.
func (s *Service) CheckRefunds(ctx context.Context, provider, outTradeNo string) error {
	if err := s.confirmPendingTrade(ctx, provider, outTradeNo); err != nil {
		return err
	}
	var open []Refund
	err := s.db.WithContext(ctx).Where("provider = ? AND out_trade_no = ? AND status = ?", provider, outTradeNo, RefundProcessing).
		Order("id").Find(&open).Error
	if err != nil {
		return fmt.Errorf("load processing refunds of %s: %w", outTradeNo, err)
	}
	for i := range open {
		if err := s.askAboutRefund(ctx, &open[i]); err != nil {
			return err
		}
	}
	return nil
}

// askAboutRefund queries one processing refund and applies the answer; a
// refund the provider never received is sent again (same out_refund_no,
// so it can only be paid once).
func (s *Service) askAboutRefund(ctx context.Context, rf *Refund) error {
	p, ok := s.byName[rf.Provider].(Refunder)
	if !ok {
		return nil
	}
	res, err := p.QueryRefund(ctx, rf.OutTradeNo, rf.OutRefundNo)
	if err != nil {
		s.noteRefundError(ctx, rf, err)
		return fmt.Errorf("ask %s about refund %s: %w", rf.Provider, rf.OutRefundNo, err)
	}
	if res == nil {
		return s.SendRefund(ctx, rf.ID)
	}
	return s.applyRefund(ctx, rf, *res)
}

// applyRefund applies the provider's word about rf exactly once.
func (s *Service) applyRefund(ctx context.Context, rf *Refund, res RefundResult) error {
	if res.Amount != 0 && res.Amount != rf.Amount {
		return raiseAlert(ctx, s.db, Alert{Kind: AlertMismatch, Provider: rf.Provider, OutTradeNo: rf.OutTradeNo, OrderID: &rf.OrderID,
			PaymentID: &rf.PaymentID, Amount: res.Amount, DedupeKey: "refund_amount:" + rf.OutRefundNo,
			Detail: fmt.Sprintf("refund %s reported as %s, we asked for %s", rf.OutRefundNo, res.Amount.Yuan(), rf.Amount.Yuan())})
	}
	switch res.Status {
	case RefundSucceeded:
		return s.completeRefund(ctx, rf, res)
	case RefundFailed:
		return s.failRefund(ctx, rf, res)
	}
	if res.NeedsMerchant {
		if err := s.stuckRefund(ctx, rf, res); err != nil {
			return err
		}
	}
	if res.ProviderRefundID == "" {
		return nil
	}
	return s.db.WithContext(ctx).Model(&Refund{}).Where("id = ? AND status = ?", rf.ID, RefundProcessing).
		Updates(map[string]any{"provider_refund_id": res.ProviderRefundID, "updated_at": database.Now()}).Error
}

// stuckRefund keeps a refund the merchant must unblock processing (it is
// still queried, and completes when the provider reports success), notes
// why, and alerts the merchant once.
func (s *Service) stuckRefund(ctx context.Context, rf *Refund, res RefundResult) error {
	return s.waitsForMerchant(ctx, rf, res.Detail, "refund_stuck:",
		fmt.Sprintf("refund %s of %s waits for the merchant: %s", rf.OutRefundNo, rf.Amount.Yuan(), res.Detail))
}

// waitsForMerchant notes why a processing refund waits (last_error) and
// raises one refund_stuck alert per refund and cause (dedupe prefix).
func (s *Service) waitsForMerchant(ctx context.Context, rf *Refund, why, dedupe, detail string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Model(&Refund{}).Where("id = ? AND status = ?", rf.ID, RefundProcessing).
			Updates(map[string]any{"last_error": clip(why, 250), "updated_at": database.Now()}).Error
		if err != nil {
			return fmt.Errorf("note waiting refund %d: %w", rf.ID, err)
		}
		return raiseAlert(ctx, tx, Alert{Kind: AlertRefundStuck, Provider: rf.Provider, OutTradeNo: rf.OutTradeNo, OrderID: &rf.OrderID,
			PaymentID: &rf.PaymentID, Amount: rf.Amount, DedupeKey: dedupe + rf.OutRefundNo, Detail: detail})
	})
}

// completeRefund marks rf succeeded and completes its after-sales request
// (lines, order state, commission clawback) in the same transaction.
func (s *Service) completeRefund(ctx context.Context, rf *Refund, res RefundResult) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		at := res.SucceededAt.UTC()
		if res.SucceededAt.IsZero() {
			at = database.Now()
		}
		fresh, err := finishRefundRow(tx, rf.ID, map[string]any{"status": RefundSucceeded, "succeeded_at": at,
			"provider_refund_id": res.ProviderRefundID, "raw": res.Raw, "last_error": ""})
		if err != nil {
			return err
		}
		if !fresh {
			return alertIfFailedBefore(ctx, tx, rf)
		}
		if rf.RefundRequestID == nil {
			return nil
		}
		return s.orders.CompleteRefund(ctx, tx, *rf.RefundRequestID)
	})
}

// alertIfFailedBefore: the provider says a refund we had recorded as failed
// (its amount released, the shopper told) went through after all. The
// money is back with the shopper but our order does not show it, so the
// merchant must reconcile it by hand; a repeat of a success is no news.
func alertIfFailedBefore(ctx context.Context, tx *gorm.DB, rf *Refund) error {
	var status []RefundStatus
	if err := tx.Model(&Refund{}).Where("id = ?", rf.ID).Pluck("status", &status).Error; err != nil {
		return fmt.Errorf("reload refund %d: %w", rf.ID, err)
	}
	if len(status) == 0 || status[0] != RefundFailed {
		return nil
	}
	return raiseAlert(ctx, tx, Alert{Kind: AlertRefundFailed, Provider: rf.Provider, OutTradeNo: rf.OutTradeNo, OrderID: &rf.OrderID,
		PaymentID: &rf.PaymentID, Amount: rf.Amount, DedupeKey: "refund_late_success:" + rf.OutRefundNo,
		Detail: fmt.Sprintf("refund %s of %s was recorded as failed but the provider now reports it succeeded: the money is back with the shopper; reconcile the order by hand", rf.OutRefundNo, rf.Amount.Yuan())})
}

// failRefund marks rf failed, fails its request (releasing the reserved
// amount) and alerts the merchant, in one transaction.
func (s *Service) failRefund(ctx context.Context, rf *Refund, res RefundResult) error {
	why := clip(res.Detail, 200)
	if why == "" {
		why = "the provider refused the refund"
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		fresh, err := finishRefundRow(tx, rf.ID, map[string]any{"status": RefundFailed, "last_error": why, "raw": res.Raw,
			"provider_refund_id": res.ProviderRefundID})
		if err != nil || !fresh {
			return err
		}
		if rf.RefundRequestID != nil {
			if err := s.orders.FailRefund(ctx, tx, *rf.RefundRequestID, "退款未成功 / refund failed: "+why); err != nil {
				return err
			}
		}
		return raiseAlert(ctx, tx, Alert{Kind: AlertRefundFailed, Provider: rf.Provider, OutTradeNo: rf.OutTradeNo, OrderID: &rf.OrderID,
			PaymentID: &rf.PaymentID, Amount: rf.Amount, DedupeKey: "refund_failed:" + rf.OutRefundNo,
			Detail: fmt.Sprintf("refund %s of %s failed: %s", rf.OutRefundNo, rf.Amount.Yuan(), why)})
	})
}

// finishRefundRow moves a refund out of processing; fresh is false when it
// was finished already (a repeated notification or a racing query).
func finishRefundRow(tx *gorm.DB, id int64, set map[string]any) (fresh bool, err error) {
	set["updated_at"], set["next_query_at"] = database.Now(), nil
	res := tx.Model(&Refund{}).Where("id = ? AND status = ?", id, RefundProcessing).Updates(set)
	if res.Error != nil {
		return false, fmt.Errorf("finish refund %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// noteRefundError keeps the last provider error for the merchant to see,
// and alerts once when only the merchant can fix it (a low balance). Best
// effort: the caller is already returning cause.
func (s *Service) noteRefundError(ctx context.Context, rf *Refund, cause error) {
	if errors.Is(cause, ErrMerchantBalance) {
		_ = s.waitsForMerchant(ctx, rf, cause.Error(), "refund_balance:",
			fmt.Sprintf("refund %s of %s waits: the merchant's balance with %s is too low; it is retried automatically", rf.OutRefundNo, rf.Amount.Yuan(), rf.Provider))
		return
	}
	s.db.WithContext(ctx).Model(&Refund{}).Where("id = ? AND status = ?", rf.ID, RefundProcessing).
		Updates(map[string]any{"last_error": clip(cause.Error(), 250), "updated_at": database.Now()})
}

func (s *Service) loadRefund(ctx context.Context, where string, arg any) (*Refund, error) {
	var rf Refund
	err := s.db.WithContext(ctx).Where(where, arg).Take(&rf).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load refund: %w", err)
	}
	return &rf, nil
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
