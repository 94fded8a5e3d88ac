package ledger

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// Report is what Check found. A clean ledger has no mismatches.
type Report struct {
	Entries  int64 `json:"entries"`
	Lines    int64 `json:"lines"`
	Accounts int64 `json:"accounts"`
	// Unbalanced lists entries whose lines do not sum to zero or that have
	// fewer than two lines.
	Unbalanced []UnbalancedEntry `json:"unbalanced"`
	// Balances lists accounts whose cached balance differs from the sum of
	// their lines (or that have no balance row).
	Balances []BalanceMismatch `json:"balances"`
	// Running lists lines whose balance_after differs from the running sum
	// of the account's lines up to and including them.
	Running []RunningMismatch `json:"running"`
}

// UnbalancedEntry is an entry that breaks double entry.
type UnbalancedEntry struct {
	EntryID int64     `json:"entry_id"`
	Key     string    `json:"key"`
	Sum     money.Fen `json:"sum"`
	Lines   int64     `json:"lines"`
}

// BalanceMismatch is an account whose cache disagrees with its lines.
type BalanceMismatch struct {
	AccountID int64     `json:"account_id"`
	Account   Account   `json:"account"`
	Cached    money.Fen `json:"cached"`
	Folded    money.Fen `json:"folded"`
	Missing   bool      `json:"missing"`
}

// RunningMismatch is a line whose recorded balance_after is wrong.
type RunningMismatch struct {
	LineID       int64     `json:"line_id"`
	AccountID    int64     `json:"account_id"`
	BalanceAfter money.Fen `json:"balance_after"`
	Expected     money.Fen `json:"expected"`
}

// OK reports whether the ledger passed every check.
func (r Report) OK() bool { return len(r.Unbalanced)+len(r.Balances)+len(r.Running) == 0 }

// String summarises the report for the CLI and test failures.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d entries, %d lines, %d accounts", r.Entries, r.Lines, r.Accounts)
	for _, u := range r.Unbalanced {
		fmt.Fprintf(&b, "\nunbalanced entry %d (%s): %d lines sum to %d", u.EntryID, u.Key, u.Lines, u.Sum)
	}
	for _, m := range r.Balances {
		fmt.Fprintf(&b, "\naccount %d %s:%d:%s: cached %d, lines sum to %d (missing row: %v)",
			m.AccountID, m.Account.OwnerType, m.Account.OwnerID, m.Account.Kind, m.Cached, m.Folded, m.Missing)
	}
	for _, m := range r.Running {
		fmt.Fprintf(&b, "\nline %d of account %d: balance_after %d, running sum %d", m.LineID, m.AccountID, m.BalanceAfter, m.Expected)
	}
	return b.String()
}

// Check verifies the whole ledger: (a) every entry has two or more lines
// summing to zero, (b) every cached balance equals the sum of its account's
// lines, (c) every line's balance_after equals the running sum of its
// account. It scans all history (it is the audit, not a hot path) inside
// one snapshot so concurrent postings cannot cause false alarms. A non-nil
// error means the check could not run; mismatches are in the Report.
func Check(ctx context.Context, db *gorm.DB) (Report, error) {
	r := Report{Unbalanced: []UnbalancedEntry{}, Balances: []BalanceMismatch{}, Running: []RunningMismatch{}}
	opts := database.DialectOf(db).SnapshotReadTx()
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, step := range []func(*gorm.DB, *Report) error{countRows, checkEntries, checkBalances, checkRunning} {
			if err := step(tx, &r); err != nil {
				return err
			}
		}
		return nil
	}, opts...)
	return r, err
}

func countRows(tx *gorm.DB, r *Report) error {
	err := tx.Raw(`SELECT (SELECT COUNT(*) FROM ledger_entries) AS entries,
		(SELECT COUNT(*) FROM ledger_lines) AS lines, (SELECT COUNT(*) FROM ledger_accounts) AS accounts`).
		Row().Scan(&r.Entries, &r.Lines, &r.Accounts)
	if err != nil {
		return fmt.Errorf("ledger check: count: %w", err)
	}
	return nil
}

func checkEntries(tx *gorm.DB, r *Report) error {
	err := tx.Raw(`SELECT e.id AS entry_id, e.idem_key AS key,
			CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS sum, COUNT(l.id) AS lines
		FROM ledger_entries e LEFT JOIN ledger_lines l ON l.entry_id = e.id
		GROUP BY e.id, e.idem_key
		HAVING COALESCE(SUM(l.amount), 0) <> 0 OR COUNT(l.id) < 2
		ORDER BY e.id`).Scan(&r.Unbalanced).Error
	if err != nil {
		return fmt.Errorf("ledger check: entries: %w", err)
	}
	return nil
}

func checkBalances(tx *gorm.DB, r *Report) error {
	var rows []struct {
		AccountID int64
		OwnerType OwnerType
		OwnerID   int64
		Kind      Kind
		Cached    int64
		Folded    int64
		Missing   bool
	}
	err := tx.Raw(`SELECT a.id AS account_id, a.owner_type, a.owner_id, a.kind,
			COALESCE(b.balance, 0) AS cached, COALESCE(s.total, 0) AS folded,
			CASE WHEN b.account_id IS NULL THEN 1 ELSE 0 END AS missing
		FROM ledger_accounts a
		LEFT JOIN account_balances b ON b.account_id = a.id
		LEFT JOIN (SELECT account_id, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines GROUP BY account_id) s
			ON s.account_id = a.id
		WHERE b.account_id IS NULL OR b.balance <> COALESCE(s.total, 0)
		ORDER BY a.id`).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("ledger check: balances: %w", err)
	}
	for _, x := range rows {
		r.Balances = append(r.Balances, BalanceMismatch{AccountID: x.AccountID,
			Account: Account{OwnerType: x.OwnerType, OwnerID: x.OwnerID, Kind: x.Kind},
			Cached:  money.Fen(x.Cached), Folded: money.Fen(x.Folded), Missing: x.Missing})
	}
	return nil
}

// checkRunning relies on line ids growing in commit order per account: a
// line is inserted while its transaction holds the account's balance row
// lock, so a later posting to the account always gets a larger id.
func checkRunning(tx *gorm.DB, r *Report) error {
	err := tx.Raw(`SELECT line_id, account_id, balance_after, expected FROM (
			SELECT id AS line_id, account_id, balance_after,
				CAST(SUM(amount) OVER (PARTITION BY account_id ORDER BY id) AS BIGINT) AS expected
			FROM ledger_lines) x
		WHERE balance_after <> expected ORDER BY line_id`).Scan(&r.Running).Error
	if err != nil {
		return fmt.Errorf("ledger check: running balances: %w", err)
	}
	return nil
}
