package withdrawal

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// ConfirmInfo is what the distributor's H5 app passes to WeChat to confirm
// receipt of its withdrawal's waiting transfer (mch id, app id,
// package_info). Only the owner gets it, and only while WeChat waits.
// Errors: forbidden (not_a_distributor), not_found (also another
// distributor's withdrawal), conflict (wrong_status: nothing to confirm;
// transfer_expired; package_unavailable).
func (s *Service) ConfirmInfo(ctx context.Context, shopperID, id int64) (*ConfirmPayload, error) {
	d, err := s.distributors.Mine(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	w, err := findWithdrawal(s.db.WithContext(ctx), d.ID, id)
	if err != nil {
		return nil, err
	}
	if w.Status != StatusApproved || w.PayoutState != PayoutWaitUser {
		return nil, apperr.Conflict("this withdrawal is not waiting for you to confirm receipt").WithReason("wrong_status")
	}
	c, ok := s.payoutNamed(w.Provider).(UserConfirmer)
	if !ok || w.PayoutPackage == "" || w.PayoutSentAt == nil {
		// A send whose answer was lost in a crash is known from a query,
		// which carries no package: it expires, or an admin cancels it.
		return nil, apperr.Conflict("the confirmation is not available; the merchant will cancel the transfer").WithReason("package_unavailable")
	}
	expires := w.PayoutSentAt.Add(confirmWindow)
	if !database.Now().Before(expires) {
		return nil, apperr.Conflict("the transfer has expired; the amount returns to your balance").WithReason("transfer_expired")
	}
	p := c.ConfirmPayload(w.PayoutPackage)
	p.ExpiresAt = expires
	return &p, nil
}

// CancelPayout gives up on a provider payout an admin no longer wants. A
// queued one (nothing sent) fails at once. A WeChat transfer waiting for
// the distributor is revoked at WeChat and fails once WeChat confirms the
// cancellation (usually at once). A send whose outcome is unknown fails if
// the provider, asked after the send lease, holds nothing under the
// number. Failing returns the amount to available and notifies the
// distributor. Audited. Errors: not_found, conflict (wrong_status;
// not_cancellable: the provider is paying it; payout_sending: a send may
// be on its way, try again in a few minutes), unavailable (the provider
// did not answer).
func (s *Service) CancelPayout(ctx context.Context, by audit.Actor, id int64) (*Withdrawal, error) {
	w, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if w.Status != StatusApproved || w.Provider == ProviderManual {
		return nil, apperr.Conflict("only an approved withdrawal paid through a provider has a transfer to cancel").WithReason("wrong_status")
	}
	p := s.payoutNamed(w.Provider)
	switch {
	case w.PayoutState == PayoutQueued:
		return s.cancelUnsent(ctx, by, w)
	case p == nil:
		return nil, apperr.Unavailable("%s is not configured", w.Provider)
	case w.PayoutState == PayoutSending:
		if w.PayoutSentAt != nil && database.Now().Before(w.PayoutSentAt.Add(sendLease)) {
			return nil, apperr.Conflict("a transfer may be on its way; try again in a few minutes").WithReason("payout_sending")
		}
		r, err := p.Query(ctx, *w)
		if err != nil {
			return nil, apperr.Unavailable("%s did not answer; try again later", w.Provider)
		}
		if r.Outcome == OutcomeNotFound {
			return s.cancelUnsent(ctx, by, w)
		}
		if err := s.record(ctx, w, r); err != nil {
			return nil, err
		}
		return nil, apperr.Conflict("the transfer exists after all (%s); look again", r.Outcome).WithReason("wrong_status")
	case w.PayoutState == PayoutWaitUser:
		if _, ok := p.(Canceller); !ok {
			return nil, apperr.Conflict("%s transfers cannot be cancelled", w.Provider).WithReason("not_cancellable")
		}
		return s.revoke(ctx, by, w)
	}
	return nil, apperr.Conflict("the %s transfer is %s and can no longer be cancelled", w.Provider, w.PayoutState).WithReason("not_cancellable")
}

// cancelUnsent fails a payout the provider holds nothing of, unless a send
// was claimed since w was read.
func (s *Service) cancelUnsent(ctx context.Context, by audit.Actor, w *Withdrawal) (*Withdrawal, error) {
	reason := cancelledByMerchant
	guard := map[string]any{"provider": w.Provider, "payout_state": w.PayoutState, "payout_attempts": w.PayoutAttempts}
	set := map[string]any{"reason": reason, "payout_state": PayoutFailed, "payout_package": "", "payout_next_at": nil}
	return s.transition(ctx, w.ID, change{by: by, from: StatusApproved, to: StatusFailed, guard: guard, set: set,
		note: "cancel payout: " + reason, post: release("fail")})
}

// revoke cancels a waiting transfer for an admin: marked canceling first
// (audited), so the package is no longer handed out, then revoked at the
// provider; the end comes from the provider, now or through the poll.
func (s *Service) revoke(ctx context.Context, by audit.Actor, w *Withdrawal) (*Withdrawal, error) {
	if err := s.markCanceling(ctx, by, w); err != nil {
		return nil, err
	}
	if err := s.Advance(ctx, w.ID); err != nil {
		return nil, err
	}
	return s.Get(ctx, w.ID)
}

// markCanceling moves a waiting payout to canceling with an audit entry.
// Errors: conflict (wrong_status).
func (s *Service) markCanceling(ctx context.Context, by audit.Actor, w *Withdrawal) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&Withdrawal{}).Where("id = ? AND status = ? AND payout_state = ? AND payout_attempts = ?",
			w.ID, StatusApproved, PayoutWaitUser, w.PayoutAttempts).
			Updates(map[string]any{"payout_state": PayoutCanceling, "reason": cancelledByMerchant, "payout_queries": 0,
				"payout_next_at": database.Now().Add(PayoutDelay(0)), "updated_at": database.Now()})
		if res.Error != nil {
			return fmt.Errorf("mark withdrawal %d canceling: %w", w.ID, res.Error)
		}
		if res.RowsAffected == 0 {
			return apperr.Conflict("the transfer moved on; look again").WithReason("wrong_status")
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "withdrawal.payout_cancel", TargetType: "withdrawal", TargetID: w.ID,
			Before: map[string]any{"payout_state": PayoutWaitUser}, After: map[string]any{"payout_state": PayoutCanceling}})
	})
}

// TransferNotified applies a verified provider notification about the
// transfer under outBizNo (a PayoutNo). Numbers that are not open payouts
// of provider are ignored; only database errors come back (the provider retries).
func (s *Service) TransferNotified(ctx context.Context, provider, outBizNo string, r Result) error {
	id, err := strconv.ParseInt(strings.TrimPrefix(outBizNo, "W"), 10, 64)
	if err != nil || PayoutNoOf(id) != outBizNo {
		return nil
	}
	w, err := s.Get(ctx, id)
	if apperr.Is(err, apperr.CodeNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if w.Provider == provider && w.Status == StatusFailed && r.Outcome == OutcomePaid {
		// Paid after we returned the money: settlePaid cannot move it, and
		// leaves the admin the note to reconcile it by hand.
		return s.settlePaid(ctx, w, r)
	}
	if w.Provider != provider || w.Status != StatusApproved || !w.PayoutState.open() || r.Outcome == OutcomeNotFound || r.Outcome == OutcomeRejected {
		return nil
	}
	return s.record(ctx, w, r)
}
