package ledger

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// Lock takes the balance locks of the accounts in tx, in the one global
// order PostMany uses (account id), creating accounts that do not exist
// yet; it changes no balance. A transaction that posts in several calls
// would otherwise hold the first call's accounts while waiting for the
// next one's, and deadlock on PostgreSQL with a transaction doing the same
// the other way round; such a transaction calls Lock first with every
// account it will post to. On SQLite, whose writers never overlap, it only
// creates the accounts.
// Errors: invalid (an account outside the chart).
//
// Lock order: step 5 (see package distribution).
func Lock(ctx context.Context, tx *gorm.DB, accounts ...Account) error {
	lines := make([]Line, len(accounts))
	for i, a := range accounts {
		if err := a.validate(); err != nil {
			return err
		}
		lines[i] = Line{Account: a}
	}
	if len(lines) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	ids, err := resolveAccounts(tx, lines, database.Now())
	if err != nil {
		return err
	}
	_, err = lockBalances(tx, slices.Collect(maps.Values(ids)))
	return err
}

// lockBalances reads the balances of accounts, locking them in account id
// order on PostgreSQL (LockRows sits above the sort, so rows are locked in
// the order returned). SQLite serialises writers, so a read is enough.
//
// Lock order: step 5 (see package distribution).
func lockBalances(tx *gorm.DB, accountIDs []int64) (map[int64]int64, error) {
	slices.Sort(accountIDs)
	accountIDs = slices.Compact(accountIDs)
	// FOR NO KEY UPDATE: the lock an UPDATE takes; FOR UPDATE would also
	// block foreign-key checks.
	q := "SELECT account_id, balance FROM account_balances WHERE account_id IN ? ORDER BY account_id" +
		database.DialectOf(tx).ForNoKeyUpdate()
	var rows []struct{ AccountID, Balance int64 }
	if err := tx.Raw(q, accountIDs).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("lock ledger balances: %w", err)
	}
	if len(rows) != len(accountIDs) {
		return nil, fmt.Errorf("lock ledger balances: %d of %d accounts have a balance row", len(rows), len(accountIDs))
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.AccountID] = r.Balance
	}
	return out, nil
}
