package ledger

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// resolveAccounts returns the id of every account of lines, looked up in
// one query; missing accounts (with a zero balance row) are created in the
// one global account order, so concurrent creators do not deadlock.
//
// Lock order: step 5 (see package distribution), before the balances.
func resolveAccounts(tx *gorm.DB, lines []Line, now time.Time) (map[Account]int64, error) {
	found, err := findAccounts(tx, lines)
	if err != nil {
		return nil, err
	}
	var missing []Account
	for _, l := range lines {
		if _, ok := found[l.Account]; !ok {
			missing = append(missing, l.Account)
		}
	}
	slices.SortFunc(missing, compareAccounts)
	for _, a := range slices.Compact(missing) {
		if found[a], err = createAccount(tx, a, now); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// findAccounts looks all the lines' accounts up in one query.
func findAccounts(tx *gorm.DB, lines []Line) (map[Account]int64, error) {
	conds := make([]string, 0, len(lines))
	args := make([]any, 0, 3*len(lines))
	asked := make(map[Account]bool, len(lines))
	for _, l := range lines {
		if asked[l.Account] {
			continue
		}
		asked[l.Account] = true
		conds = append(conds, "(owner_type = ? AND owner_id = ? AND kind = ?)")
		args = append(args, l.Account.OwnerType, l.Account.OwnerID, l.Account.Kind)
	}
	var rows []accountRow
	err := tx.Raw("SELECT id, owner_type, owner_id, kind FROM ledger_accounts WHERE "+strings.Join(conds, " OR "), args...).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find ledger accounts: %w", err)
	}
	found := make(map[Account]int64, len(rows))
	for _, r := range rows {
		found[Account{OwnerType: r.OwnerType, OwnerID: r.OwnerID, Kind: r.Kind}] = r.ID
	}
	return found, nil
}

// createAccount inserts the account and its balance row unless a concurrent
// transaction did; on PostgreSQL the insert waits for that transaction and
// the following SELECT sees its committed row.
func createAccount(tx *gorm.DB, a Account, now time.Time) (int64, error) {
	var ids []int64
	err := tx.Raw(`INSERT INTO ledger_accounts (owner_type, owner_id, kind, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (owner_type, owner_id, kind) DO NOTHING RETURNING id`, a.OwnerType, a.OwnerID, a.Kind, now).
		Scan(&ids).Error
	if err != nil {
		return 0, fmt.Errorf("create ledger account %v: %w", a, err)
	}
	if len(ids) == 1 {
		err := tx.Exec("INSERT INTO account_balances (account_id, balance, updated_at) VALUES (?, 0, ?)", ids[0], now).Error
		if err != nil {
			return 0, fmt.Errorf("create balance of %v: %w", a, err)
		}
		return ids[0], nil
	}
	err = tx.Raw("SELECT id FROM ledger_accounts WHERE owner_type = ? AND owner_id = ? AND kind = ?",
		a.OwnerType, a.OwnerID, a.Kind).Scan(&ids).Error
	if err != nil || len(ids) != 1 {
		return 0, fmt.Errorf("find ledger account %v after conflict: %w (%d rows)", a, err, len(ids))
	}
	return ids[0], nil
}

// sameAsPosted checks that a repeated key carries the same type and lines
// as the entry already posted under it: a reused key with other amounts is
// a bug that must not pass silently as "already applied".
func sameAsPosted(tx *gorm.DB, entryID int64, e Entry) error {
	var typ []string
	if err := tx.Raw("SELECT type FROM ledger_entries WHERE id = ?", entryID).Scan(&typ).Error; err != nil {
		return fmt.Errorf("load ledger entry %d: %w", entryID, err)
	}
	posted, err := loadLines(tx, []int64{entryID})
	if err != nil {
		return err
	}
	want := make(map[Account]money.Fen, len(e.Lines))
	for _, l := range e.Lines {
		want[l.Account] = l.Amount
	}
	same := len(typ) == 1 && typ[0] == string(e.Type) && len(posted[entryID]) == len(want)
	for _, l := range posted[entryID] {
		same = same && want[l.Account] == l.Amount
	}
	if !same {
		return apperr.Conflict("ledger key %s was already posted with different lines", e.Key).
			WithReason("idempotency_key_reused")
	}
	return nil
}
