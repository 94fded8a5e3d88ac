package scenario

import (
	"fmt"
	"strings"
	"time"

	"fenxiao/internal/distribution/ledger"
)

// The invariants. Each is one named check over SQL aggregates, run after
// every step on the rows the step touched (scope) and, in the full audit,
// on every row. The step's scope is what the operation reported plus what
// the data says changed: new ledger lines (their accounts, orders, refunds
// and withdrawals) and new commission records.

// scope names the rows a check looks at; all means every row.
type scope struct {
	all          bool
	orders       map[int64]bool
	distributors map[int64]bool
	withdrawals  map[int64]bool
}

func newScope() scope {
	return scope{orders: map[int64]bool{}, distributors: map[int64]bool{}, withdrawals: map[int64]bool{}}
}

// in is a condition restricting col to ids (always true for all) and its
// argument; skip reports that there is nothing to check.
func (s scope) in(col string, ids map[int64]bool) (cond string, args []any, skip bool) {
	if s.all {
		return "1 = 1", nil, false
	}
	if len(ids) == 0 {
		return "", nil, true
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	return col + " IN ?", []any{list}, false
}

// join concatenates the arguments of several scope conditions.
func join(parts ...[]any) []any {
	var out []any
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func (w *world) touchOrder(o *orderRef) { w.touched.orders[o.id] = true }
func (w *world) touchDist(d *dist)      { w.touched.distributors[d.id] = true }
func (w *world) touchWithdrawal(x *wd)  { w.touched.withdrawals[x.id] = true; w.touchDist(x.d) }

// marks are the highest ids seen at the end of the previous step.
type marks struct{ Entry, Line, Account, Record int64 }

func (w *world) currentMarks() marks {
	var m marks
	err := w.a.DB.Gorm.Raw(`SELECT (SELECT COALESCE(MAX(id), 0) FROM ledger_entries) AS entry,
		(SELECT COALESCE(MAX(id), 0) FROM ledger_lines) AS line, (SELECT COALESCE(MAX(id), 0) FROM ledger_accounts) AS account,
		(SELECT COALESCE(MAX(id), 0) FROM commission_records) AS record`).Scan(&m).Error
	w.must(err, "read marks")
	return m
}

// audit runs every invariant: on the step's rows, or on all rows (full),
// where the ledger part is ledger.Check itself.
func (w *world) audit(full bool) {
	start := time.Now()
	sc := w.touched
	if full {
		sc = scope{all: true}
		w.checkLedger()
		w.checkMerchantFold()
	} else {
		w.addTouchedSince(&sc)
		w.checkJournalSince()
	}
	w.checkTiers(sc)
	w.checkCommissionCaps(sc)
	w.checkLineTotals(sc)
	w.checkReversals(sc)
	w.checkWithdrawnOnce(sc)
	w.checkBalancesFold(sc)
	w.marks = w.currentMarks()
	w.checkTime += time.Since(start)
}

// addTouchedSince widens sc by what changed in the data since the marks.
func (w *world) addTouchedSince(sc *scope) {
	db := w.a.DB.Gorm
	var rows []struct {
		RefType   string
		RefID     int64
		OwnerType string
		OwnerID   int64
	}
	err := db.Raw(`SELECT DISTINCT e.ref_type, e.ref_id, a.owner_type, a.owner_id FROM ledger_lines l
		JOIN ledger_entries e ON e.id = l.entry_id JOIN ledger_accounts a ON a.id = l.account_id WHERE l.id > ?`, w.marks.Line).Scan(&rows).Error
	w.must(err, "read new ledger lines")
	var refunds []int64
	for _, r := range rows {
		if r.OwnerType == string(ledger.OwnerDistributor) {
			sc.distributors[r.OwnerID] = true
		}
		switch r.RefType {
		case "order":
			sc.orders[r.RefID] = true
		case "refund":
			refunds = append(refunds, r.RefID)
		case "withdrawal":
			sc.withdrawals[r.RefID] = true
		}
	}
	w.addIDs(sc.orders, "SELECT order_id FROM refund_requests WHERE id IN ?", refunds)
	w.addIDs(sc.orders, "SELECT DISTINCT order_id FROM commission_records WHERE id > ?", w.marks.Record)
	w.addIDs(sc.distributors, "SELECT DISTINCT distributor_id FROM commission_records WHERE order_id IN ?", keys(sc.orders))
	w.addIDs(sc.distributors, "SELECT distributor_id FROM withdrawals WHERE id IN ?", keys(sc.withdrawals))
}

func (w *world) addIDs(into map[int64]bool, q string, arg any) {
	if ids, ok := arg.([]int64); ok && len(ids) == 0 {
		return
	}
	var ids []int64
	w.must(w.a.DB.Gorm.Raw(q, arg).Scan(&ids).Error, "widen scope: %s", q)
	for _, id := range ids {
		into[id] = true
	}
}

func keys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// bad fails the step when rows (ids or descriptions) broke an invariant.
func bad[T any](w *world, invariant string, rows []T) {
	w.t.Helper()
	if len(rows) == 0 {
		return
	}
	var b strings.Builder
	for i, r := range rows {
		if i == 8 {
			fmt.Fprintf(&b, "\n  ... %d more", len(rows)-i)
			break
		}
		fmt.Fprintf(&b, "\n  %+v", r)
	}
	w.fatalf("invariant %q broken:%s", invariant, b.String())
}

// checkLedger: ledger.Check, the audit `fenxiao ledger check` runs, is
// clean: every entry balances, every cached balance equals the fold of its
// lines and every running balance is right.
func (w *world) checkLedger() {
	rep, err := ledger.Check(ctx, w.a.DB.Gorm)
	w.must(err, "ledger check")
	if !rep.OK() {
		w.fatalf("invariant %q broken: %s", "ledger check", rep)
	}
	var total int64
	w.must(w.a.DB.Gorm.Raw("SELECT CAST(COALESCE(SUM(balance), 0) AS BIGINT) FROM account_balances").Scan(&total).Error, "sum balances")
	if total != 0 {
		w.fatalf("invariant %q broken: the balances of all accounts sum to %d", "ledger balances", total)
	}
}

// checkJournalSince is ledger.Check restricted to what the step posted, by
// induction on the previous steps: every new entry (or entry with new
// lines) has two or more lines summing to zero, every new line's
// balance_after is the account's previous balance_after plus its amount,
// and every touched account's cached balance equals its last
// balance_after (so it equals the fold over its lines).
func (w *world) checkJournalSince() {
	db, m := w.a.DB.Gorm, w.marks
	var unbalanced []ledger.UnbalancedEntry
	err := db.Raw(`SELECT e.id AS entry_id, e.idem_key AS key, CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS sum, COUNT(l.id) AS lines
		FROM ledger_entries e LEFT JOIN ledger_lines l ON l.entry_id = e.id
		WHERE e.id > ? OR e.id IN (SELECT entry_id FROM ledger_lines WHERE id > ?)
		GROUP BY e.id, e.idem_key HAVING COALESCE(SUM(l.amount), 0) <> 0 OR COUNT(l.id) < 2`, m.Entry, m.Line).Scan(&unbalanced).Error
	w.must(err, "check new entries")
	bad(w, "every journal entry balances", unbalanced)
	var running []ledger.RunningMismatch
	err = db.Raw(`SELECT l.id AS line_id, l.account_id, l.balance_after,
			l.amount + COALESCE((SELECT p.balance_after FROM ledger_lines p WHERE p.account_id = l.account_id AND p.id < l.id ORDER BY p.id DESC LIMIT 1), 0) AS expected
		FROM ledger_lines l WHERE l.id > ?`, m.Line).Scan(&running).Error
	w.must(err, "check new lines")
	running = filter(running, func(r ledger.RunningMismatch) bool { return r.BalanceAfter != r.Expected })
	bad(w, "running balances equal the fold", running)
	var cached []struct{ AccountID, Cached, Folded int64 }
	err = db.Raw(`SELECT a.id AS account_id, COALESCE(b.balance, -1) AS cached,
			COALESCE((SELECT l.balance_after FROM ledger_lines l WHERE l.account_id = a.id ORDER BY l.id DESC LIMIT 1), 0) AS folded
		FROM ledger_accounts a LEFT JOIN account_balances b ON b.account_id = a.id
		WHERE a.id > ? OR a.id IN (SELECT account_id FROM ledger_lines WHERE id > ?)`, m.Account, m.Line).Scan(&cached).Error
	w.must(err, "check touched balances")
	cached = filter(cached, func(c struct{ AccountID, Cached, Folded int64 }) bool { return c.Cached != c.Folded })
	bad(w, "cached balances equal the fold", cached)
}

func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
