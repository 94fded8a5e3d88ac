package payment

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// Source is how a confirmation reached us.
type Source string

const (
	SourceNotification Source = "notification"
	SourceQuery        Source = "query"
	SourceManual       Source = "manual"
	SourceSandbox      Source = "sandbox"
)

// Confirmation is a provider's verified word that a payment attempt was
// paid: from a notification whose signature was checked, an active query,
// a manual reconciliation or the sandbox. It is the one input that makes
// an attempt (and so an order) paid.
type Confirmation struct {
	Provider      string
	Source        Source
	OutTradeNo    string
	TransactionID string
	Amount        money.Fen
	// AppID and MchID as the provider reported them; checked against the
	// expected ones when those are not empty.
	AppID, MchID string
	PaidAt       time.Time
	// Raw is the verified, decrypted payload kept for audit. Providers must
	// strip anything secret before passing it.
	Raw string
}

// Identity is who a provider's confirmations must name.
type Identity struct {
	AppID, MchID string
}

// Outcome is what a confirmation did.
type Outcome string

const (
	OutcomePaid      Outcome = "paid"      // the attempt and the order became paid
	OutcomeDuplicate Outcome = "duplicate" // already applied; nothing changed
	OutcomeRejected  Outcome = "rejected"  // did not match our records; alerted
	OutcomeUnknown   Outcome = "unknown_trade"
	// OutcomeOrphaned: the money arrived but the order could not take it
	// (cancelled and out of stock, or paid by another attempt); the attempt
	// is recorded as paid, the money refunded automatically when the
	// merchant allows it, and the merchant alerted.
	OutcomeOrphaned Outcome = "orphaned"
	// OutcomeRestored: the order had been cancelled, its stock was still
	// there, and it became paid after all.
	OutcomeRestored Outcome = "restored"
)

// Confirm applies a confirmation exactly once. Concurrent and repeated
// deliveries of one confirmation change state once (the attempt's guarded
// pending->paid update and the order's share one transaction).
// Mismatches and unknown trades never mark anything paid; they raise an
// alert and return the outcome with a nil error, since retrying cannot
// fix them. Errors are infrastructure failures the provider should retry.
//
// It is the batch of ConfirmNotification with one confirmation: the first
// word on an attempt still pending is applied as a batch of one; anything
// else (a repeat, a mismatch, an unknown trade, a failed attempt, an order
// that can no longer take the money, a race) goes to confirmAlone, which
// decides each case.
func (s *Service) Confirm(ctx context.Context, c Confirmation, want Identity) (Outcome, error) {
	if alone := s.confirmTogether(ctx, []*queuedConfirm{{c: c, want: want}}); len(alone) == 0 {
		return OutcomePaid, nil
	}
	return s.confirmAlone(ctx, c, want)
}

// confirmAlone applies a confirmation that a batch did not take, deciding
// its case on the attempt and the order as they are now.
func (s *Service) confirmAlone(ctx context.Context, c Confirmation, want Identity) (Outcome, error) {
	pay, err := loadByTradeNo(ctx, s.db, c.OutTradeNo)
	if apperr.Is(err, apperr.CodeNotFound) {
		return OutcomeUnknown, s.reject(ctx, c, nil, AlertUnknownTrade, OutcomeUnknown, "no payment attempt has this out_trade_no")
	}
	if err != nil {
		return "", err
	}
	if why := mismatch(pay, c, want); why != "" {
		return OutcomeRejected, s.reject(ctx, c, pay, AlertMismatch, OutcomeRejected, why)
	}
	outcome, err := s.apply(ctx, pay, c)
	if err != nil {
		return "", err
	}
	return outcome, nil
}

// mismatch names every field of c that disagrees with the attempt.
func mismatch(pay *Payment, c Confirmation, want Identity) string {
	var why []string
	if c.Provider != pay.Provider {
		why = append(why, fmt.Sprintf("provider %q, attempt made with %q", c.Provider, pay.Provider))
	}
	if c.Amount != pay.Amount {
		why = append(why, fmt.Sprintf("amount %s, attempt is %s", c.Amount.Yuan(), pay.Amount.Yuan()))
	}
	if want.AppID != "" && c.AppID != want.AppID {
		why = append(why, fmt.Sprintf("app id %q, ours is %q", c.AppID, want.AppID))
	}
	if want.MchID != "" && c.MchID != want.MchID {
		why = append(why, fmt.Sprintf("merchant id %q, ours is %q", c.MchID, want.MchID))
	}
	if c.TransactionID == "" {
		why = append(why, "no transaction id")
	}
	return strings.Join(why, "; ")
}

