package withdrawal

import (
	"context"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/media"
)

// PayoutInput records a manual transfer.
type PayoutInput struct {
	Reference string `json:"reference"`
	ProofURL  string `json:"proof_url"`
}

// Approve moves a pending withdrawal to approved after the admin re-enters
// its own password. When the payout account's kind has a configured
// provider the withdrawal is paid through it: the send job is enqueued in
// the same transaction (payout_run.go). Audited; notifies
// withdrawal_approved. Errors: forbidden (password_mismatch),
// rate_limited, not_found, conflict (wrong_status).
func (s *Service) Approve(ctx context.Context, by audit.Actor, id int64, password string) (*Withdrawal, error) {
	if err := s.passwords.VerifyPassword(ctx, by.ID, password); err != nil {
		return nil, err
	}
	w, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := s.route(ctx, w.PayoutKind)
	if err != nil {
		return nil, err
	}
	now := database.Now()
	c := change{by: by, from: StatusPending, to: StatusApproved, set: map[string]any{"reviewed_by": by.ID, "reviewed_at": now}}
	if p != nil {
		next := now.Add(queuedGrace)
		c.set["provider"], c.set["payout_state"], c.set["payout_next_at"] = p.Name(), PayoutQueued, next
		c.then = func(ctx context.Context, tx *gorm.DB, w *Withdrawal) error {
			return s.jobs.EnqueueTx(ctx, tx, PayoutArgs{WithdrawalID: w.ID}, nil)
		}
	}
	return s.transition(ctx, id, c)
}

// Reject refuses a pending withdrawal and returns its amount to available.
// Audited; notifies withdrawal_rejected. Errors: invalid (reason),
// not_found, conflict (wrong_status).
func (s *Service) Reject(ctx context.Context, by audit.Actor, id int64, reason string) (*Withdrawal, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return nil, err
	}
	set := map[string]any{"reason": reason, "reviewed_by": by.ID, "reviewed_at": database.Now()}
	return s.transition(ctx, id, change{by: by, from: StatusPending, to: StatusRejected, set: set, note: reason, post: release("reject")})
}

// Fail marks an approved manual withdrawal whose transfer failed and
// returns its amount to available (provider payouts end by themselves or
// through CancelPayout). Audited; notifies withdrawal_rejected with the
// reason. Errors: invalid (reason), not_found, conflict (wrong_status,
// provider_payout).
func (s *Service) Fail(ctx context.Context, by audit.Actor, id int64, reason string) (*Withdrawal, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return nil, err
	}
	if err := s.checkManual(ctx, id); err != nil {
		return nil, err
	}
	return s.transition(ctx, id, change{by: by, from: StatusApproved, to: StatusFailed, guard: manualOnly(),
		set: map[string]any{"reason": reason}, note: reason, post: release("fail")})
}

// MarkPaid records the manual transfer of an approved withdrawal: the net
// goes to paid_out and the fee to the merchant. Audited; notifies
// withdrawal_paid. Errors: invalid (reference, proof_url), not_found,
// conflict (wrong_status, provider_payout: a provider pays it).
func (s *Service) MarkPaid(ctx context.Context, by audit.Actor, id int64, in PayoutInput) (*Withdrawal, error) {
	ref := strings.TrimSpace(in.Reference)
	if ref == "" || utf8.RuneCountInString(ref) > 64 {
		return nil, apperr.InvalidField("reference", "is required (at most 64 characters)")
	}
	proof := strings.TrimSpace(in.ProofURL)
	if proof != "" && (!strings.HasPrefix(proof, media.URLPrefix) || !media.ValidName(strings.TrimPrefix(proof, media.URLPrefix))) {
		return nil, apperr.InvalidField("proof_url", "must be an uploaded image (/uploads/...)")
	}
	if err := s.checkManual(ctx, id); err != nil {
		return nil, err
	}
	set := map[string]any{"reference": ref, "proof_url": proof, "paid_at": database.Now()}
	return s.transition(ctx, id, change{by: by, from: StatusApproved, to: StatusPaid, guard: manualOnly(), set: set, post: paid})
}

// checkManual refuses hand-made outcomes for a provider payout: only the
// provider knows whether its transfer went out. Errors: not_found,
// conflict (provider_payout).
func (s *Service) checkManual(ctx context.Context, id int64) error {
	w, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if w.Provider != ProviderManual && w.Status == StatusApproved {
		return apperr.Conflict("this withdrawal is paid through %s; cancel the transfer instead", w.Provider).WithReason("provider_payout")
	}
	return nil
}

func manualOnly() map[string]any { return map[string]any{"provider": ProviderManual} }

