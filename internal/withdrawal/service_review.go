package withdrawal

import (
	"context"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/audit"
	"fenxiao/internal/ledger"
	"fenxiao/internal/media"
	"fenxiao/internal/notify"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// PayoutInput records a manual transfer.
type PayoutInput struct {
	Reference string `json:"reference"`
	ProofURL  string `json:"proof_url"`
}

// Approve moves a pending withdrawal to approved after the admin re-enters
// its own password. Audited; notifies withdrawal_approved.
// Errors: forbidden (password_mismatch), rate_limited, not_found,
// conflict (wrong_status).
func (s *Service) Approve(ctx context.Context, by audit.Actor, id int64, password string) (*Withdrawal, error) {
	if err := s.passwords.VerifyPassword(ctx, by.ID, password); err != nil {
		return nil, err
	}
	now := database.Now()
	return s.transition(ctx, by, id, StatusPending, StatusApproved, map[string]any{"reviewed_by": by.ID, "reviewed_at": now}, "", nil)
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
	return s.transition(ctx, by, id, StatusPending, StatusRejected, set, reason, release("reject"))
}

// Fail marks an approved withdrawal whose transfer failed and returns its
// amount to available. Audited; notifies withdrawal_rejected with the
// reason. Errors: invalid (reason), not_found, conflict (wrong_status).
func (s *Service) Fail(ctx context.Context, by audit.Actor, id int64, reason string) (*Withdrawal, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return nil, err
	}
	return s.transition(ctx, by, id, StatusApproved, StatusFailed, map[string]any{"reason": reason}, reason, release("fail"))
}

// MarkPaid records the manual transfer of an approved withdrawal: the net
// goes to paid_out and the fee to the merchant. Audited; notifies
// withdrawal_paid. Errors: invalid (reference, proof_url), not_found,
// conflict (wrong_status).
func (s *Service) MarkPaid(ctx context.Context, by audit.Actor, id int64, in PayoutInput) (*Withdrawal, error) {
	ref := strings.TrimSpace(in.Reference)
	if ref == "" || utf8.RuneCountInString(ref) > 64 {
		return nil, apperr.InvalidField("reference", "is required (at most 64 characters)")
	}
	proof := strings.TrimSpace(in.ProofURL)
	if proof != "" && (!strings.HasPrefix(proof, media.URLPrefix) || !media.ValidName(strings.TrimPrefix(proof, media.URLPrefix))) {
		return nil, apperr.InvalidField("proof_url", "must be an uploaded image (/uploads/...)")
	}
	set := map[string]any{"reference": ref, "proof_url": proof, "paid_at": database.Now()}
	return s.transition(ctx, by, id, StatusApproved, StatusPaid, set, "", paid)
}

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

// transition moves id from -> to with a guarded update, posts its ledger
// entry (if any), audits and notifies, all in one transaction.
func (s *Service) transition(ctx context.Context, by audit.Actor, id int64, from, to Status, set map[string]any, note string, post posting) (*Withdrawal, error) {
	var out *Withdrawal
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := findWithdrawal(tx, 0, id)
		if err != nil {
			return err
		}
		set["status"], set["updated_at"] = to, database.Now()
		ok, err := move(tx, id, from, set)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflict("the withdrawal is %s, not %s", before.Status, from).WithReason("wrong_status")
		}
		if out, err = findWithdrawal(tx, 0, id); err != nil {
			return err
		}
		if post != nil {
			if _, err := ledger.Post(ctx, tx, post(out)); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, by, audit.Change{Action: "withdrawal." + string(to), TargetType: "withdrawal",
			TargetID: id, Before: before, After: out, Note: note}); err != nil {
			return err
		}
		return s.notifier.Notify(ctx, tx, notice(out))
	})
	return out, err
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
	}
	key := "withdrawal:" + OutBizNoOf(w.ID) + ":" + string(w.Status)
	n.DedupeKey = &key
	return n
}
