package ledger

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

type accountRow struct {
	ID        int64
	OwnerType OwnerType
	OwnerID   int64
	Kind      Kind
	CreatedAt time.Time
}

func (accountRow) TableName() string { return "ledger_accounts" }

type lineRow struct {
	ID           int64
	EntryID      int64
	AccountID    int64
	Amount       int64
	BalanceAfter int64
}

func (lineRow) TableName() string { return "ledger_lines" }

// Post appends e to the journal in tx and updates the cached balances of
// its accounts in the same transaction, creating accounts on first use.
// It is PostMany of one entry.
//
// Posting is idempotent on e.Key: if an entry with that key exists (also
// when a concurrent transaction wins the race), nothing changes and applied
// is false. Post runs inside a savepoint, so on error nothing of e remains
// and the caller's transaction stays usable, on PostgreSQL too. It relies
// on PostgreSQL's default READ COMMITTED isolation to see rows a concurrent
// transaction committed while it waited. Balances are locked in one global
// order (by account id), so concurrent postings do not deadlock each other;
// a transaction that posts in several calls calls Lock first.
//
// Errors: invalid (malformed or unbalanced entry, unknown account);
// conflict with reason insufficient_funds (a RequireNonNegative line would
// take its balance below zero); conflict with reason idempotency_key_reused
// (the key was posted with different type or lines).
//
// Lock order: step 5 (see package distribution).
func Post(ctx context.Context, tx *gorm.DB, e Entry) (applied bool, err error) {
	err = tx.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		done, err := PostMany(ctx, tx, []Entry{e})
		if err == nil {
			applied = done[0]
		}
		return err
	})
	return applied, err
}

// rowsPerStatement bounds the rows of one multi-row insert, well inside
// both databases' parameter limits (SQLite allows 32766).
const rowsPerStatement = 1000

// PostMany posts entries in order, as Post would one by one, but with a
// fixed number of statements whatever their count (the payment path posts
// a batch of orders' commissions at once): applied[i] tells whether
// entries[i] was new. Every balance is locked once, in account id order,
// before any changes; lines apply in entry order (and, within an entry, in
// account order), so balance_after and the non-negative guards are exactly
// those of posting one by one. Unlike Post it takes no savepoint (one
// round trip less on the payment path): on error the caller must roll its
// transaction back, which on PostgreSQL is aborted anyway. Two entries
// with one key in a call are invalid.
//
// Lock order: step 5 (see package distribution).
func PostMany(ctx context.Context, tx *gorm.DB, entries []Entry) (applied []bool, err error) {
	if err := database.CheckBatch(entries, "entries", func(e Entry) string { return e.Key }, Entry.validate); err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, nil
	}
	tx = tx.WithContext(ctx)
	if _, inTx := tx.Statement.ConnPool.(gorm.TxCommitter); !inTx {
		// Outside a transaction there is no caller to roll back: make one,
		// so entries never remain without their lines.
		err = tx.Transaction(func(tx *gorm.DB) error {
			applied, err = postMany(tx, entries)
			return err
		})
		return applied, err
	}
	return postMany(tx, entries)
}

func postMany(tx *gorm.DB, entries []Entry) ([]bool, error) {
	now := database.Now()
	ids, err := insertEntries(tx, entries, now)
	if err != nil {
		return nil, err
	}
	applied := make([]bool, len(entries))
	var fresh []Entry
	for i, e := range entries {
		if ids[e.Key] == 0 { // posted before, or a concurrent transaction committed the same key first
			existing, err := entryID(tx, e.Key)
			if err != nil {
				return nil, err
			}
			if err := sameAsPosted(tx, existing, e); err != nil {
				return nil, err
			}
			continue
		}
		applied[i] = true
		// One global order (by account) for the lines of an entry.
		e.Lines = slices.SortedFunc(slices.Values(e.Lines), func(a, b Line) int { return compareAccounts(a.Account, b.Account) })
		fresh = append(fresh, e)
	}
	if len(fresh) == 0 {
		return applied, nil
	}
	accounts, err := resolveAccounts(tx, linesOf(fresh), now)
	if err != nil {
		return nil, err
	}
	balances, err := lockBalances(tx, slices.Collect(maps.Values(accounts)))
	if err != nil {
		return nil, err
	}
	rows := make([]lineRow, 0, 2*len(fresh))
	for _, e := range fresh {
		for _, l := range e.Lines {
			id := accounts[l.Account]
			after, ok := addBalance(balances[id], int64(l.Amount))
			if !ok {
				return nil, fmt.Errorf("balance of %v would overflow", l.Account)
			}
			if l.RequireNonNegative && after < 0 {
				return nil, apperr.Conflict("insufficient funds in %s account", l.Account.Kind).WithReason("insufficient_funds")
			}
			balances[id] = after
			rows = append(rows, lineRow{EntryID: ids[e.Key], AccountID: id, Amount: int64(l.Amount), BalanceAfter: after})
		}
	}
	if err := setBalances(tx, rows, now); err != nil {
		return nil, err
	}
	if err := tx.CreateInBatches(&rows, rowsPerStatement).Error; err != nil {
		return nil, fmt.Errorf("insert ledger lines: %w", err)
	}
	return applied, nil
}

