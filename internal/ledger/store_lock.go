package ledger

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// Lock takes the balance locks of the accounts in tx, in the one global
// order Post uses, creating accounts that do not exist yet; it changes no
// balance. Post keeps that order within one entry, but a transaction that
// posts several entries (one per order line and tier, all through the
// merchant's expense account) would hold the first entry's accounts while
// waiting for the next one's, and deadlock on PostgreSQL with a
// transaction doing the same the other way round. Such a transaction calls
// Lock first with every account it will post to. On SQLite, whose writers
// never overlap, it only creates the accounts.
// Errors: invalid (an account outside the chart).
func Lock(ctx context.Context, tx *gorm.DB, accounts ...Account) error {
	for _, a := range accounts {
		if err := a.validate(); err != nil {
			return err
		}
	}
	tx = tx.WithContext(ctx)
	sorted := slices.Compact(slices.SortedFunc(slices.Values(accounts), compareAccounts))
	if len(sorted) == 0 {
		return nil
	}
	lines := make([]Line, len(sorted))
	for i, a := range sorted {
		lines[i] = Line{Account: a}
	}
	// accountIDs looks them all up at once and creates the missing ones in
	// the global order; the locks are then taken one by one in that order.
	ids, err := accountIDs(tx, lines, database.Now())
	if err != nil {
		return err
	}
	for i, id := range ids {
		if err := tx.Exec("UPDATE account_balances SET balance = balance WHERE account_id = ?", id).Error; err != nil {
			return fmt.Errorf("lock balance of %v: %w", sorted[i], err)
		}
	}
	return nil
}
