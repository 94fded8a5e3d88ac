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
	now := database.Now()
	for _, a := range slices.Compact(slices.SortedFunc(slices.Values(accounts), compareAccounts)) {
		// Account by account, so creating one is also in the global order.
		ids, err := accountIDs(tx, []Line{{Account: a}}, now)
		if err != nil {
			return err
		}
		if err := tx.Exec("UPDATE account_balances SET balance = balance WHERE account_id = ?", ids[0]).Error; err != nil {
			return fmt.Errorf("lock balance of %v: %w", a, err)
		}
	}
	return nil
}
