package payment

import (
	"context"
	"strings"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// Passwords re-checks an admin's own password (adminauth.Service).
type Passwords interface {
	VerifyPassword(ctx context.Context, adminID int64, password string) error
}

// ReconcileInput is an admin's manual confirmation of a payment the
// provider took but whose notification never arrived.
type ReconcileInput struct {
	TransactionID string `json:"transaction_id" validate:"required,max=64"`
	Note          string `json:"note" validate:"required,max=500"`
	Password      string `json:"password" validate:"required,max=128"`
}

// Reconcile confirms attempt outTradeNo by hand: the admin re-enters its
// password and must leave a note. When the provider can be asked, it must
// confirm the payment with this transaction id; otherwise the admin's word
// is taken for the attempt's amount. It then goes through Confirm, so the
// order, commissions, leaderboard and notifications follow exactly once,
// and it is audited. Errors: forbidden (password_mismatch), rate_limited,
// not_found, conflict (not_pending, provider_says_unpaid,
// transaction_mismatch, and Confirm's rejections as mismatch),
// unavailable (the provider could not be asked).
func (s *Service) Reconcile(ctx context.Context, by audit.Actor, pw Passwords, outTradeNo string, in ReconcileInput) (*Payment, error) {
	in.TransactionID, in.Note = strings.TrimSpace(in.TransactionID), strings.TrimSpace(in.Note)
	if in.Note == "" {
		return nil, apperr.InvalidField("note", "say why and on what evidence")
	}
	if err := pw.VerifyPassword(ctx, by.ID, in.Password); err != nil {
		return nil, err
	}
	pay, err := loadByTradeNo(ctx, s.db, outTradeNo)
	if err != nil {
		return nil, err
	}
	if pay.Status != StatusPending && pay.Status != StatusFailed {
		return nil, apperr.Conflict("this payment attempt is %s", pay.Status).WithReason("not_pending")
	}
	c, want, err := s.reconcileConfirmation(ctx, pay, in.TransactionID)
	if err != nil {
		return nil, err
	}
	out, err := s.Confirm(ctx, c, want)
	if err != nil {
		return nil, err
	}
	if out == OutcomeRejected || out == OutcomeUnknown {
		return nil, apperr.Conflict("the confirmation does not match this attempt; see the payment alerts").WithReason("mismatch")
	}
	err = audit.Record(ctx, s.db, by, audit.Change{Action: "payment.reconcile", TargetType: "payment", TargetID: pay.ID, Note: in.Note,
		After: map[string]any{"out_trade_no": pay.OutTradeNo, "transaction_id": in.TransactionID, "outcome": out, "source": c.Source}})
	if err != nil {
		return nil, err
	}
	return loadByTradeNo(ctx, s.db, outTradeNo)
}

// reconcileConfirmation builds the confirmation: the provider's own answer
// when it can be asked, the admin's word otherwise.
func (s *Service) reconcileConfirmation(ctx context.Context, pay *Payment, txID string) (Confirmation, Identity, error) {
	q, ok := s.byName[pay.Provider].(Querier)
	if !ok {
		return Confirmation{Provider: pay.Provider, Source: SourceManual, OutTradeNo: pay.OutTradeNo, TransactionID: txID,
			Amount: pay.Amount, PaidAt: database.Now(), Raw: `{"manual":true}`}, Identity{}, nil
	}
	c, err := q.QueryPayment(ctx, pay.OutTradeNo)
	if err != nil {
		return Confirmation{}, Identity{}, apperr.Unavailable("could not ask %s about this payment; try again shortly", pay.Provider)
	}
	if c == nil {
		return Confirmation{}, Identity{}, apperr.Conflict("%s says this payment was not made", pay.Provider).WithReason("provider_says_unpaid")
	}
	if c.TransactionID != txID {
		return Confirmation{}, Identity{}, apperr.InvalidField("transaction_id", "does not match the provider's transaction id for this payment").WithReason("transaction_mismatch")
	}
	c.Source = SourceManual
	return *c, q.Identity(), nil
}
