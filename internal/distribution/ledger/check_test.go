package ledger_test

import (
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/database"
)

func accountID(t *testing.T, db *gorm.DB, a ledger.Account) int64 {
	t.Helper()
	var id int64
	err := db.Raw("SELECT id FROM ledger_accounts WHERE owner_type = ? AND owner_id = ? AND kind = ?",
		a.OwnerType, a.OwnerID, a.Kind).Row().Scan(&id)
	if err != nil {
		t.Fatalf("account id of %v: %v", a, err)
	}
	return id
}

func mustExec(t *testing.T, db *gorm.DB, sql string, args ...any) {
	t.Helper()
	if err := db.Exec(sql, args...).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func check(t *testing.T, db *gorm.DB) ledger.Report {
	t.Helper()
	r, err := ledger.Check(ctx, db)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return r
}

func TestCheckFindsCorruptedCachedBalance(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 1, 500)
		fund(t, db, 2, 300)
		wantClean(t, db)

		id := accountID(t, db, available(2))
		mustExec(t, db, "UPDATE account_balances SET balance = balance + 1 WHERE account_id = ?", id)
		r := check(t, db)
		if r.OK() || len(r.Balances) != 1 || len(r.Unbalanced) != 0 {
			t.Fatalf("report:\n%s", r)
		}
		m := r.Balances[0]
		if m.AccountID != id || m.Account != available(2) || m.Cached != 301 || m.Folded != 300 || m.Missing {
			t.Fatalf("mismatch %+v", m)
		}
	})
}

func TestCheckFindsMissingBalanceRow(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 1, 500)
		id := accountID(t, db, available(1))
		mustExec(t, db, "DELETE FROM account_balances WHERE account_id = ?", id)
		r := check(t, db)
		if len(r.Balances) != 1 || !r.Balances[0].Missing || r.Balances[0].Folded != 500 {
			t.Fatalf("report:\n%s", r)
		}
	})
}

func TestCheckFindsUnbalancedEntryAndWrongRunningBalance(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 1, 500)
		var entryID, lineID int64
		if err := db.Raw("SELECT id FROM ledger_entries WHERE idem_key = 'fund:1:settle'").Row().Scan(&entryID); err != nil {
			t.Fatal(err)
		}
		// A stray line that bypassed Post: the entry no longer sums to
		// zero, and the account's cache no longer equals its lines.
		mustExec(t, db, "INSERT INTO ledger_lines (entry_id, account_id, amount, balance_after) VALUES (?, ?, 7, 507)",
			entryID, accountID(t, db, available(1)))
		// A line whose recorded running balance is wrong.
		if err := db.Raw("SELECT id FROM ledger_lines WHERE account_id = ? ORDER BY id LIMIT 1",
			accountID(t, db, pending(1))).Row().Scan(&lineID); err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, "UPDATE ledger_lines SET balance_after = 1 WHERE id = ?", lineID)

		r := check(t, db)
		if len(r.Unbalanced) != 1 || r.Unbalanced[0].EntryID != entryID || r.Unbalanced[0].Sum != 7 ||
			r.Unbalanced[0].Lines != 3 || r.Unbalanced[0].Key != "fund:1:settle" {
			t.Fatalf("unbalanced: %s", r)
		}
		if len(r.Balances) != 1 || r.Balances[0].Account != available(1) || r.Balances[0].Folded != 507 {
			t.Fatalf("balances: %s", r)
		}
		if len(r.Running) != 1 || r.Running[0].LineID != lineID || r.Running[0].Expected != 500 || r.Running[0].BalanceAfter != 1 {
			t.Fatalf("running: %s", r)
		}
	})
}

func TestCheckFindsEntryWithoutLines(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		mustExec(t, db, "INSERT INTO ledger_entries (idem_key, type, created_at) VALUES ('orphan', 'adjust', ?)", database.Now())
		r := check(t, db)
		if len(r.Unbalanced) != 1 || r.Unbalanced[0].Key != "orphan" || r.Unbalanced[0].Lines != 0 {
			t.Fatalf("report:\n%s", r)
		}
	})
}