func checkReason(r string) (string, error) {
	r = strings.TrimSpace(r)
	if r == "" || utf8.RuneCountInString(r) > 200 {
		return "", apperr.InvalidField("reason", "is required (at most 200 characters)")
	}
	return r, nil
}

// posting builds the ledger entry of a transition.
type posting func(w *Withdrawal) ledger.Entry

func release(step string) posting {
	return func(w *Withdrawal) ledger.Entry {
		return ledger.Entry{Key: entryKey(w.ID, step), Type: ledger.TypeWithdrawRelease, RefType: "withdrawal", RefID: w.ID,
			Lines: []ledger.Line{
				{Account: ledger.Distributor(w.DistributorID, ledger.KindWithdrawing), Amount: -w.Amount, RequireNonNegative: true},
				{Account: ledger.Distributor(w.DistributorID, ledger.KindAvailable), Amount: w.Amount},
			}}
	}
}

func paid(w *Withdrawal) ledger.Entry {
	lines := []ledger.Line{
		{Account: ledger.Distributor(w.DistributorID, ledger.KindWithdrawing), Amount: -w.Amount, RequireNonNegative: true},
		{Account: ledger.Distributor(w.DistributorID, ledger.KindPaidOut), Amount: w.Net},
	}
	if w.Fee > 0 {
		lines = append(lines, ledger.Line{Account: ledger.Merchant(ledger.KindAdjustment), Amount: w.Fee})
	}
	return ledger.Entry{Key: entryKey(w.ID, "paid"), Type: ledger.TypeWithdrawPaid, RefType: "withdrawal", RefID: w.ID, Lines: lines}
}

// change is one guarded status transition.
type change struct {
	by       audit.Actor
	from, to Status
	guard    map[string]any // further column values the row must still have
	set      map[string]any
	note     string
	post     posting
	// then runs in the transaction after the update (jobs to enqueue).
	then func(ctx context.Context, tx *gorm.DB, w *Withdrawal) error
}

// transition applies c: a guarded update, its ledger entry (if any), an
// audit entry and the notification, all in one transaction. Errors:
// not_found, conflict (wrong_status when the row moved on first).
func (s *Service) transition(ctx context.Context, id int64, c change) (*Withdrawal, error) {
	out, before, moved, err := s.apply(ctx, id, c)
	if err == nil && !moved {
		err = apperr.Conflict("the withdrawal is %s, not %s", before.Status, c.from).WithReason("wrong_status")
	}
	return out, err
}

// apply is transition reporting a lost guard as moved == false (nothing
// written) instead of an error.
func (s *Service) apply(ctx context.Context, id int64, c change) (out, before *Withdrawal, moved bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if before, err = findWithdrawal(tx, 0, id); err != nil {
			return err
		}
		c.set["status"], c.set["updated_at"] = c.to, database.Now()
		if moved, err = move(tx, id, c.from, c.guard, c.set); err != nil || !moved {
			return err
		}
		if out, err = findWithdrawal(tx, 0, id); err != nil {
			return err
		}
		if c.post != nil {
			if _, err := ledger.Post(ctx, tx, c.post(out)); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, c.by, audit.Change{Action: "withdrawal." + string(c.to), TargetType: "withdrawal",
			TargetID: id, Before: before, After: out, Note: c.note}); err != nil {
			return err
		}
		if c.then != nil {
			if err := c.then(ctx, tx, out); err != nil {
				return err
			}
		}
		return s.notifier.Notify(ctx, tx, notice(out))
	})
	return out, before, moved, err
}

// notice tells the distributor what happened to its withdrawal.
func notice(w *Withdrawal) notify.Notification {
	n := notify.Notification{RecipientShopperID: w.ShopperID,
		Data: map[string]any{"withdrawal_id": w.ID, "amount": int64(w.Amount), "net": int64(w.Net)}}
	switch w.Status {
	case StatusApproved:
		n.Kind, n.Title, n.Body = notify.KindWithdrawalApproved, "提现已审核通过", "您的 "+w.Amount.Yuan()+" 元提现已通过审核，正在打款。"
	case StatusPaid:
		n.Kind, n.Title, n.Body = notify.KindWithdrawalPaid, "提现已到账", "您的提现已打款 "+w.Net.Yuan()+" 元。"
	default: // rejected or failed: the money is available again
		n.Kind, n.Title, n.Body = notify.KindWithdrawalRejected, "提现未成功", "您的 "+w.Amount.Yuan()+" 元提现未成功，金额已退回可提现余额。原因："+w.Reason
		n.Data["reason"] = w.Reason // for apps that word the notice in the reader's language
	}
	key := "withdrawal:" + OutBizNoOf(w.ID) + ":" + string(w.Status)
	n.DedupeKey = &key
	return n
}