// apply marks the attempt and its order paid in one transaction, or, when
// the order cannot take the money, records the attempt paid and alerts.
func (s *Service) apply(ctx context.Context, pay *Payment, c Confirmation) (Outcome, error) {
	outcome := OutcomePaid
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		fresh, err := s.markAttemptPaid(tx, pay, c)
		if errors.Is(err, errOtherTransaction) {
			outcome = OutcomeRejected
			return nil
		}
		if err != nil || !fresh {
			outcome = OutcomeDuplicate
			return err
		}
		info := order.PaymentInfo{Provider: pay.Provider, Method: pay.Method, TransactionID: c.TransactionID, Amount: c.Amount, PaidAt: c.PaidAt}
		if err := s.orders.MarkPaid(ctx, tx, pay.OrderID, info); err != nil {
			return err
		}
		return record(ctx, tx, c, &pay.ID, OutcomePaid, "")
	})
	var notPayable *order.NotPayableError
	if errors.As(err, &notPayable) {
		outcome, err = s.latePayment(ctx, pay, c, notPayable)
		if errors.Is(err, errOtherTransaction) {
			return OutcomeRejected, s.reject(ctx, c, pay, AlertMismatch, OutcomeRejected, "the attempt is paid by another transaction id")
		}
		return outcome, err
	}
	if err != nil {
		return "", err
	}
	if outcome == OutcomeRejected {
		return outcome, s.reject(ctx, c, pay, AlertMismatch, OutcomeRejected, "the attempt is paid by another transaction id")
	}
	if outcome == OutcomeDuplicate {
		return outcome, s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return record(ctx, tx, c, &pay.ID, OutcomeDuplicate, "")
		})
	}
	return outcome, nil
}

// markAttemptPaid moves the attempt from pending (or failed: the provider
// took the money after all) to paid; fresh is false when it was paid
// already by this same transaction. A different transaction on a paid
// attempt is refused as a conflict.
//
// Lock order: step 1 of the payment transaction (see package distribution).
func (s *Service) markAttemptPaid(tx *gorm.DB, pay *Payment, c Confirmation) (fresh bool, err error) {
	now := database.Now()
	paidAt := c.PaidAt
	if paidAt.IsZero() {
		paidAt = now
	}
	res := tx.Model(&Payment{}).Where("id = ? AND status IN ?", pay.ID, []Status{StatusPending, StatusFailed}).
		Updates(map[string]any{"status": StatusPaid, "transaction_id": c.TransactionID, "paid_at": paidAt.UTC(), "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("mark payment %d paid: %w", pay.ID, res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	var cur Payment
	if err := tx.Where("id = ?", pay.ID).Take(&cur).Error; err != nil {
		return false, fmt.Errorf("reload payment %d: %w", pay.ID, err)
	}
	if cur.TransactionID != c.TransactionID {
		return false, errOtherTransaction
	}
	return false, nil
}

// errOtherTransaction: the attempt is paid, by a different transaction id.
var errOtherTransaction = errors.New("payment attempt paid by another transaction")

// reject records a confirmation we refused and alerts the merchant.
func (s *Service) reject(ctx context.Context, c Confirmation, pay *Payment, kind AlertKind, outcome Outcome, why string) error {
	var paymentID, orderID *int64
	if pay != nil {
		paymentID, orderID = &pay.ID, &pay.OrderID
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := record(ctx, tx, c, paymentID, outcome, why); err != nil {
			return err
		}
		return raiseAlert(ctx, tx, Alert{Kind: kind, Provider: c.Provider, OutTradeNo: c.OutTradeNo, OrderID: orderID,
			PaymentID: paymentID, Amount: c.Amount, Detail: why, DedupeKey: fmt.Sprintf("%s:%s:%s:%s", kind, c.Provider, c.OutTradeNo, c.TransactionID)})
	})
}

// record keeps the first copy of each confirmation and its outcome.
func record(ctx context.Context, tx *gorm.DB, c Confirmation, paymentID *int64, outcome Outcome, detail string) error {
	return recordAll(ctx, tx, []recorded{{c: c, paymentID: paymentID, outcome: outcome, detail: detail}})
}

// recorded is one confirmation to keep, with what it did.
type recorded struct {
	c         Confirmation
	paymentID *int64
	outcome   Outcome
	detail    string
}

// recordAll keeps the first copy of each confirmation and its outcome, in
// one statement.
func recordAll(ctx context.Context, tx *gorm.DB, rs []recorded) error {
	now := database.Now()
	args := make([]any, 0, 10*len(rs))
	for _, r := range rs {
		c := r.c
		args = append(args, r.paymentID, c.Provider, string(c.Source), c.OutTradeNo, c.TransactionID, int64(c.Amount), string(r.outcome), r.detail, c.Raw, now)
	}
	err := tx.WithContext(ctx).Exec(`INSERT INTO payment_confirmations (payment_id, provider, source, out_trade_no, transaction_id, amount, outcome, detail, raw, created_at)
		VALUES `+database.Tuples(len(rs), 10)+`
		ON CONFLICT (provider, out_trade_no, source, transaction_id, outcome) DO NOTHING`, args...).Error
	if err != nil {
		return fmt.Errorf("record payment confirmations: %w", err)
	}
	return nil
}
