package withdrawal

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// providerActor is who audit entries name for what a provider reported.
func providerActor(provider string) audit.Actor {
	return audit.Actor{Username: provider, Role: "system"}
}

// record applies what the provider says about w's transfer. Every write
// is guarded, so a duplicate (notification and poll at once) is a no-op.
func (s *Service) record(ctx context.Context, w *Withdrawal, r Result) error {
	if r.Amount != 0 && r.Amount != w.Net && r.Outcome != OutcomeNotFound {
		// Not this withdrawal's transfer (a number reused after a database
		// reset?): settle nothing on it.
		return s.trouble(ctx, w, fmt.Errorf("the provider's transfer %s is for %d fen, not %d", w.PayoutNo, r.Amount, w.Net))
	}
	switch r.Outcome {
	case OutcomePaid:
		return s.settlePaid(ctx, w, r)
	case OutcomeFailed:
		return s.fail(ctx, w, failReason(w, r))
	case OutcomeWaitUser:
		if w.PayoutState == PayoutCanceling || (r.PackageInfo == "" && w.PayoutPackage == "") {
			return s.cancelWaiting(ctx, w, lostPackage)
		}
		_, err := s.progress(ctx, w, PayoutWaitUser, r.PackageInfo)
		return err
	case OutcomeCanceling:
		_, err := s.progress(ctx, w, PayoutCanceling, "")
		return err
	case OutcomePending:
		st := PayoutProcessing
		if w.PayoutState == PayoutCanceling || w.PayoutState == PayoutWaitUser {
			st = w.PayoutState // CANCELING or ACCEPTED on the way
		}
		_, err := s.progress(ctx, w, st, "")
		return err
	}
	return s.trouble(ctx, w, fmt.Errorf("unexpected outcome %q for %s", r.Outcome, w.PayoutNo))
}

// lostPackage is why a waiting transfer nobody can confirm is revoked.
const lostPackage = "未能取得微信收款确认信息，转账已撤销，请重新申请提现"

// cancelWaiting revokes a WeChat transfer waiting for the payee: asked by
// an admin (already canceling), or one known only from a query, which
// carries no package_info, so the distributor could never confirm it (the
// send's answer was lost to a timeout or a crash). It is revoked rather
// than sent again; the failure then returns the amount. A cancel that does
// not go through is tried again on the next question.
func (s *Service) cancelWaiting(ctx context.Context, w *Withdrawal, reason string) error {
	c, ok := s.payoutNamed(w.Provider).(Canceller)
	if !ok {
		_, err := s.progress(ctx, w, w.PayoutState, "")
		return err
	}
	if w.PayoutState != PayoutCanceling {
		w.Reason = reason
		if moved, err := s.progress(ctx, w, PayoutCanceling, ""); err != nil || !moved {
			return err
		}
	}
	r, err := c.Cancel(ctx, *w)
	switch {
	case err != nil:
		return s.trouble(ctx, w, fmt.Errorf("cancel: %w", err))
	case r.Outcome == OutcomeFailed: // CANCELLED at once
		return s.fail(ctx, w, failReason(w, r))
	}
	return nil // CANCELING: the next question tells the end
}

// settlePaid is MarkPaid for a provider payout: the reference is the
// provider's bill id. A paid transfer is the truth whatever the local
// state says, so only status and provider guard it.
func (s *Service) settlePaid(ctx context.Context, w *Withdrawal, r Result) error {
	ref := clip(r.Reference, 64)
	if ref == "" {
		ref = w.PayoutNo
	}
	set := map[string]any{"reference": ref, "paid_at": database.Now(), "payout_state": PayoutPaid, "payout_package": "",
		"payout_error": "", "payout_next_at": nil}
	_, before, moved, err := s.apply(ctx, w.ID, change{by: providerActor(w.Provider), from: StatusApproved, to: StatusPaid,
		guard: map[string]any{"provider": w.Provider}, set: set, note: w.Provider + " " + ref, post: paid})
	if err != nil || moved || before.Status == StatusPaid {
		return err
	}
	// The guards make this unreachable; if it ever happens, money left
	// twice (once returned to available), and an admin must know.
	return s.db.WithContext(ctx).Model(&Withdrawal{}).Where("id = ?", w.ID).
		Update("payout_error", clip("PAID BY "+w.Provider+" ("+ref+") AFTER IT WAS "+string(before.Status)+": reconcile by hand", 255)).Error
}

// fail is Fail for a provider payout: the amount returns to available and
// the distributor is told why. It only applies while no send happened
// since the failure was judged (same attempt count).
func (s *Service) fail(ctx context.Context, w *Withdrawal, reason string) error {
	set := map[string]any{"reason": reason, "payout_state": PayoutFailed, "payout_package": "", "payout_next_at": nil}
	guard := map[string]any{"provider": w.Provider, "payout_attempts": w.PayoutAttempts}
	_, _, _, err := s.apply(ctx, w.ID, change{by: providerActor(w.Provider), from: StatusApproved, to: StatusFailed,
		guard: guard, set: set, note: reason, post: release("fail")})
	return err
}

// progress records an open state (and w.Reason, the failure reason in
// waiting) and schedules the next question; false when another run
// changed w first. The distributor is told once when WeChat waits for its
// confirmation.
func (s *Service) progress(ctx context.Context, w *Withdrawal, st PayoutState, packageInfo string) (bool, error) {
	now := database.Now()
	set := map[string]any{"payout_state": st, "payout_error": "", "payout_queries": w.PayoutQueries + 1, "reason": w.Reason,
		"payout_next_at": now.Add(PayoutDelay(w.PayoutQueries)), "updated_at": now}
	if packageInfo != "" {
		set["payout_package"] = packageInfo
	}
	moved := false
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&Withdrawal{}).Where("id = ? AND status = ? AND payout_state = ? AND payout_attempts = ?",
			w.ID, StatusApproved, w.PayoutState, w.PayoutAttempts).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("record payout state of withdrawal %d: %w", w.ID, res.Error)
		}
		if moved = res.RowsAffected == 1; !moved || st != PayoutWaitUser || w.PayoutState == PayoutWaitUser {
			return nil
		}
		return s.notifier.Notify(ctx, tx, confirmNotice(w))
	})
	if err != nil || !moved {
		return false, err
	}
	w.PayoutState, w.PayoutQueries = st, w.PayoutQueries+1
	if packageInfo != "" {
		w.PayoutPackage = packageInfo
	}
	return true, nil
}

// confirmNotice asks the distributor to confirm receipt in WeChat.
func confirmNotice(w *Withdrawal) notify.Notification {
	key := "withdrawal:" + w.OutBizNo + ":" + string(PayoutWaitUser)
	return notify.Notification{RecipientShopperID: w.ShopperID, Kind: notify.KindWithdrawalApproved, DedupeKey: &key,
		Title: "请确认收款", Body: "您的 " + w.Net.Yuan() + " 元提现已转出，请在 24 小时内打开提现记录，在微信中确认收款，逾期将退回可提现余额。",
		Data: map[string]any{"withdrawal_id": w.ID, "amount": int64(w.Amount), "net": int64(w.Net), "action": "confirm_receipt"}}
}
