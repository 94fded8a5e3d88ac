package withdrawal

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fenxiao/internal/platform/database"
)

const (
	// queuedGrace leaves a queued payout to its job before the poll sends it.
	queuedGrace = 2 * time.Minute
	// sendLease is how long a send may still be on its way: the poll does not
	// ask about it earlier and an admin cannot cancel it before.
	sendLease = 5 * time.Minute
	// confirmWindow is how long WeChat lets the payee confirm a transfer.
	confirmWindow = 24 * time.Hour
)

// PayoutDelay is the back-off between two questions about one open payout:
// one minute, then doubling up to an hour.
func PayoutDelay(asked int) time.Duration {
	d := time.Minute
	for i := 0; i < asked && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// route is the payout for withdrawals to an account kind, nil when they are
// paid manually: no provider for the kind, no job queue, or (WeChat) no
// transfer scene in the payout settings.
func (s *Service) route(ctx context.Context, kind Kind) (Payout, error) {
	p := s.payouts[kind]
	if p == nil || s.jobs == nil {
		return nil, nil
	}
	if kind == KindWeChat {
		st, err := s.PayoutSettings(ctx)
		if err != nil || st.WeChatSceneID == "" {
			return nil, err
		}
	}
	return p, nil
}

// Advance moves one provider payout on; it is the body of the payout job
// and of the poll, and safe to run concurrently with itself. A queued
// payout is sent. Any other open one is asked about first, and sent again
// (under the same number) only when the provider holds nothing under it.
// Provider trouble is recorded on the withdrawal (payout_error) and asked
// about again by the poll; only database errors come back.
func (s *Service) Advance(ctx context.Context, id int64) error {
	w, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if w.Status != StatusApproved || !w.PayoutState.open() {
		return nil
	}
	p := s.payoutNamed(w.Provider)
	if p == nil {
		return s.trouble(ctx, w, errors.New(w.Provider+" is not configured"))
	}
	if w.PayoutState == PayoutQueued {
		return s.send(ctx, p, w)
	}
	r, err := p.Query(ctx, *w)
	switch {
	case err != nil:
		return s.trouble(ctx, w, err)
	case r.Outcome == OutcomeNotFound && w.PayoutState == PayoutSending:
		return s.send(ctx, p, w) // the last send created nothing
	case r.Outcome == OutcomeNotFound:
		// Its state came from the provider, so it existed: never send on
		// that; keep asking and let an admin see why.
		return s.trouble(ctx, w, errors.New("the provider no longer finds the transfer "+w.PayoutNo))
	}
	return s.record(ctx, w, r)
}

// send claims w and sends it. A send that fails or is refused settles
// nothing by itself: what the provider then holds under the number does.
func (s *Service) send(ctx context.Context, p Payout, w *Withdrawal) error {
	t, err := s.transferOf(ctx, *w)
	if err != nil {
		return s.trouble(ctx, w, err)
	}
	if ok, err := s.claim(ctx, w); err != nil || !ok {
		return err
	}
	r, sendErr := p.Send(ctx, t)
	refused := sendErr == nil && (r.Outcome == OutcomeRejected || r.Outcome == OutcomeFailed)
	if sendErr == nil && !refused {
		return s.record(ctx, w, r)
	}
	q, err := p.Query(ctx, *w)
	switch {
	case err != nil && sendErr != nil:
		return s.trouble(ctx, w, fmt.Errorf("%w; then %w", sendErr, err))
	case err != nil:
		return s.trouble(ctx, w, fmt.Errorf("refused (%s); then %w", r.Reason, err))
	case q.Outcome == OutcomeNotFound && refused:
		return s.fail(ctx, w, failReason(w, r))
	case q.Outcome == OutcomeNotFound:
		return s.trouble(ctx, w, sendErr) // nothing was created: the poll sends again
	}
	return s.record(ctx, w, q)
}

// transferOf opens what the provider needs to pay w.
func (s *Service) transferOf(ctx context.Context, w Withdrawal) (Transfer, error) {
	target, err := s.PayoutTarget(ctx, w)
	if err != nil {
		return Transfer{}, err
	}
	st, err := s.PayoutSettings(ctx)
	if err != nil {
		return Transfer{}, err
	}
	return Transfer{Withdrawal: w, Target: *target, Settings: st}, nil
}

// claim records "sending" (one more attempt) in its own transaction unless
// another run changed w since it was read; only the run that claimed may
// send, and a withdrawal is only failed against the attempt count its
// failure was judged on, so a send and a failure can never cross.
func (s *Service) claim(ctx context.Context, w *Withdrawal) (bool, error) {
	now := database.Now()
	next := now.Add(sendLease)
	res := s.db.WithContext(ctx).Model(&Withdrawal{}).
		Where("id = ? AND status = ? AND payout_state = ? AND payout_attempts = ?", w.ID, StatusApproved, w.PayoutState, w.PayoutAttempts).
		Updates(map[string]any{"payout_state": PayoutSending, "payout_attempts": w.PayoutAttempts + 1, "payout_sent_at": now,
			"payout_next_at": next, "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("claim withdrawal %d for sending: %w", w.ID, res.Error)
	}
	if res.RowsAffected != 1 {
		return false, nil
	}
	w.PayoutState, w.PayoutAttempts, w.PayoutSentAt, w.PayoutNextAt = PayoutSending, w.PayoutAttempts+1, &now, &next
	return true, nil
}

// trouble records why a payout did not move and when to ask again.
func (s *Service) trouble(ctx context.Context, w *Withdrawal, cause error) error {
	next := database.Now().Add(PayoutDelay(w.PayoutQueries))
	err := s.db.WithContext(ctx).Model(&Withdrawal{}).Where("id = ? AND status = ?", w.ID, StatusApproved).
		Updates(map[string]any{"payout_error": clip(cause.Error(), 255), "payout_queries": w.PayoutQueries + 1, "payout_next_at": next}).Error
	if err != nil {
		return fmt.Errorf("record payout trouble of withdrawal %d: %w", w.ID, err)
	}
	return nil
}

// failReason is what the distributor reads when a provider payout failed.
func failReason(w *Withdrawal, r Result) string {
	switch {
	case w.PayoutState == PayoutCanceling && w.Reason != "":
		return w.Reason // why it was cancelled
	case w.PayoutState == PayoutCanceling:
		return cancelledByMerchant
	case w.PayoutState == PayoutWaitUser && w.PayoutSentAt != nil && database.Now().Sub(*w.PayoutSentAt) >= confirmWindow:
		return "超过 24 小时未在微信确认收款，转账已关闭"
	case r.Reason != "":
		return clip("转账未成功："+r.Reason, 200)
	}
	return "转账未成功"
}

// cancelledByMerchant is the reason of a payout an admin cancelled.
const cancelledByMerchant = "商家已撤销本次转账"

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
