package scenario

import (
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// opReviewRace: two or three admins decide on one withdrawal at once
// (approve against reject, pay against pay against fail). Exactly one
// decision wins and the others are refused, so nothing is paid twice.
func (w *world) opReviewRace() {
	x, ok := pick(w, w.withdrawals, func(x *wd) bool {
		return x.status == withdrawal.StatusPending || x.status == withdrawal.StatusApproved
	})
	if !ok {
		w.count("nothing to review")
		return
	}
	// Approving checks the password first, so a racing reject nearly always
	// wins: approvals also race each other.
	actions := []withdrawal.Status{withdrawal.StatusApproved, withdrawal.StatusRejected, withdrawal.StatusRejected}
	if w.rng.IntN(2) == 0 {
		actions = []withdrawal.Status{withdrawal.StatusApproved, withdrawal.StatusApproved, withdrawal.StatusApproved}
	}
	if x.status == withdrawal.StatusApproved {
		actions = []withdrawal.Status{withdrawal.StatusPaid, withdrawal.StatusFailed, withdrawal.StatusPaid}
	}
	actions = actions[:2+w.rng.IntN(2)]
	fns := make([]func() error, len(actions))
	for i, a := range actions {
		fns[i] = w.review(x, a)
	}
	errs := w.concurrently(fns...)
	var now withdrawal.Status
	w.must(w.a.DB.Gorm.Raw("SELECT status FROM withdrawals WHERE id = ?", x.id).Scan(&now).Error, "reload withdrawal %d", x.id)
	won := 0
	for i, err := range errs {
		if err == nil {
			won++
			if actions[i] != now {
				w.fatalf("withdrawal %d: %s succeeded but the withdrawal is %s", x.id, actions[i], now)
			}
			continue
		}
		w.expect(err, refused(apperr.CodeConflict, "wrong_status"), "racing %s of withdrawal %d", actions[i], x.id)
	}
	if won != 1 {
		w.fatalf("withdrawal %d (%s): %d of the racing decisions %v succeeded, want exactly one", x.id, x.status, won, actions)
	}
	w.count(string(x.status) + " -> " + string(now))
	x.status = now
	w.touchWithdrawal(x)
}

// opClawbackRace: a refund of an order whose commission already settled is
// approved while the distributor who earned it fires withdrawals. The
// clawback always goes through (available may go negative); withdrawals
// only spend what is there.
func (w *world) opClawbackRace() {
	var cands []struct{ OrderID, OrderLineID, DistributorID int64 }
	err := w.a.DB.Gorm.Raw(`SELECT order_id, order_line_id, distributor_id FROM commission_records
		WHERE status = 'settled' AND amount > reversed_amount ORDER BY id DESC LIMIT 64`).Scan(&cands).Error
	w.must(err, "find settled commission")
	cands = filter(cands, func(c struct{ OrderID, OrderLineID, DistributorID int64 }) bool {
		o := w.orderByID[c.OrderID]
		return o != nil && o.status == order.StatusCompleted && o.openRefund == 0 && w.distByID[c.DistributorID].active()
	})
	if len(cands) == 0 {
		w.count("nothing settled")
		return
	}
	c := cands[w.rng.IntN(len(cands))]
	o, d := w.orderByID[c.OrderID], w.distByID[c.DistributorID]
	var l order.Line
	w.must(w.a.DB.Gorm.Where("id = ?", c.OrderLineID).Take(&l).Error, "load line %d", c.OrderLineID)
	qty := l.Quantity - l.RefundedQty
	if w.rng.IntN(2) == 0 {
		qty = 1 + w.rng.Int64N(qty)
	}
	w.requestRefund(o, []order.RefundLineInput{{OrderLineID: l.ID, Quantity: qty}}, success)
	refundID := o.openRefund
	approve := func() error { _, err := w.a.Orders.ApproveRefund(ctx, w.admin, refundID); return err }
	before := w.available(d)
	after, took := w.withdrawRace(d, before, 1+w.rng.IntN(3), approve)
	var clawed money.Fen
	err = w.a.DB.Gorm.Raw(`SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) FROM ledger_lines l
		JOIN ledger_entries e ON e.id = l.entry_id JOIN ledger_accounts a ON a.id = l.account_id
		WHERE e.ref_type = 'refund' AND e.ref_id = ? AND a.owner_type = ? AND a.owner_id = ? AND a.kind = ?`,
		refundID, ledger.OwnerDistributor, d.id, ledger.KindAvailable).Scan(&clawed).Error
	w.must(err, "sum the clawback of refund %d", refundID)
	if clawed > 0 || after != before-took+clawed {
		w.fatalf("distributor %d: available %d before, %d after, withdrawals took %d, clawback %d", d.id, before, after, took, clawed)
	}
	if after < 0 {
		w.count("left in debt")
	}
	o.openRefund = 0
	w.refresh(o)
	w.addReplay(replay{name: "refund approval", deliver: approve, want: refused(apperr.CodeConflict, "illegal_transition"), parallel: true})
}
