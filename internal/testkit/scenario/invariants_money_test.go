package scenario

import "fmt"

// checkWithdrawnOnce: nothing is withdrawn twice. Every withdrawal has
// exactly one request entry; a paid one exactly one payout entry and no
// release; a rejected or failed one exactly one release and no payout; a
// pending or approved one neither. (That paid withdrawals add up to the
// paid-out balances is part of checkBalancesFold.)
func (w *world) checkWithdrawnOnce(sc scope) {
	cond, args, skip := sc.in("x.id", sc.withdrawals)
	if skip {
		return
	}
	var rows []struct {
		ID                          int64
		Status                      string
		Requests, Releases, Payouts int64
	}
	err := w.a.DB.Gorm.Raw(`SELECT x.id, x.status,
			CAST(SUM(CASE WHEN e.type = 'withdraw_request' THEN 1 ELSE 0 END) AS BIGINT) AS requests,
			CAST(SUM(CASE WHEN e.type = 'withdraw_release' THEN 1 ELSE 0 END) AS BIGINT) AS releases,
			CAST(SUM(CASE WHEN e.type = 'withdraw_paid' THEN 1 ELSE 0 END) AS BIGINT) AS payouts
		FROM withdrawals x LEFT JOIN ledger_entries e ON e.ref_type = 'withdrawal' AND e.ref_id = x.id
		WHERE `+cond+` GROUP BY x.id, x.status
		HAVING SUM(CASE WHEN e.type = 'withdraw_request' THEN 1 ELSE 0 END) <> 1
			OR SUM(CASE WHEN e.type = 'withdraw_paid' THEN 1 ELSE 0 END) <> (CASE WHEN x.status = 'paid' THEN 1 ELSE 0 END)
			OR SUM(CASE WHEN e.type = 'withdraw_release' THEN 1 ELSE 0 END) <> (CASE WHEN x.status IN ('rejected', 'failed') THEN 1 ELSE 0 END)`,
		args...).Scan(&rows).Error
	w.must(err, "check withdrawal entries")
	bad(w, "a withdrawal is paid at most once", rows)
}

// distributorFold is one distributor's balances next to the fold over its
// commission records and withdrawals.
type distributorFold struct {
	ID                                               int64
	Unsettled, Settled, InFlight, PaidGross, PaidNet int64
	Pending, Available, Withdrawing, PaidOut         int64
}

func (f distributorFold) broken() bool {
	return f.Pending != f.Unsettled || f.Available != f.Settled-f.InFlight-f.PaidGross ||
		f.Withdrawing != f.InFlight || f.PaidOut != f.PaidNet || f.Pending < 0 || f.Withdrawing < 0
}

// balanceOf selects the cached balance of a merchant account: the sum of
// its shards.
func balanceOf(kind string) string {
	return fmt.Sprintf(`CAST(COALESCE((SELECT SUM(b.balance) FROM ledger_accounts a JOIN account_balances b ON b.account_id = a.id
		WHERE a.owner_type = 'merchant' AND a.kind = '%s'), 0) AS BIGINT) AS %s`, kind, kind)
}

// checkBalancesFold: balances equal the fold over the business records.
// pending is the net of the unsettled records, available the net of the
// settled ones minus every withdrawal not rejected or failed, withdrawing
// the withdrawals in review or payment, paid_out the net of the paid ones;
// pending and withdrawing never go negative (available may, after a
// clawback).
func (w *world) checkBalancesFold(sc scope) {
	cond, args, skip := sc.in("d.id", sc.distributors)
	if skip {
		return
	}
	rcond, rargs, _ := sc.in("distributor_id", sc.distributors)
	acond, aargs, _ := sc.in("a.owner_id", sc.distributors)
	var rows []distributorFold
	err := w.a.DB.Gorm.Raw(`SELECT d.id, COALESCE(r.unsettled, 0) AS unsettled, COALESCE(r.settled, 0) AS settled,
			COALESCE(x.in_flight, 0) AS in_flight, COALESCE(x.paid_gross, 0) AS paid_gross, COALESCE(x.paid_net, 0) AS paid_net,
			COALESCE(b.pending, 0) AS pending, COALESCE(b.available, 0) AS available,
			COALESCE(b.withdrawing, 0) AS withdrawing, COALESCE(b.paid_out, 0) AS paid_out
		FROM distributors d
		LEFT JOIN (SELECT distributor_id,
				CAST(SUM(CASE WHEN status <> 'settled' THEN amount - reversed_amount ELSE 0 END) AS BIGINT) AS unsettled,
				CAST(SUM(CASE WHEN status = 'settled' THEN amount - reversed_amount ELSE 0 END) AS BIGINT) AS settled
			FROM commission_records WHERE `+rcond+` GROUP BY distributor_id) r ON r.distributor_id = d.id
		LEFT JOIN (SELECT distributor_id,
				CAST(SUM(CASE WHEN status IN ('pending', 'approved') THEN amount ELSE 0 END) AS BIGINT) AS in_flight,
				CAST(SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END) AS BIGINT) AS paid_gross,
				CAST(SUM(CASE WHEN status = 'paid' THEN net ELSE 0 END) AS BIGINT) AS paid_net
			FROM withdrawals WHERE `+rcond+` GROUP BY distributor_id) x ON x.distributor_id = d.id
		LEFT JOIN (SELECT a.owner_id,
				CAST(SUM(CASE WHEN a.kind = 'pending' THEN bal.balance ELSE 0 END) AS BIGINT) AS pending,
				CAST(SUM(CASE WHEN a.kind = 'available' THEN bal.balance ELSE 0 END) AS BIGINT) AS available,
				CAST(SUM(CASE WHEN a.kind = 'withdrawing' THEN bal.balance ELSE 0 END) AS BIGINT) AS withdrawing,
				CAST(SUM(CASE WHEN a.kind = 'paid_out' THEN bal.balance ELSE 0 END) AS BIGINT) AS paid_out
			FROM ledger_accounts a JOIN account_balances bal ON bal.account_id = a.id
			WHERE a.owner_type = 'distributor' AND `+acond+` GROUP BY a.owner_id) b ON b.owner_id = d.id
		WHERE `+cond, join(rargs, rargs, aargs, args)...).Scan(&rows).Error
	w.must(err, "fold distributor balances")
	bad(w, "balances equal the fold", filter(rows, distributorFold.broken))
}

// checkMerchantFold (full audit only, it reads every record): the
// merchant's commission_expense is minus the net commission granted and its
// adjustment account holds the fees of paid withdrawals (the scenario makes
// no manual adjustments).
func (w *world) checkMerchantFold() {
	var m struct{ Granted, Fees, CommissionExpense, Adjustment int64 }
	err := w.a.DB.Gorm.Raw(`SELECT
			CAST(COALESCE((SELECT SUM(amount - reversed_amount) FROM commission_records), 0) AS BIGINT) AS granted,
			CAST(COALESCE((SELECT SUM(fee) FROM withdrawals WHERE status = 'paid'), 0) AS BIGINT) AS fees,
			` + balanceOf("commission_expense") + `, ` + balanceOf("adjustment")).Scan(&m).Error
	w.must(err, "fold merchant balances")
	if m.CommissionExpense != -m.Granted || m.Adjustment != m.Fees {
		w.fatalf("invariant %q broken: merchant %+v", "merchant balances equal the fold", m)
	}
}
