package scenario

import (
	"fmt"
	"strconv"
	"time"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// dailyMaxCount is the per-day request limit saveWithdrawalSettings sets.
const dailyMaxCount = 1000

var shanghai = time.FixedZone("Asia/Shanghai", 8*60*60)

func (w *world) available(d *dist) money.Fen {
	b, err := ledger.Balance(ctx, w.a.DB.Gorm, ledger.Distributor(d.id, ledger.KindAvailable))
	w.must(err, "available balance of distributor %d", d.id)
	return b
}

// atDailyLimit reports whether d made the day's allowed requests already.
func (d *dist) atDailyLimit() bool {
	if day := time.Now().In(shanghai).Format(time.DateOnly); d.day != day {
		d.day, d.requests = day, 0
	}
	return d.requests >= dailyMaxCount
}

// withdrawAmount is usually within the balance, sometimes above it.
func (w *world) withdrawAmount(avail money.Fen) money.Fen {
	if avail <= 0 {
		return 1 + money.Fen(w.rng.IntN(1000))
	}
	if w.rng.IntN(6) == 0 {
		return avail + 1 + money.Fen(w.rng.Int64N(int64(avail)))
	}
	return 1 + money.Fen(w.rng.Int64N(int64(avail)))
}

// requestOutcome is the rule book of a lone request.
func requestOutcome(d *dist, avail, amount money.Fen) outcome {
	switch {
	case !d.active():
		return refused(apperr.CodeForbidden, "not_a_distributor")
	case avail < 0:
		return refused(apperr.CodeConflict, "negative_balance")
	case d.atDailyLimit():
		return refused(apperr.CodeConflict, "daily_limit")
	case amount > avail:
		return refused(apperr.CodeConflict, "insufficient_funds")
	}
	return success
}

func (w *world) request(d *dist, amount money.Fen) func() (*withdrawal.Withdrawal, error) {
	return func() (*withdrawal.Withdrawal, error) {
		return w.a.Withdrawals.Request(ctx, d.shopper.id, withdrawal.RequestInput{Amount: amount, PayoutAccountID: d.account})
	}
}

// requested records a new withdrawal after checking its fee.
func (w *world) requested(d *dist, x *withdrawal.Withdrawal) {
	fee := money.ApplyRate(x.Amount, w.fee)
	if x.DistributorID != d.id || x.Status != withdrawal.StatusPending || x.Fee != fee || x.Net != x.Amount-fee {
		w.fatalf("withdrawal %+v of distributor %d: want pending, fee %d at %d bp", x, d.id, fee, w.fee)
	}
	r := &wd{id: x.ID, d: d, amount: x.Amount, status: x.Status}
	w.withdrawals = append(w.withdrawals, r)
	d.requests++
	w.touchWithdrawal(r)
}

// opWithdraw: one distributor asks for some of its available balance.
func (w *world) opWithdraw() {
	d, ok := pick(w, w.dists, nil)
	if rich := w.withFunds(); len(rich) > 0 && w.rng.IntN(3) != 0 {
		d, ok = rich[w.rng.IntN(len(rich))], true
	}
	if !ok {
		w.count("nobody yet")
		return
	}
	avail := w.available(d)
	amount := w.withdrawAmount(avail)
	x, err := w.request(d, amount)()
	if w.expect(err, requestOutcome(d, avail, amount), "withdraw %d of distributor %d (%s, available %d)", amount, d.id, d.status, avail) {
		w.requested(d, x)
	}
	w.touchDist(d)
}

// withFunds returns active distributors with a positive available balance.
func (w *world) withFunds() []*dist {
	var ids []int64
	err := w.a.DB.Gorm.Raw(`SELECT a.owner_id FROM ledger_accounts a JOIN account_balances b ON b.account_id = a.id
		WHERE a.owner_type = 'distributor' AND a.kind = 'available' AND b.balance > 0 ORDER BY a.owner_id`).Scan(&ids).Error
	w.must(err, "find distributors with funds")
	var out []*dist
	for _, id := range ids {
		if d := w.dist(&id); d.active() {
			out = append(out, d)
		}
	}
	return out
}

// opWithdrawConcurrently: a distributor fires several requests at once
// (double taps, two devices) that together usually exceed its balance.
func (w *world) opWithdrawConcurrently() {
	rich := w.withFunds()
	if len(rich) == 0 {
		w.count("nobody with funds")
		return
	}
	d := rich[w.rng.IntN(len(rich))]
	before := w.available(d)
	w.withdrawRace(d, before, 2+w.rng.IntN(3), nil)
}

// withdrawRace sends n requests by d at once, alongside extra calls (a
// clawback) that must succeed, then checks the outcome: the balance moved
// by exactly what succeeded plus what the extra calls took back, never
// below zero through withdrawals, and every refusal was justified by the
// final balance (it only falls during the race).
func (w *world) withdrawRace(d *dist, before money.Fen, n int, extra func() error) (after, took money.Fen) {
	amounts := make([]money.Fen, n)
	made := make([]*withdrawal.Withdrawal, n)
	var fns []func() error
	for i := range amounts {
		amounts[i] = w.withdrawAmount(max(before, 1))
		fns = append(fns, func() (err error) { made[i], err = w.request(d, amounts[i])(); return err })
	}
	if extra != nil {
		fns = append(fns, extra)
	}
	errs := w.concurrently(fns...)
	if extra != nil {
		w.expect(errs[n], success, "the call racing distributor %d's withdrawals", d.id)
	}
	after = w.available(d)
	limit := d.atDailyLimit()
	for i, err := range errs[:n] {
		switch {
		case err == nil:
			took += amounts[i]
			w.requested(d, made[i])
		case refused(apperr.CodeConflict, "insufficient_funds").matches(err) && amounts[i] > after,
			refused(apperr.CodeConflict, "negative_balance").matches(err) && after < 0,
			refused(apperr.CodeConflict, "daily_limit").matches(err) && (limit || d.atDailyLimit()):
		default:
			w.fatalf("request %d of %v by distributor %d (available %d before, %d after): %v", amounts[i], amounts, d.id, before, after, err)
		}
		w.count("racing request " + label(err))
	}
	if extra == nil && after != before-took {
		w.fatalf("distributor %d: available %d before, %d after, but requests took %d", d.id, before, after, took)
	}
	w.touchDist(d)
	return after, took
}

// review is one admin decision on a withdrawal.
func (w *world) review(x *wd, action withdrawal.Status) func() error {
	return func() error {
		var err error
		switch action {
		case withdrawal.StatusApproved:
			// The password check is throttled per admin; the scenario approves
			// far more often than a person could.
			if err := w.a.Limiter.Reset(ctx, "admin-password:"+strconv.FormatInt(w.admin.ID, 10)); err != nil {
				return err
			}
			_, err = w.a.Withdrawals.Approve(ctx, w.admin, x.id, w.password)
		case withdrawal.StatusRejected:
			_, err = w.a.Withdrawals.Reject(ctx, w.admin, x.id, "scenario")
		case withdrawal.StatusPaid:
			_, err = w.a.Withdrawals.MarkPaid(ctx, w.admin, x.id, withdrawal.PayoutInput{Reference: fmt.Sprintf("REF%d", x.id)})
		case withdrawal.StatusFailed:
			_, err = w.a.Withdrawals.Fail(ctx, w.admin, x.id, "bank refused")
		}
		return err
	}
}

// from is the status a review action starts from.
func from(action withdrawal.Status) withdrawal.Status {
	if action == withdrawal.StatusApproved || action == withdrawal.StatusRejected {
		return withdrawal.StatusPending
	}
	return withdrawal.StatusApproved
}

var reviewActions = []withdrawal.Status{withdrawal.StatusApproved, withdrawal.StatusRejected, withdrawal.StatusPaid, withdrawal.StatusFailed}

// opReviewWithdrawal: the merchant approves or rejects a pending
// withdrawal, or pays or fails an approved one; now and then an action the
// status does not allow, or a wrong password, which must be refused.
func (w *world) opReviewWithdrawal() {
	x, ok := pick(w, w.withdrawals, func(x *wd) bool {
		return x.status == withdrawal.StatusPending || x.status == withdrawal.StatusApproved
	})
	if !ok {
		w.count("nothing to review")
		return
	}
	action := reviewActions[w.rng.IntN(len(reviewActions))] // one time in ten: any, probably wrong
	if w.rng.IntN(10) != 0 {
		switch {
		case x.status == withdrawal.StatusPending && w.rng.IntN(10) < 7:
			action = withdrawal.StatusApproved
		case x.status == withdrawal.StatusPending:
			action = withdrawal.StatusRejected
		case w.rng.IntN(4) != 0:
			action = withdrawal.StatusPaid
		default:
			action = withdrawal.StatusFailed
		}
	}
	if action == withdrawal.StatusApproved && w.rng.IntN(20) == 0 {
		_, err := w.a.Withdrawals.Approve(ctx, w.admin, x.id, "not the password")
		w.expect(err, refused(apperr.CodeForbidden, "password_mismatch"), "approve withdrawal %d with a wrong password", x.id)
		w.must(w.a.Limiter.Reset(ctx, "admin-password:"+strconv.FormatInt(w.admin.ID, 10)), "reset password throttle")
		return
	}
	want := success
	if x.status != from(action) {
		want = refused(apperr.CodeConflict, "wrong_status")
	}
	if w.expect(w.review(x, action)(), want, "%s withdrawal %d (%s)", action, x.id, x.status) {
		x.status = action
		w.addReplay(replay{name: "withdrawal " + string(action), deliver: w.review(x, action), parallel: true,
			want: refused(apperr.CodeConflict, "wrong_status")})
	}
	w.touchWithdrawal(x)
}
