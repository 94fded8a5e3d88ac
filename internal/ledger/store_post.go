package ledger

import (
	"cmp"
	"context"
	"fmt"
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
//
// Posting is idempotent on e.Key: if an entry with that key exists (also
// when a concurrent transaction wins the race), nothing changes and applied
// is false. Post runs inside a savepoint, so on error nothing of e remains
// and the caller's transaction stays usable, on PostgreSQL too. It relies
// on PostgreSQL's default READ COMMITTED isolation to see rows a concurrent
// transaction committed while it waited. Balance updates lock accounts in
// one global order, so concurrent postings do not deadlock each other; a
// transaction that posts several entries calls Lock first.
//
// Errors: invalid (malformed or unbalanced entry, unknown account);
// conflict with reason insufficient_funds (a RequireNonNegative line would
// take its balance below zero); conflict with reason idempotency_key_reused
// (the key was posted with different type or lines).
func Post(ctx context.Context, tx *gorm.DB, e Entry) (applied bool, err error) {
	if err := e.validate(); err != nil {
		return false, err
	}
	err = tx.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		applied, err = post(tx, e)
		return err
	})
	return applied, err
}

func post(tx *gorm.DB, e Entry) (bool, error) {
	now := database.Now()
	id, err := insertEntry(tx, e, now)
	if err != nil {
		return false, err
	}
	if id == 0 { // posted before, or a concurrent transaction committed the same key first
		existing, err := entryID(tx, e.Key)
		if err != nil {
			return false, err
		}
		return false, sameAsPosted(tx, existing, e)
	}
	// One global order (by account) for creating accounts and locking
	// balances keeps concurrent postings from deadlocking each other.
	lines := slices.SortedFunc(slices.Values(e.Lines), func(a, b Line) int { return compareAccounts(a.Account, b.Account) })
	ids, err := accountIDs(tx, lines, now)
	if err != nil {
		return false, err
	}
	rows := make([]lineRow, len(lines))
	for i, l := range lines {
		after, err := applyLine(tx, ids[i], l, now)
		if err != nil {
			return false, err
		}
		rows[i] = lineRow{EntryID: id, AccountID: ids[i], Amount: int64(l.Amount), BalanceAfter: after}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return false, fmt.Errorf("insert ledger lines of %s: %w", e.Key, err)
	}
	return true, nil
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

// insertEntry inserts the entry row and returns its id, or 0 when the key
// already exists. ON CONFLICT DO NOTHING (not a failing insert) keeps a
// PostgreSQL transaction usable when a concurrent posting won.
func insertEntry(tx *gorm.DB, e Entry, now time.Time) (int64, error) {
	var ids []int64
	err := tx.Raw(`INSERT INTO ledger_entries (idem_key, type, ref_type, ref_id, memo, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING RETURNING id`,
		e.Key, e.Type, e.RefType, e.RefID, e.Memo, now).Scan(&ids).Error
	if err != nil {
		return 0, fmt.Errorf("insert ledger entry %s: %w", e.Key, err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

// applyLine adds l.Amount to the cached balance and returns the new
// balance. The guard is part of the UPDATE, so concurrent spenders are
// serialised by the row lock and cannot overdraw.
func applyLine(tx *gorm.DB, accountID int64, l Line, now time.Time) (int64, error) {
	q := "UPDATE account_balances SET balance = balance + ?, updated_at = ? WHERE account_id = ?"
	args := []any{int64(l.Amount), now, accountID}
	if l.RequireNonNegative {
		q += " AND balance >= ?"
		args = append(args, -int64(l.Amount))
	}
	var after []int64
	if err := tx.Raw(q+" RETURNING balance", args...).Scan(&after).Error; err != nil {
		return 0, fmt.Errorf("update balance of account %d: %w", accountID, err)
	}
	if len(after) == 0 {
		return 0, apperr.Conflict("insufficient funds in %s account", l.Account.Kind).WithReason("insufficient_funds")
	}
	return after[0], nil
}