// addBalance is b+amount, false when it would leave int64 (lines are
// bounded by MaxAmount, but a balance may have been set by hand).
func addBalance(b, amount int64) (int64, bool) {
	sum := b + amount
	if (amount > 0 && sum < b) || (amount < 0 && sum > b) {
		return 0, false
	}
	return sum, true
}

// linesOf is every line of entries, in order.
func linesOf(entries []Entry) []Line {
	var out []Line
	for _, e := range entries {
		out = append(out, e.Lines...)
	}
	return out
}

func compareAccounts(a, b Account) int {
	return cmp.Or(cmp.Compare(a.OwnerType, b.OwnerType), cmp.Compare(a.OwnerID, b.OwnerID), cmp.Compare(a.Kind, b.Kind))
}

// entryID returns the id of the entry with key, 0 if none.
func entryID(tx *gorm.DB, key string) (int64, error) {
	var ids []int64
	if err := tx.Raw("SELECT id FROM ledger_entries WHERE idem_key = ?", key).Scan(&ids).Error; err != nil {
		return 0, fmt.Errorf("find ledger entry %s: %w", key, err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

// insertEntries inserts the entry rows and returns the id of each new
// key; keys that exist already are absent. ON CONFLICT DO NOTHING (not a
// failing insert) keeps a PostgreSQL transaction usable when a concurrent
// posting won.
func insertEntries(tx *gorm.DB, entries []Entry, now time.Time) (map[string]int64, error) {
	ids := make(map[string]int64, len(entries))
	for part := range slices.Chunk(entries, rowsPerStatement) {
		args := make([]any, 0, 6*len(part))
		for _, e := range part {
			args = append(args, e.Key, e.Type, e.RefType, e.RefID, e.Memo, now)
		}
		var rows []struct {
			ID      int64
			IdemKey string
		}
		err := tx.Raw(`INSERT INTO ledger_entries (idem_key, type, ref_type, ref_id, memo, created_at)
			VALUES `+database.Tuples(len(part), 6)+` ON CONFLICT (idem_key) DO NOTHING RETURNING id, idem_key`, args...).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("insert ledger entries (first key %s): %w", part[0].Key, err)
		}
		for _, r := range rows {
			ids[r.IdemKey] = r.ID
		}
	}
	return ids, nil
}

// setBalances writes the last balance_after of each account in rows, in
// one statement; the caller holds the balances' locks.
func setBalances(tx *gorm.DB, rows []lineRow, now time.Time) error {
	final := make(map[int64]int64, len(rows))
	for _, r := range rows {
		final[r.AccountID] = r.BalanceAfter
	}
	ids := slices.Sorted(maps.Keys(final))
	balance := database.NewCases(tx, "account_id", "BIGINT")
	for _, id := range ids {
		balance.When(id, final[id])
	}
	res := tx.Exec("UPDATE account_balances SET balance = "+balance.SQL()+", updated_at = ? WHERE account_id IN ?",
		append(balance.Args(), now, ids)...)
	if res.Error != nil {
		return fmt.Errorf("update ledger balances: %w", res.Error)
	}
	if res.RowsAffected != int64(len(ids)) {
		return fmt.Errorf("update ledger balances: %d of %d rows", res.RowsAffected, len(ids))
	}
	return nil
}
